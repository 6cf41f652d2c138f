// What the page and the spool worker (spoolWorker.ts) say to each other, and where spool
// files live in the Origin Private File System.

export const SPOOL_DIR = 'sealpost-spool';

/**
 * `<created ms>.<tab>.<random>`: each tab holds the Web Lock `sealpost-spool.<tab>` while it
 * lives, so the sweep (spool.ts) can tell the files of closed tabs from those in use.
 */
export function spoolFileName(tab: string): string {
  return `${Date.now()}.${tab}.${crypto.randomUUID()}`;
}

export function parseSpoolFileName(name: string): { created: number; tab: string } | undefined {
  const [created, tab, rest] = name.split('.');
  return created && tab && rest && /^\d+$/.test(created) ? { created: Number(created), tab } : undefined;
}

export const tabLockName = (tab: string) => `sealpost-spool.${tab}`;

export type SpoolRequest =
  /** `name`: the spool file to write (spoolFileName), chosen by the page. */
  | { id: number; op: 'encrypt'; name: string; file: Blob; key: Uint8Array; iv: Uint8Array }
  /** GET `url` into a spool file; with key and iv, decrypted (XEP-0454) and verified. */
  | { id: number; op: 'download'; name: string; url: string; key?: Uint8Array; iv?: Uint8Array }
  | { id: number; op: 'abort' };

export type SpoolFailure = 'aborted' | 'network' | 'http' | 'auth-failed' | 'read' | 'unsupported';

export type SpoolReply =
  | { id: number; type: 'progress'; done: number; total: number }
  /** The spool file `name` in SPOOL_DIR holds `size` bytes. */
  | { id: number; type: 'done'; name: string; size: number }
  | { id: number; type: 'error'; code: SpoolFailure; status?: number; detail?: string };
