// Receiving side of XEP-0373 §3.1: decrypt the `<openpgp/>` element and enforce every MUST:
// - the signature is valid and made by a key of the sender (openpgp.js `expectSigned` with
//   the sender's announced keys as `verificationKeys`);
// - that key carries the user ID `xmpp:<sender bare JID>`;
// - one `<to/>` equals the outer `to` (prevents surreptitious forwarding);
// - `<time/>` is plausible (RECOMMENDED): not in the future, not older than `maxAgeMs`,
//   judged against the time the server received the message;
// - the same signcrypt was not seen before under another server id (replay, ox/replay.ts).
// Failures are returned, never thrown (ox/result.ts).
import type { Element } from '../xml/element.ts';
import { parseXml, type XmlLimits } from '../xml/parse.ts';
import { openpgp, type PrivateKey, type PublicKey, SAFE_CONFIG } from '../crypto/openpgp.ts';
import { fromBase64, ownedBytes, toHex, utf8Decode } from '../encoding.ts';
import { bareJid } from '../jid.ts';
import { errorMessage, ProtocolParseError } from '../errors.ts';
import { fingerprintOf } from '../keys/fingerprint.ts';
import { hasXmppUserId } from '../keys/userId.ts';
import { parseOxMessage } from './message.ts';
import { parseSigncrypt } from './signcrypt.ts';
import type { ReplayCache } from './replay.ts';
import { diagnoseFailure } from './diagnose.ts';
import { oxFailure, type OxDecryptResult } from './result.ts';

export type SenderKeys = readonly PublicKey[] | ((bareJid: string) => Promise<readonly PublicKey[]>);

export interface OxDecryptPolicy {
  /** Largest accepted OpenPGP message (decoded base64), default 256 KiB. */
  maxMessageBytes?: number;
  /** How far `<time/>` may lie after the server's receipt time, default 5 minutes. */
  maxFutureSkewMs?: number;
  /** How far `<time/>` may lie before the server's receipt time, default 7 days. */
  maxAgeMs?: number;
  xmlLimits?: XmlLimits;
}

export interface DecryptOxOptions extends OxDecryptPolicy {
  /** The outer message, already unwrapped from carbons or MAM results. */
  stanza: Element;
  /** Our bare JID. */
  ownJid: string;
  /** Our unlocked secret keys. */
  decryptionKeys: readonly PrivateKey[];
  /** The sender's announced keys (read through the import policy), or a lookup. */
  senderKeys: SenderKeys;
  replayCache: ReplayCache;
  now?: Date;
  /** When the server received the message: XEP-0203 delay or MAM stamp. Default `now`. */
  receivedAt?: Date;
  /** Server-assigned id of this sighting (MAM result id). Default: our XEP-0359 stanza-id. */
  occurrence?: string;
}

export const DEFAULT_OX_DECRYPT_POLICY: Required<Omit<OxDecryptPolicy, 'xmlLimits'>> = {
  maxMessageBytes: 256 * 1024,
  maxFutureSkewMs: 5 * 60 * 1000,
  maxAgeMs: 7 * 24 * 60 * 60 * 1000,
};

export async function decryptOxMessage(options: DecryptOxOptions): Promise<OxDecryptResult> {
  const policy = { ...DEFAULT_OX_DECRYPT_POLICY, ...options };
  const now = options.now ?? new Date();
  const receivedAt = options.receivedAt ?? now;
  // Signatures made by a sender whose clock runs a little ahead are not "in the future".
  const verifyDate = new Date(now.getTime() + policy.maxFutureSkewMs);

  let envelope;
  let from: string;
  let outerTo: string;
  let ownJid: string;
  try {
    envelope = parseOxMessage(options.stanza);
    if (!envelope.from) throw new ProtocolParseError('missing-attribute', 'OX message lacks from');
    from = bareJid(envelope.from);
    outerTo = bareJid(envelope.to);
    ownJid = bareJid(options.ownJid);
  } catch (err) {
    return oxFailure('malformed', errorMessage(err));
  }
  if (from !== ownJid && outerTo !== ownJid) {
    return oxFailure('wrong-recipient', `message from ${from} to ${outerTo} does not concern ${ownJid}`, from);
  }

  let bytes: Uint8Array;
  let message;
  try {
    bytes = fromBase64(envelope.openpgp, policy.maxMessageBytes);
    message = await openpgp.readMessage({ binaryMessage: bytes, config: SAFE_CONFIG });
  } catch (err) {
    const tooLarge = err instanceof ProtocolParseError && err.code === 'xml-limit';
    return oxFailure(tooLarge ? 'too-large' : 'malformed', errorMessage(err), from);
  }
  const ownKeyIds = options.decryptionKeys.flatMap((k) => k.getKeyIDs());
  const recipients = message.getEncryptionKeyIDs();
  if (!recipients.some((id) => ownKeyIds.some((own) => own.equals(id, true)))) {
    return oxFailure('not-encrypted-to-us', `encrypted to ${recipients.map((id) => id.toHex()).join(', ') || 'no key'}`, from);
  }

  const senderKeys = typeof options.senderKeys === 'function' ? await options.senderKeys(from) : options.senderKeys;
  const trusted: PublicKey[] = [];
  const mismatched: PublicKey[] = [];
  for (const key of senderKeys) ((await hasXmppUserId(key, from, verifyDate)) ? trusted : mismatched).push(key);

  let plaintext: Uint8Array;
  let signerFingerprint: string;
  try {
    const result = await openpgp.decrypt({
      message,
      decryptionKeys: [...options.decryptionKeys],
      verificationKeys: trusted,
      expectSigned: true,
      format: 'binary',
      date: verifyDate,
      config: SAFE_CONFIG,
    });
    plaintext = result.data;
    signerFingerprint = await verifiedSigner(result.signatures, trusted);
  } catch (err) {
    const diagnosis = await diagnoseFailure({ bytes, decryptionKeys: options.decryptionKeys, trusted, mismatched, date: verifyDate, originalError: err });
    return oxFailure(diagnosis.reason, diagnosis.detail, from);
  }

  let signcrypt;
  try {
    signcrypt = parseSigncrypt(parseXml(utf8Decode(plaintext), options.xmlLimits));
  } catch (err) {
    const tooLarge = err instanceof ProtocolParseError && err.code === 'xml-limit';
    return oxFailure(tooLarge ? 'too-large' : 'malformed', `signcrypt: ${errorMessage(err)}`, from);
  }
  if (!signcrypt.to.includes(outerTo)) {
    return oxFailure('wrong-recipient', `signcrypt is addressed to ${signcrypt.to.join(', ')}, not ${outerTo}`, from);
  }
  const time = signcrypt.time.getTime();
  if (time > receivedAt.getTime() + policy.maxFutureSkewMs) {
    return oxFailure('future-time', `signed at ${signcrypt.time.toISOString()}, received ${receivedAt.toISOString()}`, from);
  }
  if (time < receivedAt.getTime() - policy.maxAgeMs) {
    return oxFailure('stale-time', `signed at ${signcrypt.time.toISOString()}, received ${receivedAt.toISOString()}`, from);
  }

  const digest = toHex(new Uint8Array(await globalThis.crypto.subtle.digest('SHA-256', ownedBytes(plaintext))));
  const occurrence = options.occurrence ?? envelope.stanzaIds.find((s) => sameBare(s.by, ownJid))?.id;
  const verdict = await options.replayCache.checkAndRecord({
    digest,
    occurrence,
    expiresAt: time + policy.maxAgeMs + policy.maxFutureSkewMs,
  });
  if (verdict === 'replay') {
    return oxFailure('replay', `signcrypt ${digest.slice(0, 16)} was already received under another id`, from);
  }
  return {
    ok: true,
    from,
    to: signcrypt.to,
    time: signcrypt.time,
    payload: signcrypt.payload,
    signerFingerprint,
    digest,
    duplicate: verdict === 'duplicate',
  };
}

/** Fingerprint of the trusted key behind the first signature that verifies. */
async function verifiedSigner(
  signatures: { keyID: Parameters<PublicKey['getKeys']>[0]; verified: Promise<true> }[],
  trusted: readonly PublicKey[],
): Promise<string> {
  for (const sig of signatures) {
    const ok = await sig.verified.then(
      () => true,
      () => false,
    );
    const key = trusted.find((k) => k.getKeys(sig.keyID).length > 0);
    if (ok && key) return fingerprintOf(key);
  }
  throw new Error('no verified signature'); // unreachable: expectSigned already required one
}

function sameBare(a: string, b: string): boolean {
  try {
    return bareJid(a) === bareJid(b);
  } catch {
    return false;
  }
}
