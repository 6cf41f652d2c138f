// Sending side of XEP-0373 §3 / XEP-0374: build the signcrypt, sign it with our key and
// encrypt it to every announced key of every recipient AND to all of our own keys (§3.1
// "SHOULD also be encrypted to self"; XEP-0374 §7 "all keys MUST be used"), then wrap it in
// the outer message.
import type { Element } from '../xml/element.ts';
import { openpgp, type PrivateKey, type PublicKey, SAFE_CONFIG } from '../crypto/openpgp.ts';
import { toBase64, utf8Encode } from '../encoding.ts';
import { bareJid } from '../jid.ts';
import { buildOxMessage, type OxMessageType } from './message.ts';
import type { OxPayload } from './payload.ts';
import { buildSigncrypt } from './signcrypt.ts';

export interface SigncryptOptions {
  /** Recipients' bare JIDs (one for a chat). They go into `<to/>`. */
  to: readonly string[];
  payload: OxPayload;
  /** Every announced key of every recipient (already read through the import policy). */
  recipientKeys: readonly PublicKey[];
  /** Our unlocked secret key: signs, and its public part is an encryption recipient. */
  signingKey: PrivateKey;
  /** Our other announced public keys (other devices); the signing key is always included. */
  ownKeys?: readonly PublicKey[];
  now?: Date;
  /** Fixed padding, for tests only. */
  rpad?: string;
}

/** Returns the base64 OpenPGP message for an `<openpgp/>` element. */
export async function signcryptPayload(options: SigncryptOptions): Promise<string> {
  if (options.recipientKeys.length === 0) throw new Error('signcrypt needs at least one recipient key');
  const now = options.now ?? new Date();
  const signcrypt = buildSigncrypt({
    to: options.to.map(bareJid),
    time: now,
    payload: options.payload,
    ...(options.rpad !== undefined ? { rpad: options.rpad } : {}),
  });
  const message = await openpgp.createMessage({ binary: utf8Encode(signcrypt.toString()), date: now });
  const encrypted = await openpgp.encrypt({
    message,
    encryptionKeys: dedupe([...options.recipientKeys, options.signingKey.toPublic(), ...(options.ownKeys ?? [])]),
    signingKeys: options.signingKey,
    date: now,
    format: 'binary',
    config: SAFE_CONFIG,
  });
  return toBase64(encrypted);
}

export interface OxMessageOptions extends SigncryptOptions {
  /** Outer `to` (bare JID of the peer). Defaults to the single `to` recipient. */
  stanzaTo?: string;
  id?: string;
  type?: OxMessageType;
  fallbackBody?: string;
}

/** The complete outer `<message/>` ready for `xmpp.send()`. */
export async function createOxMessage(options: OxMessageOptions): Promise<Element> {
  const stanzaTo = options.stanzaTo ?? options.to[0];
  if (stanzaTo === undefined) throw new Error('OX message needs a recipient');
  const openpgpData = await signcryptPayload(options);
  return buildOxMessage({
    to: stanzaTo,
    openpgp: openpgpData,
    ...(options.id !== undefined ? { id: options.id, originId: options.id } : {}),
    ...(options.type !== undefined ? { type: options.type } : {}),
    ...(options.fallbackBody !== undefined ? { fallbackBody: options.fallbackBody } : {}),
  });
}

function dedupe(keys: PublicKey[]): PublicKey[] {
  const seen = new Set<string>();
  return keys.filter((k) => {
    const fpr = k.getFingerprint();
    if (seen.has(fpr)) return false;
    seen.add(fpr);
    return true;
  });
}
