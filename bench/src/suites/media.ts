// Encrypted media (XEP-0454 AES-256-GCM, tag appended): our streaming WebCrypto AES-CTR + TS
// GHASH TransformStreams, file to file, for 100 MB, against Node's own AES-256-GCM
// (node:crypto, OpenSSL) on the same data and machine in the same run: the ceiling.
// Peak memory is the highest RSS sampled during each run minus the RSS just before it.
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { BenchSuite } from '../main.ts';
import { fmt } from '../stats.ts';
import { printTable } from './ox.ts';
import { createDecryptStream, createEncryptStream, generateMediaParams } from '../../../protocol/src/index.ts';

const TOTAL = 100 * 1024 * 1024;
const SOURCE_CHUNK = 64 * 1024;

export const suite: BenchSuite = {
  title: 'Encrypted media: AES-256-GCM, 100 MB file to file',
  async run() {
    const dir = mkdtempSync(join(tmpdir(), 'sealpost-bench-media-'));
    const chunk = new Uint8Array(randomBytes(SOURCE_CHUNK));
    const plainFile = join(dir, 'plain.bin');
    const oursFile = join(dir, 'ours.enc');
    const nodeFile = join(dir, 'node.enc');
    try {
      await pipeline(Readable.from(generate(chunk)), createWriteStream(plainFile));
      const params = generateMediaParams();
      const rows: string[][] = [];

      rows.push(
        await measure('ours (WHATWG streams)', 'encrypt', () =>
          toFile(webSource(plainFile).pipeThrough(createEncryptStream(params)), oursFile),
        ),
      );
      rows.push(
        await measure('ours (WHATWG streams)', 'decrypt', () => countBytes(webSource(oursFile).pipeThrough(createDecryptStream(params)))),
      );

      const key = Buffer.from(params.key);
      const iv = Buffer.from(params.iv);
      rows.push(
        await measure('node:crypto aes-256-gcm', 'encrypt', async () => {
          const cipher = createCipheriv('aes-256-gcm', key, iv);
          const out = createWriteStream(nodeFile);
          await pipeline(createReadStream(plainFile, { highWaterMark: 256 * 1024 }), cipher, out, { end: false });
          await new Promise<void>((resolve, reject) => out.end(cipher.getAuthTag(), () => resolve()).on('error', reject));
        }),
      );
      const size = statSync(nodeFile).size;
      rows.push(
        await measure('node:crypto aes-256-gcm', 'decrypt', async () => {
          const decipher = createDecipheriv('aes-256-gcm', key, iv);
          const tag = await readTail(nodeFile, size);
          decipher.setAuthTag(tag);
          let n = 0;
          await pipeline(
            createReadStream(nodeFile, { end: size - 17, highWaterMark: 256 * 1024 }),
            decipher,
            new Writable({
              write(c: Buffer, _e, cb) {
                n += c.length;
                cb();
              },
            }),
          );
          if (n !== TOTAL) throw new Error('node decrypt size mismatch');
        }),
      );
      if (statSync(oursFile).size !== size) throw new Error('ciphertext sizes differ');
      printTable(['implementation', 'operation', 'MB/s', 'seconds', 'peak RSS delta MB'], rows);
      console.log(`(${TOTAL / 2 ** 20} MiB, plaintext and ciphertext in files under ${tmpdir()}, Node ${process.version})`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  },
};

function* generate(chunk: Uint8Array): Generator<Uint8Array> {
  for (let sent = 0; sent < TOTAL; sent += chunk.length) yield chunk;
}

function webSource(file: string): ReadableStream<Uint8Array> {
  return Readable.toWeb(createReadStream(file, { highWaterMark: 256 * 1024 })) as unknown as ReadableStream<Uint8Array>;
}

async function toFile(stream: ReadableStream<Uint8Array>, file: string): Promise<void> {
  await pipeline(Readable.fromWeb(stream as never), createWriteStream(file));
}

async function countBytes(stream: ReadableStream<Uint8Array>): Promise<void> {
  let n = 0;
  const reader = stream.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    n += value.length;
  }
  if (n !== TOTAL) throw new Error(`decrypted ${n} bytes, expected ${TOTAL}`);
}

async function readTail(file: string, size: number): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const c of createReadStream(file, { start: size - 16 })) parts.push(c as Buffer);
  return Buffer.concat(parts);
}

async function measure(impl: string, op: string, run: () => Promise<void>): Promise<string[]> {
  (globalThis as { gc?: () => void }).gc?.();
  const base = process.memoryUsage().rss;
  let peak = base;
  const sampler = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 5);
  const t0 = performance.now();
  await run();
  const seconds = (performance.now() - t0) / 1000;
  clearInterval(sampler);
  peak = Math.max(peak, process.memoryUsage().rss);
  return [impl, op, fmt(TOTAL / 1e6 / seconds, 0), fmt(seconds, 2), fmt((peak - base) / 2 ** 20, 1)];
}
