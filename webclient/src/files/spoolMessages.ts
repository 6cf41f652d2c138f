// What the page and the spool worker (spoolWorker.ts) say to each other, and where spool
// files live in the Origin Private File System.

export const SPOOL_DIR = 'sealpost-spool';

/** `<created ms>-<random>`: the sweep removes files older than a day by this prefix. */
export function spoolFileName(): string {
  return `${Date.now()}-${crypto.randomUUID()}`;
}

export type SpoolRequest =
  | { id: number; op: 'encrypt'; file: Blob; key: Uint8Array; iv: Uint8Array }
  /** GET `url` into a spool file; with key and iv, decrypted (XEP-0454) and verified. */
  | { id: number; op: 'download'; url: string; key?: Uint8Array; iv?: Uint8Array }
  | { id: number; op: 'abort' };

export type SpoolFailure = 'aborted' | 'network' | 'http' | 'auth-failed' | 'read' | 'unsupported';

export type SpoolReply =
  | { id: number; type: 'progress'; done: number; total: number }
  /** The spool file `name` in SPOOL_DIR holds `size` bytes. */
  | { id: number; type: 'done'; name: string; size: number }
  | { id: number; type: 'error'; code: SpoolFailure; status?: number; detail?: string };
