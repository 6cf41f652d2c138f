// Web Key Directory names (draft-koch-openpgp-webkey-service §3.1): the local part, mapped to
// lowercase, hashed with SHA-1 and encoded in z-base-32 (RFC 6189 §5.1.6) gives 32 characters.
import { createHash } from 'node:crypto';

const ZBASE32 = 'ybndrfg8ejkmcpqxot1uwisza345h769';

/** z-base-32 of `bytes`, most significant bit first; a trailing partial group is zero-padded. */
export function zbase32(bytes: Uint8Array): string {
  let out = '';
  let buffer = 0;
  let bits = 0;
  for (const byte of bytes) {
    buffer = (buffer << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += ZBASE32[(buffer >>> (bits - 5)) & 31];
      bits -= 5;
    }
    buffer &= (1 << bits) - 1;
  }
  if (bits > 0) out += ZBASE32[(buffer << (5 - bits)) & 31];
  return out;
}

/** The WKD hash of a local part, e.g. `joe.doe` -> `iy9q119eutrkn8s1mk4r39qejnbu3n5q`. */
export function wkdHash(localPart: string): string {
  return zbase32(createHash('sha1').update(localPart.toLowerCase(), 'utf8').digest());
}

/** 32 z-base-32 characters. */
export const WKD_HASH = /^[ybndrfg8ejkmcpqxot1uwisza345h769]{32}$/;
