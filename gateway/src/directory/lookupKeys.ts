// Use cases: answer lookups. An address of our domain that the directory does not know, or
// knows from longer ago than `refreshAfterMs`, is read from PEP first (a stale record is
// still served if Prosody does not answer). Other domains are never looked up.
import type { KeyLogEntry, KeyRecord } from '../store/store.ts';
import type { DirectoryContext } from './context.ts';
import { PepUnavailableError } from './pepKeys.ts';
import { syncAddress } from './syncAddress.ts';
import { wkdHash } from './wkdHash.ts';

export interface AddressKeys {
  address: string;
  keys: KeyRecord[];
  /** The last entry of the address's log (its head), if any. */
  head: KeyLogEntry | undefined;
  checkedAt: Date | undefined;
}

export function domainOf(address: string): string {
  return address.slice(address.lastIndexOf('@') + 1);
}

export async function lookupAddress(ctx: DirectoryContext, address: string): Promise<AddressKeys> {
  if (domainOf(address) !== ctx.domain) return { address, keys: [], head: undefined, checkedAt: undefined };
  const now = ctx.now().getTime();
  const checkedAt = await ctx.store.keys.checkedAt(address);
  const stale = checkedAt === undefined ? !ctx.misses.has(address, now) : now - checkedAt.getTime() > ctx.refreshAfterMs;
  if (stale) {
    try {
      const synced = await syncAddress(ctx, address, 'lookup');
      return { address, keys: synced.keys, head: synced.head, checkedAt: synced.keys.length || synced.head ? ctx.now() : undefined };
    } catch (err) {
      if (!(err instanceof PepUnavailableError)) throw err;
      ctx.log.debug({ address, err: err.message }, 'lookup served without refresh');
    }
  }
  const [keys, head] = await Promise.all([ctx.store.keys.current(address), ctx.store.keys.addressHead(address)]);
  return { address, keys, head, checkedAt };
}

/** Current keys with this fingerprint; owners whose record is stale are re-read first. */
export async function lookupFingerprint(ctx: DirectoryContext, fingerprint: string): Promise<KeyRecord[]> {
  const found = await ctx.store.keys.byFingerprint(fingerprint);
  const now = ctx.now().getTime();
  const checked = await Promise.all(found.map((r) => ctx.store.keys.checkedAt(r.address)));
  const stale = found.filter((_r, i) => checked[i] === undefined || now - checked[i]!.getTime() > ctx.refreshAfterMs);
  if (stale.length === 0) return found;
  await Promise.all(stale.map((r) => lookupAddress(ctx, r.address)));
  return ctx.store.keys.byFingerprint(fingerprint);
}

/**
 * Keys served by the Web Key Directory for a hash of our domain: current, not marked
 * compromised, carrying the mail address. With the local part (`?l=`), a stale or unknown
 * address is refreshed first, as for any lookup.
 */
export async function lookupWkd(ctx: DirectoryContext, hash: string, localPart: string | undefined): Promise<KeyRecord[]> {
  if (localPart !== undefined && wkdHash(localPart) === hash) await lookupAddress(ctx, `${localPart.toLowerCase()}@${ctx.domain}`);
  const records = await ctx.store.keys.byWkdHash(hash);
  return records.filter((r) => domainOf(r.address) === ctx.domain && r.compromisedAt === null);
}
