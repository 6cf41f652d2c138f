// Dedicated worker that encrypts a file, or downloads (and decrypts) one, straight into a file
// of the Origin Private File System through a synchronous access handle: the fastest way to
// disk a page has (about ten times the main thread's writable streams), and none of the
// crypto runs on the main thread. The page side is workerSpool.ts; the messages are
// SpoolRequest and SpoolReply (spoolMessages.ts).
import { createDecryptStream, createEncryptStream } from '@sealpost/protocol/media/gcmStream.ts';
import { SPOOL_DIR, type SpoolReply, type SpoolRequest } from './spoolMessages.ts';

interface SyncAccessHandle {
  write(data: Uint8Array, options: { at: number }): number;
  flush(): void;
  close(): void;
}

const aborts = new Map<number, AbortController>();
const PROGRESS_EVERY_MS = 100;

const post = (reply: SpoolReply) => (self as unknown as { postMessage(m: SpoolReply): void }).postMessage(reply);

self.onmessage = (e: MessageEvent<SpoolRequest>) => {
  const req = e.data;
  if (req.op === 'abort') return aborts.get(req.id)?.abort();
  void run(req);
};

async function run(req: Exclude<SpoolRequest, { op: 'abort' }>): Promise<void> {
  const abort = new AbortController();
  aborts.set(req.id, abort);
  const { name } = req;
  let dir: FileSystemDirectoryHandle | undefined;
  let handle: SyncAccessHandle | undefined;
  try {
    dir = await (await navigator.storage.getDirectory()).getDirectoryHandle(SPOOL_DIR, { create: true });
    const fileHandle = await dir.getFileHandle(name, { create: true });
    const open = (fileHandle as unknown as { createSyncAccessHandle?: () => Promise<SyncAccessHandle> }).createSyncAccessHandle;
    if (!open) return post({ id: req.id, type: 'error', code: 'unsupported' });
    handle = await open.call(fileHandle);
    let source: ReadableStream<Uint8Array>;
    let total: number;
    if (req.op === 'encrypt') {
      source = req.file.stream().pipeThrough(createEncryptStream({ key: req.key, iv: req.iv }));
      total = req.file.size;
    } else {
      let res: Response;
      try {
        res = await fetch(req.url, { signal: abort.signal, credentials: 'omit', referrerPolicy: 'no-referrer' });
      } catch {
        throw new Failure(abort.signal.aborted ? 'aborted' : 'network');
      }
      if (!res.ok || !res.body) throw new Failure('http', res.status);
      total = Number(res.headers.get('content-length') ?? 0);
      source = req.key && req.iv ? counting(res.body, req.id, total).pipeThrough(createDecryptStream({ key: req.key, iv: req.iv })) : counting(res.body, req.id, total);
    }
    const reader = source.getReader();
    let at = 0;
    let last = 0;
    for (;;) {
      if (abort.signal.aborted) {
        await reader.cancel().catch(() => {});
        throw new Failure('aborted');
      }
      let chunk: ReadableStreamReadResult<Uint8Array>;
      try {
        chunk = await reader.read();
      } catch (err) {
        if (abort.signal.aborted) throw new Failure('aborted');
        const code = (err as { code?: string }).code ?? '';
        throw new Failure(/auth|truncated/i.test(`${code} ${(err as Error).message}`) ? 'auth-failed' : req.op === 'encrypt' ? 'read' : 'network');
      }
      if (chunk.done) break;
      at += handle.write(chunk.value, { at });
      if (req.op === 'encrypt' && performance.now() - last > PROGRESS_EVERY_MS) {
        last = performance.now();
        post({ id: req.id, type: 'progress', done: Math.min(at, total), total });
      }
    }
    handle.flush();
    handle.close();
    handle = undefined;
    post({ id: req.id, type: 'done', name, size: at });
  } catch (err) {
    handle?.close();
    await dir?.removeEntry(name).catch(() => {});
    if (err instanceof Failure) post({ id: req.id, type: 'error', code: err.code, ...(err.status ? { status: err.status } : {}) });
    else post({ id: req.id, type: 'error', code: 'unsupported', detail: String(err) });
  } finally {
    aborts.delete(req.id);
  }
}

class Failure extends Error {
  constructor(readonly code: 'aborted' | 'network' | 'http' | 'auth-failed' | 'read', readonly status?: number) {
    super(code);
  }
}

/** Reports bytes received as they pass. */
function counting(body: ReadableStream<Uint8Array>, id: number, total: number): ReadableStream<Uint8Array> {
  let received = 0;
  let last = 0;
  return body.pipeThrough(
    new TransformStream<Uint8Array, Uint8Array>({
      transform(chunk, c) {
        received += chunk.length;
        if (performance.now() - last > PROGRESS_EVERY_MS) {
          last = performance.now();
          post({ id, type: 'progress', done: received, total });
        }
        c.enqueue(chunk);
      },
    }),
  );
}
