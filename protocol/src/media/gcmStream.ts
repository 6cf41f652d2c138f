// Streaming AES-256-GCM for XEP-0454 media, in constant memory: WHATWG TransformStreams that
// work the same in Node 20 and browsers. Encryption emits ciphertext then the 16-byte tag (the
// layout XEP-0454 expects: tag appended). Decryption holds back the last 16 bytes as the tag.
//
// UNAUTHENTICATED OUTPUT: decryption releases plaintext chunks before the tag at the end can be
// checked. If the tag does not match, the stream ERRORS with CryptoError('auth-failed') (or
// 'truncated' when shorter than a tag). Callers MUST treat everything read so far as untrusted
// and discard it on error: write to a temporary file and rename it, or buffer small files. For
// files that fit in memory, `decryptMedia()` (media/oneShot.ts) verifies before returning.
//
// Work is done in chunks of CHUNK_BYTES. AES-CTR of chunk n (WebCrypto, off the main thread in
// Node) overlaps GHASH of chunk n-1 (JS). Memory stays at a few chunks whatever the file size.
import { CryptoError } from '../errors.ts';
import { bytesEqual } from '../encoding.ts';
import { finalTag, GCM_TAG_BYTES, type GcmState, gctr, initGcm } from './gcmCore.ts';

export const CHUNK_BYTES = 256 * 1024; // a multiple of 16

export interface MediaCipherParams {
  /** 32-byte AES-256 key. */
  key: Uint8Array;
  /** 12-byte IV (XEP-0454); 16-byte IVs are accepted for reading older files. */
  iv: Uint8Array;
}

/** plaintext in, ciphertext || tag out. */
export function createEncryptStream(params: MediaCipherParams): TransformStream<Uint8Array, Uint8Array> {
  let state: GcmState;
  // Two staging buffers: one may still be read by the pending AES-CTR job while we fill the
  // other (we do not rely on WebCrypto copying its input synchronously).
  const buffers = [new Uint8Array(CHUNK_BYTES), new Uint8Array(CHUNK_BYTES)] as const;
  let current = 0;
  let staging: Uint8Array = buffers[0];
  let filled = 0;
  let blocks = 0; // blocks handed to AES-CTR so far
  let total = 0; // ciphertext bytes so far
  let pending: Promise<Uint8Array> | null = null; // CTR output not yet GHASHed and emitted

  async function drain(controller: TransformStreamDefaultController<Uint8Array>): Promise<void> {
    if (!pending) return;
    const ciphertext = await pending;
    pending = null;
    state.ghash.update(ciphertext);
    total += ciphertext.length;
    controller.enqueue(ciphertext);
  }

  async function submit(controller: TransformStreamDefaultController<Uint8Array>, length: number): Promise<void> {
    const job = gctr(state, blocks, staging.subarray(0, length));
    blocks += Math.ceil(length / 16);
    current ^= 1;
    staging = current === 0 ? buffers[0] : buffers[1];
    filled = 0;
    await drain(controller); // the previous job, which used the buffer we fill next
    pending = job;
  }

  return new TransformStream<Uint8Array, Uint8Array>({
    async start() {
      state = await initGcm(params.key, params.iv);
    },
    async transform(chunk, controller) {
      let offset = 0;
      while (offset < chunk.length) {
        const n = Math.min(CHUNK_BYTES - filled, chunk.length - offset);
        staging.set(chunk.subarray(offset, offset + n), filled);
        filled += n;
        offset += n;
        if (filled === CHUNK_BYTES) await submit(controller, CHUNK_BYTES);
      }
    },
    async flush(controller) {
      if (filled > 0) await submit(controller, filled);
      await drain(controller);
      controller.enqueue(finalTag(state, total));
    },
  });
}

/** ciphertext || tag in, plaintext out; errors on a wrong tag (see the warning above). */
export function createDecryptStream(params: MediaCipherParams): TransformStream<Uint8Array, Uint8Array> {
  let state: GcmState;
  // CHUNK_BYTES of ciphertext plus the 16 bytes that might turn out to be the tag.
  const staging = new Uint8Array(CHUNK_BYTES + GCM_TAG_BYTES);
  let filled = 0;
  let blocks = 0;
  let total = 0;

  async function process(controller: TransformStreamDefaultController<Uint8Array>, length: number): Promise<void> {
    const ciphertext = staging.subarray(0, length);
    const job = gctr(state, blocks, ciphertext); // runs while we GHASH the same bytes
    state.ghash.update(ciphertext);
    blocks += Math.ceil(length / 16);
    total += length;
    controller.enqueue(await job);
  }

  return new TransformStream<Uint8Array, Uint8Array>({
    async start() {
      state = await initGcm(params.key, params.iv);
    },
    async transform(chunk, controller) {
      let offset = 0;
      while (offset < chunk.length) {
        const n = Math.min(staging.length - filled, chunk.length - offset);
        staging.set(chunk.subarray(offset, offset + n), filled);
        filled += n;
        offset += n;
        if (filled === staging.length) {
          await process(controller, CHUNK_BYTES);
          staging.copyWithin(0, CHUNK_BYTES);
          filled = GCM_TAG_BYTES;
        }
      }
    },
    async flush(controller) {
      if (filled < GCM_TAG_BYTES) {
        controller.error(new CryptoError('truncated', 'encrypted media is shorter than its authentication tag'));
        return;
      }
      const tag = staging.slice(filled - GCM_TAG_BYTES, filled);
      if (filled > GCM_TAG_BYTES) await process(controller, filled - GCM_TAG_BYTES);
      if (!bytesEqual(finalTag(state, total), tag)) {
        controller.error(new CryptoError('auth-failed', 'encrypted media failed authentication: discard the output'));
      }
    },
  });
}
