// XEP-0373 §5.4: the secret-key backup: all secret keys concatenated as transferable keys
// with S2K usage 0 (no passphrase inside), encrypted as an OpenPGP message with a
// symmetric-key encrypted session key whose passphrase is the backup code including dashes.
// AES-256 and iterated-salted S2K (what Gajim, Conversations-era clients and GnuPG read);
// on decryption the Argon2 memory limit from crypto/openpgp.ts applies to hostile backups.
import { openpgp, type PrivateKey, SAFE_CONFIG } from '../crypto/openpgp.ts';
import { CryptoError, errorMessage, KeyPolicyError } from '../errors.ts';
import { readPrivateKeys, type ReadKeyOptions } from '../keys/read.ts';
import { isBackupCode } from './code.ts';

export async function encryptSecretKeyBackup(options: { privateKeys: readonly PrivateKey[]; code: string }): Promise<Uint8Array> {
  if (!isBackupCode(options.code)) throw new CryptoError('wrong-backup-code', 'not a XEP-0373 backup code');
  if (options.privateKeys.length === 0) throw new KeyPolicyError('not-secret', 'no secret key to back up');
  const parts: Uint8Array[] = [];
  for (const key of options.privateKeys) {
    if (!key.isDecrypted()) throw new KeyPolicyError('locked', 'unlock the secret key before backing it up');
    parts.push(key.write());
  }
  const message = await openpgp.createMessage({ binary: concat(parts) });
  return openpgp.encrypt({
    message,
    passwords: [options.code],
    format: 'binary',
    config: { ...SAFE_CONFIG, s2kType: openpgp.enums.s2k.iterated },
  });
}

/** Decrypts a backup and reads its keys through the import policy. */
export async function decryptSecretKeyBackup(
  options: { data: Uint8Array; code: string } & ReadKeyOptions,
): Promise<PrivateKey[]> {
  let plaintext: Uint8Array;
  try {
    const message = await openpgp.readMessage({ binaryMessage: options.data, config: SAFE_CONFIG });
    const result = await openpgp.decrypt({ message, passwords: [options.code], format: 'binary', config: SAFE_CONFIG });
    plaintext = result.data;
  } catch (err) {
    const message = errorMessage(err);
    if (/decompressed message size|argon2/i.test(message)) throw new CryptoError('too-large', message);
    throw new CryptoError('wrong-backup-code', `backup could not be decrypted: ${message}`);
  }
  return readPrivateKeys(plaintext, options);
}

function concat(parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let offset = 0;
  for (const p of parts) {
    out.set(p, offset);
    offset += p.length;
  }
  return out;
}
