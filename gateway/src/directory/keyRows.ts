// Key rows against the signed log. Each `added`, `replaced` and `updated` entry commits to
// the SHA-256 of the key bytes it accepted (`keyHash`, logEntry.ts), under the gateway's
// signature; a row whose bytes (or whose own key_hash column) differ from the latest such
// entry for its fingerprint was changed outside the directory and must not be served.
import type { KeyLogEntry, KeyRecord } from '../store/store.ts';
import type { LogEntryLike, SignerKeys, VerifyResult } from './logChain.ts';
import { verifyAddressLog } from './logChain.ts';
import { keyDigest } from './logEntry.ts';

export interface LoggedKeyHash {
  keyHash: string;
  seq: number;
}

/** `address fingerprint` -> the key hash its latest entry carrying one recorded. */
export type LoggedKeyHashes = Map<string, LoggedKeyHash>;

export const rowKey = (address: string, fingerprint: string) => `${address} ${fingerprint}`;

/** Adds `entries` (in log order) to `into`. */
export function collectKeyHashes(entries: readonly Pick<LogEntryLike, 'address' | 'fingerprint' | 'keyHash' | 'seq'>[], into: LoggedKeyHashes = new Map()): LoggedKeyHashes {
  for (const e of entries) if (e.keyHash !== null) into.set(rowKey(e.address, e.fingerprint), { keyHash: e.keyHash, seq: e.seq });
  return into;
}

/** Why `record` does not match the log, or undefined when its bytes are the ones logged. */
export function keyRowProblem(record: KeyRecord, logged: LoggedKeyHashes, digest = keyDigest(record.keyData)): string | undefined {
  const entry = logged.get(rowKey(record.address, record.fingerprint));
  if (!entry) return `key bytes of ${record.fingerprint} for ${record.address} have no log entry`;
  if (entry.keyHash !== digest || record.keyHash !== digest) return `key bytes of ${record.fingerprint} for ${record.address} do not match log entry ${entry.seq}`;
  return undefined;
}

/** One address's log verified (logChain.ts), then every key row it has against that log. */
export function verifyAddressKeys(log: readonly KeyLogEntry[], records: readonly KeyRecord[], signers: SignerKeys): VerifyResult {
  const chain = verifyAddressLog(log, signers);
  if (!chain.ok) return chain;
  const logged = collectKeyHashes(log);
  for (const r of records) {
    const problem = keyRowProblem(r, logged);
    if (problem) return { ok: false, entries: chain.entries, seq: logged.get(rowKey(r.address, r.fingerprint))?.seq ?? 0, problem };
  }
  return chain;
}
