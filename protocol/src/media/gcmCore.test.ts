import test from 'ava';
import { gctr, initGcm } from './gcmCore.ts';
import { bytesEqual, ownedBytes, randomBytes } from '../encoding.ts';

// GCM increments only the low 32 bits of the counter block (inc32, SP 800-38D §6.2). With a
// 16-byte IV, J0 is a hash and its low word can sit just below 2^32: the keystream must wrap
// within 32 bits, not carry into the IV part.
test('gctr wraps the 32-bit counter like inc32, also when resumed at an offset', async (t) => {
  const rawKey = randomBytes(32);
  const state = await initGcm(rawKey, randomBytes(16));
  state.j0.set([0xff, 0xff, 0xff, 0xfe], 12); // inc32(J0) = ..FFFFFFFF, then ..00000000
  const key = await globalThis.crypto.subtle.importKey('raw', ownedBytes(rawKey), 'AES-CTR', false, ['encrypt']);
  const expected = new Uint8Array(64);
  for (let i = 0; i < 4; i++) {
    const counter = state.j0.slice();
    new DataView(counter.buffer).setUint32(12, (0xfffffffe + 1 + i) >>> 0);
    const block = await globalThis.crypto.subtle.encrypt({ name: 'AES-CTR', counter, length: 128 }, key, new Uint8Array(16));
    expected.set(new Uint8Array(block), i * 16);
  }
  t.true(bytesEqual(await gctr(state, 0, new Uint8Array(64)), expected));
  t.true(bytesEqual(await gctr(state, 2, new Uint8Array(32)), expected.subarray(32)));
});
