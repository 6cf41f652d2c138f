// The one door between the web client and OX (XEP-0373/0374) in @sealpost/protocol: key
// generation, PEP publication and discovery, secret-key backup, signcrypt and decryption.
// It does no I/O of its own: callers pass `iq` (send a request, get the result).
import {
  bareJid, buildFetchPublicKey, buildFetchPublicKeysList, buildFetchSecretKey, buildMarkable, buildPublishPublicKey,
  buildPublishPublicKeysList, buildPublishSecretKey, createOxDecryptor, createOxMessage, decryptSecretKeyBackup,
  type Element, encryptSecretKeyBackup, fingerprintOf, fromBase64, generateBackupCode, generateOxKey, isOxMessage,
  normalizeBackupCode, type OxDecryptContext, type OxDecryptor, type OxDecryptResult, type OxPayload, oxPayload,
  parsePublicKeyResult, parsePublicKeysListEvent, parsePublicKeysListResult, parseSecretKeyResult, type PrivateKey,
  ProtocolParseError, publicKeyBytes, type PublicKey, readPrivateKey, readPublicKey, toBase64, type PubkeyMetadata, parseJid, xml,
  type ReplayCache,
} from '@sealpost/protocol';

export type { OxDecryptResult, OxPayload, PrivateKey, PublicKey };
export { isOxMessage, oxPayload, toBase64, fromBase64 };

export type Iq = (request: Element) => Promise<Element>;

export interface OwnKey {
  privateKey: PrivateKey;
  fingerprint: string;
}

export interface PeerKey {
  fingerprint: string;
  key: PublicKey;
  bytes: Uint8Array;
}

export async function generateAccountKey(jid: string): Promise<OwnKey> {
  const { privateKey, fingerprint } = await generateOxKey({ jid });
  return { privateKey, fingerprint };
}

export function serializePrivateKey(key: PrivateKey): Uint8Array {
  return key.write();
}

export async function loadPrivateKey(bytes: Uint8Array, jid: string): Promise<OwnKey> {
  const privateKey = await readPrivateKey(bytes, { jid });
  return { privateKey, fingerprint: fingerprintOf(privateKey) };
}

/** XEP-0373 §4.1-4.2: data node first, then the metadata list (keeping other devices' keys). */
export async function publishPublicKey(iq: Iq, own: OwnKey, others: readonly PubkeyMetadata[] = []): Promise<void> {
  const date = new Date();
  await iq(buildPublishPublicKey({ fingerprint: own.fingerprint, keyData: publicKeyBytes(own.privateKey), date }));
  const keys = [{ fingerprint: own.fingerprint, date }, ...others.filter((k) => k.fingerprint !== own.fingerprint)];
  await iq(buildPublishPublicKeysList({ keys }));
}

/**
 * Tells the server's key directory (the gateway component) that we published, so it
 * re-reads our PEP nodes now: `<iq type='set'><published xmlns='urn:sealpost:directory:0'/>`.
 * Best effort: a server without the directory simply answers with an error.
 */
export async function notifyDirectory(iq: Iq, jid: string): Promise<void> {
  const { domain } = parseJid(jid);
  // TODO(protocol): use the builder once it moves from gateway/src/directory/stanzas.ts.
  await iq(xml('iq', { type: 'set', to: `gateway.${domain}` }, xml('published', { xmlns: NS_DIRECTORY })));
}

const NS_DIRECTORY = 'urn:sealpost:directory:0';

/** Announced key list of `jid` (empty when the node is missing). */
export async function fetchAnnouncedKeys(iq: Iq, jid: string): Promise<PubkeyMetadata[]> {
  try {
    return parsePublicKeysListResult(await iq(buildFetchPublicKeysList({ to: bareJid(jid) })));
  } catch (err) {
    if (err instanceof ProtocolParseError && err.code === 'stanza-error') return [];
    if (isStanzaErrorLike(err)) return [];
    throw err;
  }
}

/** One public key, read through the import policy (must carry `xmpp:<jid>`). */
export async function fetchPeerKey(iq: Iq, jid: string, fingerprint: string): Promise<PeerKey> {
  const bytes = parsePublicKeyResult(await iq(buildFetchPublicKey({ to: bareJid(jid), fingerprint })), fingerprint);
  return peerKeyFromBytes(bytes, jid, fingerprint);
}

export async function peerKeyFromBytes(bytes: Uint8Array, jid: string, fingerprint?: string): Promise<PeerKey> {
  const key = await readPublicKey(bytes, { jid });
  const actual = fingerprintOf(key);
  if (fingerprint !== undefined && actual !== fingerprint) throw new Error(`key ${actual} announced as ${fingerprint}`);
  return { fingerprint: actual, key, bytes };
}

export function publicKeyOf(own: OwnKey): PublicKey {
  return own.privateKey.toPublic();
}

/** Key-list notification (PEP +notify), or undefined. */
export function parseKeyListEvent(stanza: Element): string[] | undefined {
  try {
    return parsePublicKeysListEvent(stanza)?.map((k) => k.fingerprint);
  } catch {
    return undefined;
  }
}

/** XEP-0373 §5: a fresh backup code, and the encrypted backup published in PEP. */
export async function publishBackup(iq: Iq, own: OwnKey): Promise<string> {
  const code = generateBackupCode();
  const data = await encryptSecretKeyBackup({ privateKeys: [own.privateKey], code });
  await iq(buildPublishSecretKey({ data }));
  return code;
}

export async function fetchBackup(iq: Iq): Promise<Uint8Array | undefined> {
  try {
    return parseSecretKeyResult(await iq(buildFetchSecretKey()));
  } catch (err) {
    if ((err instanceof ProtocolParseError && err.code === 'stanza-error') || isStanzaErrorLike(err)) return undefined;
    throw err;
  }
}

/** Throws CryptoError('wrong-backup-code') or a ProtocolParseError for a malformed code. */
export async function restoreBackup(data: Uint8Array, code: string, jid: string): Promise<OwnKey> {
  const [privateKey] = await decryptSecretKeyBackup({ data, code: normalizeBackupCode(code), jid });
  if (!privateKey) throw new Error('backup holds no key');
  return { privateKey, fingerprint: fingerprintOf(privateKey) };
}

export interface EncryptOptions {
  id: string;
  to: string;
  payload: OxPayload;
  recipientKeys: readonly PublicKey[];
  own: OwnKey;
  ownOtherKeys?: readonly PublicKey[];
}

/** The complete outer message: signcrypt to the peer and to ourselves, markable (XEP-0333). */
export async function encryptMessage(options: EncryptOptions): Promise<Element> {
  const message = await createOxMessage({
    to: [bareJid(options.to)],
    payload: options.payload,
    recipientKeys: options.recipientKeys,
    signingKey: options.own.privateKey,
    ownKeys: options.ownOtherKeys ?? [],
    id: options.id,
    type: 'chat',
  });
  message.append(buildMarkable());
  return message;
}

export function createDecryptor(options: {
  ownJid: string;
  own: OwnKey;
  senderKeys: (jid: string) => Promise<readonly PublicKey[]>;
  /** The account's persistent replay memory (in memory for this page when absent). */
  replayCache?: ReplayCache;
}): OxDecryptor {
  return createOxDecryptor({
    ownJid: options.ownJid,
    decryptionKeys: [options.own.privateKey],
    // The signed time is judged against the server's receipt time (delay or archive stamp,
    // passed per message), so old history stays readable (§3.1).
    senderKeys: options.senderKeys,
    ...(options.replayCache ? { replayCache: options.replayCache } : {}),
  });
}

export type { OxDecryptContext };

export { comparisonCode, fingerprintUri, formatFingerprint } from './fingerprints.ts';

function isStanzaErrorLike(err: unknown): boolean {
  return typeof err === 'object' && err !== null && 'condition' in err && typeof (err as { condition: unknown }).condition === 'string';
}
