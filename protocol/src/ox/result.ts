// The outcome of decrypting an OX message: either the verified content or exactly why it was
// refused, so the interface can say so (XEP-0373 §3.1 lists the MUST checks).
import type { OxPayload } from './payload.ts';

export type OxFailureReason =
  | 'malformed' // not an OX message, bad base64/OpenPGP/XML, or signcrypt schema violated
  | 'too-large' // payload or decompressed data over the limits
  | 'not-encrypted-to-us' // no session key for any of our keys
  | 'decryption-failed' // our key matched but the ciphertext is corrupt or tampered
  | 'unsigned' // encrypted without a signature (XEP-0374 §7: signcrypt only)
  | 'unknown-signer' // signed by a key that is not one of the sender's announced keys
  | 'bad-signature' // signature by a known key that does not verify
  | 'signer-uid-mismatch' // the signing key lacks the user ID `xmpp:<sender>`
  | 'wrong-recipient' // no `<to/>` equals the outer `to`, or the message is not for us
  | 'stale-time' // `<time/>` older than allowed
  | 'future-time' // `<time/>` too far in the future
  | 'replay'; // the same signcrypt seen before under another server-assigned id

export interface OxDecryptSuccess {
  ok: true;
  /** Bare JID of the verified sender. */
  from: string;
  /** Recipients named inside the signcrypt (bare JIDs). */
  to: string[];
  /** Signed `<time/>` of the signcrypt. */
  time: Date;
  payload: OxPayload;
  /** v4 fingerprint (uppercase) of the sender's primary key that made the signature. */
  signerFingerprint: string;
  /** SHA-256 (hex) of the signcrypt bytes: the replay-cache key, and the key to merge by. */
  digest: string;
  /** Seen before (e.g. live, then from MAM): show it once, merged by `digest`. */
  duplicate: boolean;
}

export interface OxDecryptFailure {
  ok: false;
  reason: OxFailureReason;
  /** Developer detail (not for end users verbatim). */
  detail: string;
  /** Claimed sender (outer `from`, bare), when known. */
  from?: string;
}

export type OxDecryptResult = OxDecryptSuccess | OxDecryptFailure;

export function oxFailure(reason: OxFailureReason, detail: string, from?: string): OxDecryptFailure {
  return from === undefined ? { ok: false, reason, detail } : { ok: false, reason, detail, from };
}
