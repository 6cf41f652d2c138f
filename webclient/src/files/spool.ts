// Where a file being encrypted or decrypted is collected before it is uploaded or shown.
// Large files go to the Origin Private File System (a file on disk, in this origin's storage):
// memory stays flat whatever the size (a 1 GB file is never held in RAM, not even by the
// browser's blob store). Small files, and browsers without OPFS (Firefox private windows),
// collect in memory.
//
// Spool files (spoolMessages.ts) are removed when done with. A decrypted file must not outlive
// its tab: `sweepSpool` (at start and at sign-out) removes the files of tabs that no longer hold
// their Web Lock, and at sign-out this tab's own. Large files go through the spool worker
// when the browser has one (workerSpool.ts); this file is the page-side fallback.
import { parseSpoolFileName, SPOOL_DIR, spoolFileName, tabLockName } from './spoolMessages.ts';

/** From this size on, a spool lives on disk when it can. */
export const DISK_SPOOL_FROM_BYTES = 32 * 1024 * 1024;
const BATCH_BYTES = 1024 * 1024;
/** Without Web Locks, files are swept by age. */
const STALE_MS = 24 * 60 * 60 * 1000;

const hasLocks = () => typeof navigator !== 'undefined' && 'locks' in navigator;
let tab: string | undefined;

/** This tab's id, and its Web Lock, held from the first spool file until the tab closes. */
function thisTab(): string {
  if (!tab) {
    tab = crypto.randomUUID();
    if (hasLocks()) void navigator.locks.request(tabLockName(tab), () => new Promise<never>(() => {}));
  }
  return tab;
}

export const newSpoolFileName = () => spoolFileName(thisTab());

export interface Spool {
  write(chunk: Uint8Array): Promise<void>;
  /** Everything written, as one Blob of `type`; the spool must then be kept until `discard`. */
  finish(type: string): Promise<Blob>;
  /** Frees the memory or removes the file (also after a failure); safe to call twice. */
  discard(): Promise<void>;
}

export async function openSpool(expectedBytes: number): Promise<Spool> {
  if (expectedBytes >= DISK_SPOOL_FROM_BYTES) {
    const disk = await openDiskSpool().catch(() => undefined);
    if (disk) return disk;
  }
  return memorySpool();
}

function memorySpool(): Spool {
  let parts: Blob[] = [];
  return {
    async write(chunk) {
      parts.push(new Blob([chunk as Uint8Array<ArrayBuffer>]));
    },
    async finish(type) {
      return new Blob(parts, { type });
    },
    async discard() {
      parts = [];
    },
  };
}

export async function spoolDir(): Promise<FileSystemDirectoryHandle> {
  const root = await navigator.storage.getDirectory();
  return root.getDirectoryHandle(SPOOL_DIR, { create: true });
}

async function openDiskSpool(): Promise<Spool> {
  const dir = await spoolDir();
  const name = newSpoolFileName();
  const handle = await dir.getFileHandle(name, { create: true });
  const out = await handle.createWritable();
  let pending: Uint8Array[] = [];
  let pendingBytes = 0;
  let closed = false;
  let removed = false;

  async function flush(): Promise<void> {
    if (pendingBytes === 0) return;
    const batch = new Uint8Array(pendingBytes);
    let at = 0;
    for (const p of pending) {
      batch.set(p, at);
      at += p.length;
    }
    pending = [];
    pendingBytes = 0;
    await out.write(batch);
  }

  return {
    async write(chunk) {
      pending.push(chunk);
      pendingBytes += chunk.length;
      if (pendingBytes >= BATCH_BYTES) await flush();
    },
    async finish(type) {
      await flush();
      await out.close();
      closed = true;
      const file = await handle.getFile();
      return file.slice(0, file.size, type);
    },
    async discard() {
      if (removed) return;
      removed = true;
      pending = [];
      if (!closed) await out.abort().catch(() => {});
      await dir.removeEntry(name).catch(() => {});
    },
  };
}

/**
 * Removes the spool files of tabs that are gone (their Web Lock is free), or older than a day
 * where there are no Web Locks; with `mine`, this tab's files too (sign-out).
 */
export async function sweepSpool(options: { mine?: boolean } = {}, now = Date.now()): Promise<void> {
  try {
    const dir = await spoolDir();
    const live = hasLocks() ? new Set(((await navigator.locks.query()).held ?? []).map((l) => l.name)) : undefined;
    const stale: string[] = [];
    const gone = (file: ReturnType<typeof parseSpoolFileName>): boolean => {
      if (!file) return true; // not a spool file name: nothing of ours refers to it
      if (file.tab === tab) return options.mine === true;
      if (live) return !live.has(tabLockName(file.tab));
      return now - file.created > STALE_MS;
    };
    for await (const name of (dir as unknown as { keys(): AsyncIterable<string> }).keys()) {
      if (gone(parseSpoolFileName(name))) stale.push(name);
    }
    await Promise.all(stale.map((n) => dir.removeEntry(n).catch(() => {})));
  } catch {
    // No OPFS here: nothing was ever spooled to disk.
  }
}
