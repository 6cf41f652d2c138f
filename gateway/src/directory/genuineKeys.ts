// Only key bytes the signed log vouches for are served (keyRows.ts). The check costs one
// SHA-256 of the bytes and one head query per address; the log itself is read and verified
// only when a row's content or the address's head changed since it was last found genuine
// (the cache is keyed by row content and remembers the head it was checked against).
import type { KeyRecord } from '../store/store.ts';
import type { DirectoryContext } from './context.ts';
import { signerMap, verifyAddressLog } from './logChain.ts';
import { keyDigest } from './logEntry.ts';
import { collectKeyHashes, keyRowProblem } from './keyRows.ts';

export interface GenuineCache {
  /** `address fingerprint digest` -> hash of the address head the row was checked against. */
  get(key: string): string | undefined;
  set(key: string, head: string): void;
}

export function createGenuineCache(maxEntries: number): GenuineCache {
  const map = new Map<string, string>();
  return {
    get: (key) => map.get(key),
    set(key, head) {
      map.delete(key);
      map.set(key, head);
      if (map.size > maxEntries) map.delete(map.keys().next().value!);
    },
  };
}

/** `records` without the rows whose bytes the log does not vouch for (each one logged as an error). */
export async function genuineKeys(ctx: DirectoryContext, records: readonly KeyRecord[]): Promise<KeyRecord[]> {
  const byAddress = new Map<string, KeyRecord[]>();
  for (const r of records) byAddress.set(r.address, [...(byAddress.get(r.address) ?? []), r]);
  const kept = new Set<KeyRecord>();
  for (const [address, rows] of byAddress) {
    const head = await ctx.store.keys.addressHead(address);
    if (!head) {
      ctx.log.error({ address }, 'key rows without any log entry: not served');
      continue;
    }
    const keyed = rows.map((r) => {
      const digest = keyDigest(r.keyData);
      return { r, digest, key: `${address} ${r.fingerprint} ${digest}` };
    });
    if (keyed.every(({ key }) => ctx.genuine.get(key) === head.hash)) {
      for (const { r } of keyed) kept.add(r);
      continue;
    }
    const [log, signers] = await Promise.all([ctx.store.keys.log(address), ctx.store.keys.signers()]);
    const chain = verifyAddressLog(log, signerMap(signers));
    const logged = collectKeyHashes(log);
    const checkedHead = log.at(-1)?.hash ?? head.hash;
    for (const { r, digest, key } of keyed) {
      const problem = chain.ok ? keyRowProblem(r, logged, digest) : `the address's log does not verify: ${chain.problem}`;
      if (problem) {
        ctx.log.error({ address, fingerprint: r.fingerprint, problem }, 'key row does not match the signed log: not served');
        continue;
      }
      ctx.genuine.set(key, checkedHead);
      kept.add(r);
    }
  }
  return records.filter((r) => kept.has(r));
}
