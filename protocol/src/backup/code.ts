// XEP-0373 §5.4 step 2: the backup code: 24 characters from secure random over
// 123456789ABCDEFGHIJKLMNPQRSTUVWXYZ (no 0, no O), in groups of 4 joined by dashes
// (29 chars). The whole code, dashes included, is the passphrase (step 3).
import { randomBytes } from '../encoding.ts';
import { ProtocolParseError } from '../errors.ts';

export const BACKUP_CODE_ALPHABET = '123456789ABCDEFGHIJKLMNPQRSTUVWXYZ';
const CODE = /^[1-9A-NP-Z]{4}(-[1-9A-NP-Z]{4}){5}$/;

/** A fresh backup code such as `TWNK-KD5Y-MT3T-E1GS-DRDB-KVTW`. */
export function generateBackupCode(): string {
  const chars: string[] = [];
  const limit = 256 - (256 % BACKUP_CODE_ALPHABET.length); // rejection sampling: no modulo bias
  while (chars.length < 24) {
    for (const b of randomBytes(32)) {
      if (b < limit && chars.length < 24) chars.push(BACKUP_CODE_ALPHABET[b % BACKUP_CODE_ALPHABET.length]!);
    }
  }
  return [0, 4, 8, 12, 16, 20].map((i) => chars.slice(i, i + 4).join('')).join('-');
}

export function isBackupCode(text: string): boolean {
  return CODE.test(text);
}

/**
 * The canonical code from what a user typed: case, spaces and dashes are forgiven, the
 * result is the exact 29-character passphrase. Throws ProtocolParseError if it cannot be one.
 */
export function normalizeBackupCode(input: string): string {
  const chars = input.toUpperCase().replace(/[\s-]+/g, '');
  if (!/^[1-9A-NP-Z]{24}$/.test(chars)) throw new ProtocolParseError('invalid-value', 'not a backup code');
  return chars.match(/.{4}/g)!.join('-');
}
