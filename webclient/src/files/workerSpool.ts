// The page side of the spool worker (spoolWorker.ts): one worker per tab, started on first
// use. Each job resolves with a Blob backed by a file on disk, or `undefined` when this browser
// cannot (no module workers, no OPFS synchronous access): callers then use the page-side spool.
import type { MediaCipherParams } from '@sealpost/protocol/media/gcmStream.ts';
import { newSpoolFileName, spoolDir } from './spool.ts';
import type { SpoolFailure, SpoolReply, SpoolRequest } from './spoolMessages.ts';

export type Progress = (done: number, total: number) => void;

export class SpoolJobError extends Error {
  override readonly name = 'SpoolJobError';
  constructor(readonly code: Exclude<SpoolFailure, 'unsupported'>, readonly status?: number) {
    super(code + (status ? ` ${status}` : ''));
  }
}

interface Job {
  progress?: Progress | undefined;
  settle(reply: Extract<SpoolReply, { type: 'done' | 'error' }>): void;
}

let worker: Worker | undefined;
let broken = false;
let nextId = 1;
const jobs = new Map<number, Job>();

function getWorker(): Worker | undefined {
  if (broken || typeof Worker === 'undefined' || typeof navigator === 'undefined' || !navigator.storage?.getDirectory) return undefined;
  if (worker) return worker;
  try {
    worker = new Worker(new URL('./spoolWorker.ts', import.meta.url), { type: 'module', name: 'sealpost-spool' });
  } catch {
    broken = true;
    return undefined;
  }
  worker.onmessage = (e: MessageEvent<SpoolReply>) => {
    const reply = e.data;
    const job = jobs.get(reply.id);
    if (!job) return;
    if (reply.type === 'progress') return job.progress?.(reply.done, reply.total);
    jobs.delete(reply.id);
    job.settle(reply);
  };
  worker.onerror = () => {
    // The worker could not start (or died): its jobs fall back, and so does everything after.
    broken = true;
    worker = undefined;
    for (const [id, job] of jobs) {
      jobs.delete(id);
      job.settle({ id, type: 'error', code: 'unsupported' });
    }
  };
  return worker;
}

export interface WorkerSpooled {
  blob: Blob;
  release(): Promise<void>;
}

type JobSpec = { op: 'encrypt'; file: Blob; key: Uint8Array; iv: Uint8Array } | { op: 'download'; url: string; key?: Uint8Array; iv?: Uint8Array };

/** Runs one job in the worker; `undefined` means "not here, use the page-side path". */
function runJob(job: JobSpec, type: string, signal?: AbortSignal, progress?: Progress): Promise<WorkerSpooled | undefined> {
  const w = getWorker();
  if (!w) return Promise.resolve(undefined);
  const id = nextId++;
  return new Promise((resolve, reject) => {
    const onAbort = () => w.postMessage({ id, op: 'abort' } satisfies SpoolRequest);
    signal?.addEventListener('abort', onAbort, { once: true });
    jobs.set(id, {
      progress,
      settle(reply) {
        signal?.removeEventListener('abort', onAbort);
        if (reply.type === 'error') {
          if (reply.code === 'unsupported') return resolve(undefined);
          return reject(new SpoolJobError(reply.code, reply.status));
        }
        void blobOf(reply.name, reply.size, type).then(resolve, () => resolve(undefined));
      },
    });
    w.postMessage({ id, name: newSpoolFileName(), ...job } satisfies SpoolRequest);
    if (signal?.aborted) onAbort();
  });
}

async function blobOf(name: string, size: number, type: string): Promise<WorkerSpooled> {
  const dir = await spoolDir();
  const file = await (await dir.getFileHandle(name)).getFile();
  if (file.size !== size) throw new Error('spool file size differs');
  return { blob: file.slice(0, size, type), release: () => dir.removeEntry(name).catch(() => {}) };
}

/** Encrypts `file` (AES-256-GCM, XEP-0454) into a spool file; progress counts plaintext read. */
export function encryptInWorker(file: Blob, params: MediaCipherParams, signal?: AbortSignal, progress?: Progress): Promise<WorkerSpooled | undefined> {
  return runJob({ op: 'encrypt', file, key: params.key, iv: params.iv }, 'application/octet-stream', signal, progress);
}

/** GETs `url` into a spool file, decrypted and verified when `params` are given. */
export function downloadInWorker(url: string, params: MediaCipherParams | undefined, type: string, signal?: AbortSignal, progress?: Progress): Promise<WorkerSpooled | undefined> {
  return runJob({ op: 'download', url, ...(params ? { key: params.key, iv: params.iv } : {}) }, type, signal, progress);
}
