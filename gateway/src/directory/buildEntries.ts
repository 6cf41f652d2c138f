// Turns planned changes of one address into signed log entries that extend both chains.
import type { KeyLogAction, KeyLogEntry } from '../store/store.ts';
import { entryHash, GENESIS_HASH } from './logEntry.ts';
import type { LogSigner } from './signer.ts';

export interface PlannedChange {
  action: KeyLogAction;
  fingerprint: string;
  previousFingerprint: string | null;
  keyHash: string | null;
  reason: string | null;
}

export function buildEntries(
  address: string,
  changes: readonly PlannedChange[],
  heads: { global: KeyLogEntry | undefined; address: KeyLogEntry | undefined },
  signer: LogSigner,
  at: Date,
): KeyLogEntry[] {
  let seq = heads.global?.seq ?? 0;
  let prevGlobalHash = heads.global?.hash ?? GENESIS_HASH;
  let addressSeq = heads.address?.addressSeq ?? 0;
  let prevHash = heads.address?.hash ?? GENESIS_HASH;
  return changes.map((c) => {
    const fields = { ...c, seq: ++seq, address, addressSeq: ++addressSeq, at, prevHash, prevGlobalHash, signer: signer.id };
    const hash = entryHash(fields);
    prevHash = hash;
    prevGlobalHash = hash;
    return { ...fields, hash, signature: signer.sign(hash) };
  });
}
