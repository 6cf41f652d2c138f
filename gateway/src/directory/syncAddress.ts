// Use case: bring one address's directory record in line with its PEP nodes (on the owner's
// "I published" notice, on a lookup that finds the record missing or stale, or on an admin's
// refresh). Accepted keys, removals and replacements are logged; refusals are recorded.
import { AppError } from '../errors.ts';
import type { KeyLogEntry, KeyRecord, KeySource } from '../store/store.ts';
import { buildEntries } from './buildEntries.ts';
import type { DirectoryContext } from './context.ts';
import { keyDigest } from './logEntry.ts';
import { isKnownAccount } from './knownAccount.ts';
import { hasMailUserId } from './mailUserId.ts';
import { type PepRefusal, readPepKeys } from './pepKeys.ts';
import { type FetchedKey, planChanges } from './planChanges.ts';
import { wkdHash } from './wkdHash.ts';

export interface SyncResult {
  address: string;
  /** The address's current keys after the update. */
  keys: KeyRecord[];
  refused: PepRefusal[];
  /** Log entries this update appended. */
  changes: KeyLogEntry[];
  head: KeyLogEntry | undefined;
}

/**
 * Reads `address`'s PEP nodes and applies the difference. Concurrent calls for one address
 * share the read in progress, except owner notices, which always read after it (the owner
 * may have published after that read began). Throws PepUnavailableError when Prosody does
 * not answer; nothing changes then. Only accounts of this gateway are read (knownAccount.ts):
 * anything else is `not_found`, before any request to Prosody.
 */
export function syncAddress(ctx: DirectoryContext, address: string, source: KeySource): Promise<SyncResult> {
  const running = ctx.inflight.get(address);
  if (running && source !== 'published') return running;
  const task = (running ? running.catch(() => undefined) : Promise.resolve()).then(() => sync(ctx, address, source));
  ctx.inflight.set(address, task);
  const clear = () => {
    if (ctx.inflight.get(address) === task) ctx.inflight.delete(address);
  };
  task.then(clear, clear);
  return task;
}

async function sync(ctx: DirectoryContext, address: string, source: KeySource): Promise<SyncResult> {
  if (!(await isKnownAccount(ctx, address))) throw new AppError('not_found', 'no account of this server has this address');
  const readAt = ctx.now();
  const pep = await readPepKeys(ctx.pep, address, readAt);
  const local = address.slice(0, address.lastIndexOf('@'));
  const fetched: FetchedKey[] = await Promise.all(
    pep.keys.map(async (k) => ({
      fingerprint: k.fingerprint,
      bytes: k.bytes,
      keyHash: keyDigest(k.bytes),
      createdAt: k.key.getCreationTime(),
      wkdHash: (await hasMailUserId(k.key, address, readAt)) ? wkdHash(local) : null,
    })),
  );
  return ctx.writes.run('log', async () => {
    const now = ctx.now();
    const keys = ctx.store.keys;
    const history = await keys.history(address);
    for (const r of pep.refused) {
      await keys.recordRefusal({ ...r, address, at: now, source });
      ctx.log.info({ address, fingerprint: r.fingerprint, code: r.code, source }, 'key refused');
    }
    if (history.length === 0 && fetched.length === 0) {
      ctx.misses.add(address, now.getTime());
      return { address, keys: [], refused: pep.refused, changes: [], head: undefined };
    }
    const refusedReasons = new Map(pep.refused.map((r) => [r.fingerprint, `refused: ${r.code}`]));
    const plan = planChanges(history, fetched, { address, now, source, refusedReasons });
    const heads = { global: await keys.head(), address: await keys.addressHead(address) };
    const changes = buildEntries(address, plan.changes, heads, ctx.signer, now);
    await keys.commit({ address, records: plan.records, entries: changes, checkedAt: now });
    ctx.misses.delete(address);
    if (changes.length > 0) {
      ctx.log.info({ address, source, changes: changes.map((e) => `${e.action} ${e.fingerprint}`) }, 'key directory updated');
    }
    return { address, keys: await keys.current(address), refused: pep.refused, changes, head: changes.at(-1) ?? heads.address };
  });
}
