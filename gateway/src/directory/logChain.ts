// Verifying the change log (format in logEntry.ts): each entry's hash recomputed, its
// signature checked against the gateway's published signing keys, and both chains linked.
// Used by the admin API on the whole log and by clients (and tests) on one address's log.
import type { KeyLogEntry } from '../store/store.ts';
import { type EntryFields, entryHash, GENESIS_HASH } from './logEntry.ts';
import { verifySignature } from './signer.ts';

/** An entry as stored (Date) or as served by the API (ISO text). */
export type LogEntryLike = EntryFields & Pick<KeyLogEntry, 'hash' | 'signature'>;

/** Signing key id -> base64 raw Ed25519 public key. */
export type SignerKeys = ReadonlyMap<string, string>;

export type VerifyResult =
  | { ok: true; entries: number; head: { seq: number; hash: string } | null }
  | { ok: false; entries: number; seq: number; problem: string };

function checkEntry(e: LogEntryLike, signers: SignerKeys): string | undefined {
  if (entryHash(e) !== e.hash) return 'hash does not match the entry';
  const publicKey = signers.get(e.signer);
  if (!publicKey) return `unknown signing key ${e.signer}`;
  if (!verifySignature(publicKey, e.hash, e.signature)) return 'bad signature';
  return undefined;
}

/** One address's log, in order: contiguous `addressSeq` from 1 and linked `prevHash`. */
export function verifyAddressLog(entries: readonly LogEntryLike[], signers: SignerKeys): VerifyResult {
  let prev = GENESIS_HASH;
  const address = entries[0]?.address;
  for (const [i, e] of entries.entries()) {
    const fail = (problem: string): VerifyResult => ({ ok: false, entries: entries.length, seq: e.seq, problem });
    if (e.address !== address) return fail('entry of another address');
    if (e.addressSeq !== i + 1) return fail(`address sequence ${e.addressSeq}, expected ${i + 1}`);
    if (e.prevHash !== prev) return fail('previous hash does not link');
    const problem = checkEntry(e, signers);
    if (problem) return fail(problem);
    prev = e.hash;
  }
  const last = entries.at(-1);
  return { ok: true, entries: entries.length, head: last ? { seq: last.addressSeq, hash: last.hash } : null };
}

/**
 * The whole log, fed in `seq` order in as many batches as needed (`verifier.add(batch)`), so
 * an export of any size is checked in bounded pages. Both chains are followed.
 */
export function createLogVerifier(signers: SignerKeys) {
  let count = 0;
  let last: { seq: number; hash: string } | null = null;
  const addressHeads = new Map<string, { seq: number; hash: string }>();
  let failure: VerifyResult | undefined;
  return {
    add(batch: readonly LogEntryLike[]): boolean {
      for (const e of batch) {
        if (failure) return false;
        count++;
        const fail = (problem: string) => {
          failure = { ok: false, entries: count, seq: e.seq, problem };
          return false;
        };
        if (e.seq !== (last?.seq ?? 0) + 1) return fail(`sequence ${e.seq}, expected ${(last?.seq ?? 0) + 1}`);
        if (e.prevGlobalHash !== (last?.hash ?? GENESIS_HASH)) return fail('previous directory hash does not link');
        const prior = addressHeads.get(e.address);
        if (e.addressSeq !== (prior?.seq ?? 0) + 1) return fail(`address sequence ${e.addressSeq}, expected ${(prior?.seq ?? 0) + 1}`);
        if (e.prevHash !== (prior?.hash ?? GENESIS_HASH)) return fail('previous hash does not link');
        const problem = checkEntry(e, signers);
        if (problem) return fail(problem);
        last = { seq: e.seq, hash: e.hash };
        addressHeads.set(e.address, { seq: e.addressSeq, hash: e.hash });
      }
      return !failure;
    },
    result(): VerifyResult {
      return failure ?? { ok: true, entries: count, head: last };
    },
  };
}

export function signerMap(signers: ReadonlyArray<{ id: string; publicKey: string }>): SignerKeys {
  return new Map(signers.map((s) => [s.id, s.publicKey]));
}
