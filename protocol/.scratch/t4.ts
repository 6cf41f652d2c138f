import { createEncryptStream, createDecryptStream } from '../src/media/gcmStream.ts';
import { encryptMedia, generateMediaParams, decryptMedia } from '../src/media/oneShot.ts';
import { randomBytes, bytesEqual } from '../src/encoding.ts';
async function collect(s: ReadableStream<Uint8Array>) { const parts: Uint8Array[] = []; for await (const c of s as any) parts.push(c); const n = parts.reduce((a, b) => a + b.length, 0); const out = new Uint8Array(n); let o = 0; for (const p of parts) { out.set(p, o); o += p.length; } return out; }
function source(data: Uint8Array, piece: number) { let o = 0; return new ReadableStream<Uint8Array>({ pull(c) { if (o >= data.length) { c.close(); return; } c.enqueue(data.slice(o, o + piece)); o += piece; } }); }
for (const size of [0, 1, 15, 16, 17, 100, 262143, 262144, 262145, 262160, 1000000]) {
  for (const ivLen of [12, 16]) {
    const p = { key: randomBytes(32), iv: randomBytes(ivLen) };
    const data = randomBytes(size);
    const ref = await encryptMedia(p, data);
    const mine = await collect(source(data, 7777).pipeThrough(createEncryptStream(p)));
    const dec = await collect(source(ref, 5000).pipeThrough(createDecryptStream(p)));
    console.log(size, ivLen, bytesEqual(ref, mine), bytesEqual(dec, data));
  }
}
const N = 100 * 1024 * 1024; const chunk = randomBytes(64 * 1024); const p = generateMediaParams();
function gen(n: number) { let o = 0; return new ReadableStream<Uint8Array>({ pull(c) { if (o >= n) { c.close(); return; } c.enqueue(chunk); o += chunk.length; } }); }
let t0 = performance.now(); let count = 0;
for await (const c of gen(N).pipeThrough(createEncryptStream(p)) as any) count += c.length;
const dt = performance.now() - t0; console.log('enc MB/s', (N / 1e6) / (dt / 1000), count, process.memoryUsage().rss / 1e6);
