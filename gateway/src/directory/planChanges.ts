// The pure core of a directory update: from the keys an address had and the keys its PEP
// nodes hold now, the records to write and the log entries to add. A key gone while another
// arrived is logged as `replaced`; new bytes under the same fingerprint (a new subkey, a
// renewed self-signature) as `updated`; the rest as `added` and `removed`.
import type { KeyRecord, KeySource } from '../store/store.ts';
import type { PlannedChange } from './buildEntries.ts';

export interface FetchedKey {
  fingerprint: string;
  bytes: Uint8Array;
  keyHash: string;
  createdAt: Date;
  wkdHash: string | null;
}

export interface Plan {
  records: KeyRecord[];
  changes: PlannedChange[];
}

export function planChanges(
  history: readonly KeyRecord[],
  fetched: readonly FetchedKey[],
  options: { address: string; now: Date; source: KeySource; refusedReasons?: ReadonlyMap<string, string> },
): Plan {
  const { now, source } = options;
  const known = new Map(history.map((r) => [r.fingerprint, r]));
  const current = history.filter((r) => r.removedAt === null);
  const seen = new Set(fetched.map((f) => f.fingerprint));
  const records: KeyRecord[] = [];
  const arrived: FetchedKey[] = [];
  const updated: PlannedChange[] = [];

  for (const f of fetched) {
    const prior = known.get(f.fingerprint);
    const material = { keyData: f.bytes, keyHash: f.keyHash, createdAt: f.createdAt, wkdHash: f.wkdHash };
    if (prior && prior.removedAt === null) {
      records.push({ ...prior, ...material, lastSeenAt: now });
      if (prior.keyHash !== f.keyHash) updated.push(change('updated', f.fingerprint, null, f.keyHash, null));
      continue;
    }
    // New, or back after a removal (a compromise mark stays with the fingerprint).
    records.push({
      address: options.address,
      fingerprint: f.fingerprint,
      ...material,
      firstSeenAt: now,
      lastSeenAt: now,
      source,
      removedAt: null,
      compromisedAt: prior?.compromisedAt ?? null,
      compromisedReason: prior?.compromisedReason ?? null,
    });
    arrived.push(f);
  }
  const gone = current.filter((r) => !seen.has(r.fingerprint));
  for (const r of gone) records.push({ ...r, removedAt: now });

  const changes: PlannedChange[] = [];
  const pairs = Math.min(arrived.length, gone.length);
  for (let i = 0; i < pairs; i++) changes.push(change('replaced', arrived[i]!.fingerprint, gone[i]!.fingerprint, arrived[i]!.keyHash, null));
  for (const f of arrived.slice(pairs)) changes.push(change('added', f.fingerprint, null, f.keyHash, null));
  changes.push(...updated);
  for (const r of gone.slice(pairs)) {
    changes.push(change('removed', r.fingerprint, null, null, options.refusedReasons?.get(r.fingerprint) ?? 'no longer published'));
  }
  return { records, changes };
}

function change(action: PlannedChange['action'], fingerprint: string, previousFingerprint: string | null, keyHash: string | null, reason: string | null): PlannedChange {
  return { action, fingerprint, previousFingerprint, keyHash, reason };
}
