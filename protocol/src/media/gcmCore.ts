// AES-GCM (NIST SP 800-38D §7) assembled from WebCrypto AES-CTR and our GHASH, so files can be
// processed chunk by chunk yet produce exactly the standard ciphertext || tag that other
// XEP-0454 clients (and WebCrypto's own AES-GCM) read.
// - H = E_K(0^128): AES-CTR over a zero block with counter 0.
// - J0 = IV || 0^31 || 1 for 96-bit IVs, else GHASH_H(IV || pad || [len(IV)]64) (§7.1 step 2).
// - C = GCTR_K(inc32(J0), P): AES-CTR with a 32-bit counter ("length: 32" is exactly inc32).
// - T = E_K(J0) xor GHASH_H(C || pad || [0]64 || [len(C)]64) (no additional data here).
import { CryptoError } from '../errors.ts';
import { ownedBytes } from '../encoding.ts';
import { Ghash } from './ghash.ts';

export const GCM_TAG_BYTES = 16;
export const MEDIA_KEY_BYTES = 32;

// Named through globalThis so the types hold under both DOM and @types/node typings.
type Subtle = typeof globalThis.crypto.subtle;
export type AesKey = Awaited<ReturnType<Subtle['importKey']>>;

export interface GcmState {
  key: AesKey;
  ghash: Ghash;
  /** J0 (pre-counter block). */
  j0: Uint8Array;
  /** E_K(J0), which masks the tag. */
  tagMask: Uint8Array;
}

const subtle = (): Subtle => globalThis.crypto.subtle;

export async function initGcm(rawKey: Uint8Array, iv: Uint8Array): Promise<GcmState> {
  if (rawKey.length !== MEDIA_KEY_BYTES) throw new CryptoError('bad-key', `AES-256 key must be 32 bytes, got ${rawKey.length}`);
  if (iv.length !== 12 && iv.length !== 16) throw new CryptoError('bad-key', `IV must be 12 or 16 bytes, got ${iv.length}`);
  const key = await subtle().importKey('raw', ownedBytes(rawKey), { name: 'AES-CTR' }, false, ['encrypt']);
  const h = await ctr(key, new Uint8Array(16), new Uint8Array(16));
  const ghash = new Ghash(h);
  const j0 = iv.length === 12 ? preCounter96(iv) : preCounterHashed(h, iv);
  const tagMask = await ctr(key, j0, new Uint8Array(16));
  return { key, ghash, j0, tagMask };
}

/**
 * Keystream-XORs `data`, the `blockOffset`-th block onward of the message, i.e. with counter
 * inc32^(1 + blockOffset)(J0). `blockOffset` must account for every earlier byte (multiples of 16).
 */
export async function gctr(state: GcmState, blockOffset: number, data: Uint8Array): Promise<Uint8Array> {
  const counter = state.j0.slice();
  const view = new DataView(counter.buffer);
  view.setUint32(12, (view.getUint32(12) + 1 + blockOffset) >>> 0);
  return ctr(state.key, counter, data);
}

/** The 16-byte tag after all ciphertext has gone through `state.ghash.update`. */
export function finalTag(state: GcmState, ciphertextBytes: number): Uint8Array {
  const s = state.ghash.finish(0, ciphertextBytes);
  for (let i = 0; i < 16; i++) s[i]! ^= state.tagMask[i]!;
  return s;
}

async function ctr(key: AesKey, counter: Uint8Array, data: Uint8Array): Promise<Uint8Array> {
  const out = await subtle().encrypt({ name: 'AES-CTR', counter: ownedBytes(counter), length: 32 }, key, ownedBytes(data));
  return new Uint8Array(out);
}

function preCounter96(iv: Uint8Array): Uint8Array {
  const j0 = new Uint8Array(16);
  j0.set(iv);
  j0[15] = 1;
  return j0;
}

function preCounterHashed(h: Uint8Array, iv: Uint8Array): Uint8Array {
  const g = new Ghash(h);
  g.update(iv); // zero-padded to a block boundary
  // The length block for J0 is 0^64 || [len(IV)]64: our finish(a, c) writes [a]64 || [c]64.
  return g.finish(0, iv.length);
}
