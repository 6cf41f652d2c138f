// One-shot AES-256-GCM for media that fits in memory (thumbnails, small files), through
// WebCrypto's own AES-GCM: decryption returns nothing unless the tag verifies. Same format as
// the streams: ciphertext || 16-byte tag.
import { CryptoError } from '../errors.ts';
import { ownedBytes, randomBytes } from '../encoding.ts';
import { type AesKey, MEDIA_KEY_BYTES } from './gcmCore.ts';
import type { MediaCipherParams } from './gcmStream.ts';

/** A fresh random key (32 bytes) and IV (12 bytes) for one file (XEP-0454 §3). */
export function generateMediaParams(): MediaCipherParams {
  return { key: randomBytes(MEDIA_KEY_BYTES), iv: randomBytes(12) };
}

export async function encryptMedia(params: MediaCipherParams, plaintext: Uint8Array): Promise<Uint8Array> {
  const key = await importGcmKey(params, 'encrypt');
  const out = await globalThis.crypto.subtle.encrypt({ name: 'AES-GCM', iv: ownedBytes(params.iv), tagLength: 128 }, key, ownedBytes(plaintext));
  return new Uint8Array(out);
}

export async function decryptMedia(params: MediaCipherParams, ciphertext: Uint8Array): Promise<Uint8Array> {
  const key = await importGcmKey(params, 'decrypt');
  if (ciphertext.length < 16) throw new CryptoError('truncated', 'encrypted media is shorter than its authentication tag');
  try {
    const out = await globalThis.crypto.subtle.decrypt({ name: 'AES-GCM', iv: ownedBytes(params.iv), tagLength: 128 }, key, ownedBytes(ciphertext));
    return new Uint8Array(out);
  } catch {
    throw new CryptoError('auth-failed', 'encrypted media failed authentication');
  }
}

async function importGcmKey(params: MediaCipherParams, usage: 'encrypt' | 'decrypt'): Promise<AesKey> {
  if (params.key.length !== MEDIA_KEY_BYTES) throw new CryptoError('bad-key', 'AES-256 key must be 32 bytes');
  if (params.iv.length !== 12 && params.iv.length !== 16) throw new CryptoError('bad-key', 'IV must be 12 or 16 bytes');
  return globalThis.crypto.subtle.importKey('raw', ownedBytes(params.key), { name: 'AES-GCM' }, false, [usage]);
}
