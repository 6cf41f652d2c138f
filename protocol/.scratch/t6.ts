import { randomBytes } from '../src/encoding.ts';
import { createCipheriv } from 'node:crypto';
const key = await crypto.subtle.importKey('raw', randomBytes(32), { name: 'AES-CTR' }, false, ['encrypt']);
const gk = await crypto.subtle.importKey('raw', randomBytes(32), { name: 'AES-GCM' }, false, ['encrypt']);
for (const sz of [64 * 1024, 256 * 1024, 1024 * 1024, 4 * 1024 * 1024]) {
  const d = randomBytes(sz); const reps = Math.ceil(100e6 / sz);
  for (const len of [32, 64, 128]) {
    const t0 = performance.now(); for (let i = 0; i < reps; i++) await crypto.subtle.encrypt({ name: 'AES-CTR', counter: new Uint8Array(16), length: len }, key, d);
    console.log(sz, len, 'ctr MB/s', (reps * sz / 1e6 / ((performance.now() - t0) / 1000)).toFixed(0));
  }
  let t0 = performance.now(); for (let i = 0; i < reps; i++) await crypto.subtle.encrypt({ name: 'AES-GCM', iv: new Uint8Array(12) }, gk, d);
  console.log(sz, 'gcm MB/s', (reps * sz / 1e6 / ((performance.now() - t0) / 1000)).toFixed(0));
  t0 = performance.now(); const c = createCipheriv('aes-256-ctr', randomBytes(32), randomBytes(16)); for (let i = 0; i < reps; i++) c.update(d);
  console.log(sz, 'node ctr MB/s', (reps * sz / 1e6 / ((performance.now() - t0) / 1000)).toFixed(0));
}
