// XEP-0373 §3.1: `<rpad/>` is "random-length random-content padding" so the ciphertext
// length does not reveal the message length exactly.
import { randomBytes } from '../encoding.ts';

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
export const MAX_RPAD_LENGTH = 200;

/** Random padding of uniformly random length 0..MAX_RPAD_LENGTH (inclusive). */
export function randomPadding(): string {
  const lengthBytes = randomBytes(2);
  const length = ((lengthBytes[0]! << 8) | lengthBytes[1]!) % (MAX_RPAD_LENGTH + 1);
  const chars = randomBytes(length);
  let out = '';
  for (const b of chars) out += ALPHABET[b & 63]!;
  return out;
}
