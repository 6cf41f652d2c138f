import { Ghash } from '../src/media/ghash.ts';
import { randomBytes } from '../src/encoding.ts';
const g = new Ghash(randomBytes(16)); const d = randomBytes(256 * 1024);
for (let r = 0; r < 3; r++) { const t0 = performance.now(); for (let i = 0; i < 400; i++) g.update(d); const dt = performance.now() - t0; console.log('ghash MB/s', 400 * d.length / 1e6 / (dt / 1000)); }
const key = await crypto.subtle.importKey('raw', randomBytes(32), { name: 'AES-CTR' }, false, ['encrypt']);
const t0 = performance.now(); for (let i = 0; i < 400; i++) await crypto.subtle.encrypt({ name: 'AES-CTR', counter: new Uint8Array(16), length: 32 }, key, d); console.log('ctr MB/s', 400 * d.length / 1e6 / ((performance.now() - t0) / 1000));
