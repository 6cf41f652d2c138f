// Use cases: answer lookups. Only accounts of this gateway are served (knownAccount.ts), and
// only key rows the signed log vouches for (genuineKeys.ts). An account that the directory
// does not know, or knows from longer ago than `refreshAfterMs`, is read from PEP first (a
// stale record is still served if Prosody does not answer). Nothing else is ever looked up:
// not other domains, not full JIDs, not names that are no account here.
import type { KeyLogEntry, KeyRecord } from '../store/store.ts';
import { addressOfLocalPart } from './address.ts';
import type { DirectoryContext } from './context.ts';
import { genuineKeys } from './genuineKeys.ts';
import { isKnownAccount } from './knownAccount.ts';
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

/** `address` must be normalised (address.ts). */
export async function lookupAddress(ctx: DirectoryContext, address: string): Promise<AddressKeys> {
  if (!(await isKnownAccount(ctx, address))) return { address, keys: [], head: undefined, checkedAt: undefined };
  const now = ctx.now().getTime();
  const checkedAt = await ctx.store.keys.checkedAt(address);
  const stale = checkedAt === undefined ? !ctx.misses.has(address, now) : now - checkedAt.getTime() > ctx.refreshAfterMs;
  if (stale) {
    try {
      const synced = await syncAddress(ctx, address, 'lookup');
      const keys = await genuineKeys(ctx, synced.keys);
      return { address, keys, head: synced.head, checkedAt: synced.keys.length || synced.head ? ctx.now() : undefined };
    } catch (err) {
      if (!(err instanceof PepUnavailableError)) throw err;
      ctx.log.debug({ address, err: err.message }, 'lookup served without refresh');
    }
  }
  const [keys, head] = await Promise.all([ctx.store.keys.current(address), ctx.store.keys.addressHead(address)]);
  return { address, keys: await genuineKeys(ctx, keys), head, checkedAt };
}

/** Current rows that may be served: of accounts of this gateway, with bytes the log vouches for. */
async function servable(ctx: DirectoryContext, records: readonly KeyRecord[]): Promise<KeyRecord[]> {
  const known = await Promise.all(records.map((r) => isKnownAccount(ctx, r.address)));
  return genuineKeys(ctx, records.filter((_r, i) => known[i]));
}

/** Current keys with this fingerprint; owners whose record is stale are re-read first. */
export async function lookupFingerprint(ctx: DirectoryContext, fingerprint: string): Promise<KeyRecord[]> {
  const found = await servable(ctx, await ctx.store.keys.byFingerprint(fingerprint));
  const now = ctx.now().getTime();
  const checked = await Promise.all(found.map((r) => ctx.store.keys.checkedAt(r.address)));
  const stale = found.filter((_r, i) => checked[i] === undefined || now - checked[i]!.getTime() > ctx.refreshAfterMs);
  if (stale.length === 0) return found;
  await Promise.all(stale.map((r) => lookupAddress(ctx, r.address)));
  return servable(ctx, await ctx.store.keys.byFingerprint(fingerprint));
}

/**
 * Keys served by the Web Key Directory for a hash of our domain: current, not marked
 * compromised, carrying the mail address. With the local part (`?l=`), a stale or unknown
 * account is refreshed first, as for any lookup; a local part that is not one (`@`, `/`,
 * forbidden characters) causes no lookup at all (the HTTP route refuses it before, with 400).
 */
export async function lookupWkd(ctx: DirectoryContext, hash: string, localPart: string | undefined): Promise<KeyRecord[]> {
  if (localPart !== undefined && wkdHash(localPart) === hash) {
    const address = addressOfLocalPart(localPart, ctx.domain);
    if (address !== undefined) await lookupAddress(ctx, address);
  }
  const records = await ctx.store.keys.byWkdHash(hash);
  return servable(ctx, records.filter((r) => domainOf(r.address) === ctx.domain && r.compromisedAt === null));
}
