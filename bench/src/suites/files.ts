// Files through Prosody (XEP-0363 via the gateway's same-origin /file_share proxy), 100 MB and
// 1 GB: encrypted upload (file -> protocol's AES-256-GCM encrypt stream -> HTTP PUT, streamed)
// and encrypted download (GET -> decrypt stream, verified), beside an unencrypted upload and
// download of the same file through the same Prosody in the same run (the ceiling).
// This is the web client's data path with Node's HTTP in place of the browser's. Peak memory:
// the highest RSS of this process (which also runs the gateway's proxy) minus RSS before,
// and Prosody's own peak (VmHWM).
import { randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { BenchSuite } from '../main.ts';
import { fmt } from '../stats.ts';
import { printTable } from './ox.ts';
import { startStack } from '../../../tests/harness/stack.ts';
import {
  buildUploadSlotRequest, createDecryptStream, createEncryptStream, generateMediaParams, GCM_TAG_BYTES, parseUploadSlot, type MediaCipherParams,
} from '../../../protocol/src/index.ts';

const MB = 1000 * 1000;
const SIZES = (process.env['SEALPOST_BENCH_FILE_SIZES'] ?? '100,1000').split(',').map((s) => Number(s) * MB);

export const suite: BenchSuite = {
  title: 'Files through Prosody: encrypted vs plain upload/download (100 MB, 1 GB)',
  async run() {
    const dir = mkdtempSync(join(tmpdir(), 'sealpost-bench-files-'));
    const stack = await startStack({ env: { SEALPOST_UPLOAD_SIZE_LIMIT: String(2 * 1024 * MB), SEALPOST_UPLOAD_DAILY_QUOTA: String(20 * 1024 * MB) } });
    try {
      await stack.createUser('bench', 'bench-password-1');
      const client = await stack.xmppClient('bench', 'bench-password-1');
      const slot = async (size: number) =>
        parseUploadSlot(await client.xmpp.iqCaller.request(buildUploadSlotRequest({ to: `upload.${stack.domain}`, filename: `${randomBytes(16).toString('hex')}.bin`, size, contentType: 'application/octet-stream' }), 60_000));
      // Same-origin URLs as the browser sees them; reached through the gateway's proxy.
      const viaGateway = (url: string) => `${stack.gatewayUrl}${new URL(url).pathname}`;
      const rows: string[][] = [];
      for (const size of SIZES) {
        const file = join(dir, `plain-${size}.bin`);
        await pipeline(Readable.from(generate(size)), createWriteStream(file));
        const params = generateMediaParams();
        const label = size >= 1000 * MB ? `${size / (1000 * MB)} GB` : `${size / MB} MB`;

        const plainSlot = await slot(size);
        rows.push(await measure(label, 'plain upload (ceiling)', size, () => put(viaGateway(plainSlot.putUrl), plainSlot.putHeaders, size, webFile(file))));
        rows.push(await measure(label, 'plain download (ceiling)', size, () => get(viaGateway(plainSlot.getUrl), (s) => s, size)));

        const encSlot = await slot(size + GCM_TAG_BYTES);
        rows.push(await measure(label, 'encrypted upload', size, () => put(viaGateway(encSlot.putUrl), encSlot.putHeaders, size + GCM_TAG_BYTES, webFile(file).pipeThrough(createEncryptStream(params)))));
        rows.push(await measure(label, 'encrypted download', size, () => get(viaGateway(encSlot.getUrl), (s) => s.pipeThrough(createDecryptStream(params as MediaCipherParams)), size)));
        rmSync(file, { force: true });
      }
      await client.stop();
      printTable(['size', 'operation', 'MB/s', 'seconds', 'peak RSS delta MB (bench+gateway)', 'Prosody VmHWM MB'], rows);
      console.log(`(MB = 10^6 bytes; loopback; Node ${process.version}; Prosody 0.12 http_file_share behind the gateway proxy)`);
    } finally {
      await stack.stop();
      rmSync(dir, { recursive: true, force: true });
    }

    function prosodyPeakMb(): string {
      try {
        const pid = stack.prosody.child.pid;
        const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
        return m ? fmt(Number(m[1]) / 1024, 0) : '?';
      } catch {
        return '?';
      }
    }

    async function measure(label: string, op: string, bytes: number, run: () => Promise<void>): Promise<string[]> {
      (globalThis as { gc?: () => void }).gc?.();
      const base = process.memoryUsage().rss;
      let peak = base;
      const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 10);
      const t0 = performance.now();
      await run();
      const seconds = (performance.now() - t0) / 1000;
      clearInterval(sampler);
      peak = Math.max(peak, process.memoryUsage().rss);
      return [label, op, fmt(bytes / MB / seconds, 0), fmt(seconds, 2), fmt((peak - base) / 2 ** 20, 1), prosodyPeakMb()];
    }
  },
};

function* generate(size: number): Generator<Uint8Array> {
  const chunk = new Uint8Array(randomBytes(1024 * 1024));
  for (let sent = 0; sent < size; sent += chunk.length) yield size - sent >= chunk.length ? chunk : chunk.subarray(0, size - sent);
}

function webFile(file: string): ReadableStream<Uint8Array> {
  return Readable.toWeb(createReadStream(file, { highWaterMark: 256 * 1024 })) as unknown as ReadableStream<Uint8Array>;
}

function put(url: string, headers: Record<string, string>, length: number, body: ReadableStream<Uint8Array>): Promise<void> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: 'PUT', headers: { ...headers, 'Content-Type': 'application/octet-stream', 'Content-Length': String(length) } }, (res) => {
      res.resume();
      res.on('end', () => (res.statusCode && res.statusCode < 300 ? resolve() : reject(new Error(`PUT ${res.statusCode}`))));
    });
    req.on('error', reject);
    pipeline(Readable.fromWeb(body as never), req).catch(reject);
  });
}

function get(url: string, through: (s: ReadableStream<Uint8Array>) => ReadableStream<Uint8Array>, expected: number): Promise<void> {
  return new Promise((resolve, reject) => {
    request(url, (res) => {
      if (res.statusCode !== 200) return reject(new Error(`GET ${res.statusCode}`));
      let n = 0;
      const sink = new Writable({
        write(c: Uint8Array, _e, cb) {
          n += c.length;
          cb();
        },
      });
      pipeline(Readable.fromWeb(through(Readable.toWeb(res) as unknown as ReadableStream<Uint8Array>) as never), sink).then(
        () => (n === expected ? resolve() : reject(new Error(`got ${n} bytes, expected ${expected}`))),
        reject,
      );
    })
      .on('error', reject)
      .end();
  });
}
