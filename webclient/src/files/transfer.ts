// Moving encrypted bytes over HTTP in bounded memory (XEP-0363 + XEP-0454).
// Large files are encrypted or downloaded by the spool worker (workerSpool.ts), straight to
// disk and off the main thread; small ones, or browsers without it, on the page (spool.ts).
// Upload: the file is encrypted chunk by chunk (protocol's AES-256-GCM stream) into a spool,
// then PUT with XMLHttpRequest for progress and
// cancel: fetch() streams request bodies only over HTTP/2.
// Download: the response body flows through the decrypt stream into a spool; its Blob is
// handed out only once the GCM tag verified (the stream errors otherwise, and the spool is
// discarded). Whoever gets a Spooled releases it when done (the file on disk is removed).
import { buildAesgcmUrl, parseAesgcmUrl } from '@sealpost/protocol/media/aesgcmUrl.ts';
import { createDecryptStream, createEncryptStream, type MediaCipherParams } from '@sealpost/protocol/media/gcmStream.ts';
import { DISK_SPOOL_FROM_BYTES, openSpool, type Spool } from './spool.ts';
import { downloadInWorker, encryptInWorker, SpoolJobError, type WorkerSpooled } from './workerSpool.ts';

export type Progress = (done: number, total: number) => void;

export class TransferError extends Error {
  override readonly name = 'TransferError';
  constructor(readonly code: 'aborted' | 'network' | 'http' | 'auth-failed', readonly status?: number) {
    super(code + (status ? ` ${status}` : ''));
  }
}

/** A Blob backed by a spool: call `release` once it is no longer needed. */
export interface Spooled {
  blob: Blob;
  release(): Promise<void>;
}

/** Encrypts `file` into a spooled Blob of ciphertext || tag; progress counts plaintext read. */
export async function encryptToSpool(file: Blob, params: MediaCipherParams, signal?: AbortSignal, progress?: Progress): Promise<Spooled> {
  if (file.size >= DISK_SPOOL_FROM_BYTES) {
    const done = await inWorker(() => encryptInWorker(file, params, signal, progress));
    if (done) return done;
  }
  const ciphertext = counted(file.stream(), file.size, progress).pipeThrough(createEncryptStream(params));
  return drainToSpool(ciphertext, file.size, 'application/octet-stream', signal);
}

/**
 * Reads `stream` into a spool and returns its Blob of `type`. On any failure the spool is
 * discarded (for a decryption: the unauthenticated plaintext, protocol/README.md) and the
 * error is a TransferError: aborted, auth-failed (GCM tag or truncation) or network.
 */
async function drainToSpool(stream: ReadableStream<Uint8Array>, expectedBytes: number, type: string, signal?: AbortSignal): Promise<Spooled> {
  const spool = await openSpool(expectedBytes);
  const reader = stream.getReader();
  try {
    for (;;) {
      if (signal?.aborted) {
        await reader.cancel().catch(() => {});
        throw new TransferError('aborted');
      }
      const { value, done } = await reader.read();
      if (done) break;
      await spool.write(value);
    }
    return spooled(spool, await spool.finish(type));
  } catch (err) {
    await spool.discard();
    if (err instanceof TransferError) throw err;
    if (signal?.aborted) throw new TransferError('aborted');
    if (err instanceof Error && /auth|truncated/i.test(`${(err as { code?: string }).code ?? ''} ${err.message}`)) throw new TransferError('auth-failed');
    throw new TransferError('network');
  }
}

function spooled(spool: Spool, blob: Blob): Spooled {
  return { blob, release: () => spool.discard() };
}

/** A worker job's outcome with its failures as TransferErrors; `undefined`: do it on the page. */
async function inWorker(job: () => Promise<WorkerSpooled | undefined>): Promise<Spooled | undefined> {
  try {
    return await job();
  } catch (err) {
    if (!(err instanceof SpoolJobError)) throw err;
    throw new TransferError(err.code === 'read' ? 'network' : err.code, err.status);
  }
}

/** PUT to the slot with its headers (XEP-0363 §5); resolves when the server stored it. */
export function putBlob(url: string, headers: Record<string, string>, body: Blob, signal?: AbortSignal, progress?: Progress): Promise<void> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('PUT', url);
    for (const [k, v] of Object.entries(headers)) xhr.setRequestHeader(k, v);
    xhr.setRequestHeader('Content-Type', 'application/octet-stream');
    xhr.upload.onprogress = (e) => progress?.(e.loaded, e.total || body.size);
    xhr.onload = () => (xhr.status >= 200 && xhr.status < 300 ? resolve() : reject(new TransferError('http', xhr.status)));
    xhr.onerror = () => reject(new TransferError('network'));
    xhr.onabort = () => reject(new TransferError('aborted'));
    signal?.addEventListener('abort', () => xhr.abort(), { once: true });
    if (signal?.aborted) return xhr.abort();
    xhr.send(body);
  });
}

/**
 * XEP-0454 §4 wants https. A same-origin http upload URL (a development or test server on
 * loopback) is written as https in the aesgcm URL and read back through `fetchableUrl`.
 */
export function aesgcmUrlFor(getUrl: string, params: MediaCipherParams): string {
  const url = new URL(getUrl);
  if (url.protocol === 'http:') url.protocol = 'https:';
  return buildAesgcmUrl({ httpsUrl: url.href, ...params });
}

/** Where to GET an https URL from here: same host as the page means the page's own origin. */
export function fetchableUrl(httpsUrl: string): string {
  const url = new URL(httpsUrl);
  if (typeof location !== 'undefined' && url.host === location.host) return `${location.origin}${url.pathname}${url.search}`;
  return url.href;
}

/** Downloads and decrypts an aesgcm:// URL into a spooled Blob of `type`, verified before returning. */
export function downloadDecrypted(aesgcm: string, type: string, expectedBytes: number, signal?: AbortSignal, progress?: Progress): Promise<Spooled> {
  const { httpsUrl, key, iv } = parseAesgcmUrl(aesgcm);
  return download(httpsUrl, { key, iv }, type, expectedBytes, signal, progress);
}

/** A plain (unencrypted) https link from another client, downloaded as is. */
export function downloadPlain(url: string, type: string, expectedBytes: number, signal?: AbortSignal, progress?: Progress): Promise<Spooled> {
  return download(url, undefined, type, expectedBytes, signal, progress);
}

async function download(url: string, params: MediaCipherParams | undefined, type: string, expectedBytes: number, signal?: AbortSignal, progress?: Progress): Promise<Spooled> {
  if (expectedBytes >= DISK_SPOOL_FROM_BYTES) {
    const done = await inWorker(() => downloadInWorker(fetchableUrl(url), params, type, signal, progress));
    if (done) return done;
  }
  const res = await get(url, signal);
  const total = Number(res.headers.get('content-length') ?? 0);
  const body = counted(res.body!, total, progress);
  return drainToSpool(params ? body.pipeThrough(createDecryptStream(params)) : body, total || expectedBytes, type, signal);
}

async function get(url: string, signal?: AbortSignal): Promise<Response> {
  let res: Response;
  try {
    res = await fetch(fetchableUrl(url), { signal: signal ?? null, credentials: 'omit', referrerPolicy: 'no-referrer' });
  } catch {
    throw new TransferError(signal?.aborted ? 'aborted' : 'network');
  }
  if (!res.ok || !res.body) throw new TransferError('http', res.status);
  return res;
}

/** Passes the body through, reporting bytes received. */
function counted(body: ReadableStream<Uint8Array>, total: number, progress?: Progress): ReadableStream<Uint8Array> {
  let received = 0;
  return body.pipeThrough(
    new TransformStream<Uint8Array, Uint8Array>({
      transform(chunk, c) {
        received += chunk.length;
        progress?.(received, total);
        c.enqueue(chunk);
      },
    }),
  );
}
