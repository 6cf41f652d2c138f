// When the strict decryption (expectSigned with the sender's verified keys) fails, openpgp.js
// only throws an error string. To tell the user exactly why, we decrypt once more without
// requiring a signature and inspect the result with openpgp.js's structured data (key IDs,
// per-signature promises) instead of matching error strings. Runs only on failures, and
// under the same decompression limit.
import { openpgp, type PrivateKey, type PublicKey, SAFE_CONFIG } from '../crypto/openpgp.ts';
import { errorMessage } from '../errors.ts';
import type { OxFailureReason } from './result.ts';

export interface Diagnosis {
  reason: OxFailureReason;
  detail: string;
}

export async function diagnoseFailure(input: {
  bytes: Uint8Array;
  decryptionKeys: readonly PrivateKey[];
  /** Sender keys carrying the user ID `xmpp:<sender>`. */
  trusted: readonly PublicKey[];
  /** Sender keys without that user ID. */
  mismatched: readonly PublicKey[];
  date: Date;
  originalError: unknown;
}): Promise<Diagnosis> {
  const original = errorMessage(input.originalError);
  let signatures: { keyID: { toHex(): string }; verified: Promise<true> }[];
  try {
    const message = await openpgp.readMessage({ binaryMessage: input.bytes, config: SAFE_CONFIG });
    const result = await openpgp.decrypt({
      message,
      decryptionKeys: [...input.decryptionKeys],
      verificationKeys: [...input.trusted, ...input.mismatched],
      expectSigned: false,
      format: 'binary',
      date: input.date,
      config: SAFE_CONFIG,
    });
    signatures = result.signatures;
  } catch (err) {
    const message = errorMessage(err);
    if (/decompressed message size/i.test(message)) return { reason: 'too-large', detail: message };
    if (/session key decryption failed|no .*key packets found/i.test(message)) {
      return { reason: 'not-encrypted-to-us', detail: message };
    }
    return { reason: 'decryption-failed', detail: message };
  }
  if (signatures.length === 0) return { reason: 'unsigned', detail: 'encrypted payload carries no signature' };

  for (const sig of signatures) {
    const keyId = sig.keyID as Parameters<PublicKey['getKeys']>[0];
    const trusted = input.trusted.find((k) => k.getKeys(keyId).length > 0);
    const mismatched = input.mismatched.find((k) => k.getKeys(keyId).length > 0);
    const verified = await sig.verified.then(
      () => null,
      (err: unknown) => errorMessage(err),
    );
    if (trusted) {
      // openpgp.js refuses signatures made after `date` (now + allowed skew).
      if (verified !== null && /creation time is in the future/i.test(verified)) return { reason: 'future-time', detail: verified };
      if (verified !== null) return { reason: 'bad-signature', detail: verified };
    } else if (mismatched) {
      if (verified !== null) return { reason: 'bad-signature', detail: verified };
      return { reason: 'signer-uid-mismatch', detail: `signing key ${sig.keyID.toHex()} lacks the sender's xmpp: user ID` };
    } else {
      return { reason: 'unknown-signer', detail: `signed by key ${sig.keyID.toHex()}, not one of the sender's keys` };
    }
  }
  return { reason: 'bad-signature', detail: original };
}
