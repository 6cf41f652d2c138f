// The change log's entry format (`sealpost-key-log/1`). An entry's hash is SHA-256 over its
// canonical form: the JSON array below, UTF-8, no spaces; `at` as ISO 8601 with milliseconds
// in UTC. Each entry names the hash of the previous entry of the same address (`prevHash`)
// and of the whole directory (`prevGlobalHash`); the first ones name GENESIS_HASH. The
// gateway signs the 32 hash bytes with Ed25519, so a head (hash + signature) can be checked
// on its own and a client that kept an old head can tell whether history was rewritten.
import { createHash } from 'node:crypto';
import type { KeyLogEntry } from '../store/store.ts';

export const LOG_FORMAT = 'sealpost-key-log/1';
export const GENESIS_HASH = '0'.repeat(64);

/** The fields a hash covers: everything but `hash` and `signature`; `at` may be a Date or ISO text. */
export type EntryFields = Omit<KeyLogEntry, 'hash' | 'signature' | 'at'> & { at: Date | string };

export function canonicalEntry(e: EntryFields): string {
  const at = typeof e.at === 'string' ? e.at : e.at.toISOString();
  return JSON.stringify([
    LOG_FORMAT,
    e.seq,
    e.address,
    e.addressSeq,
    at,
    e.action,
    e.fingerprint,
    e.previousFingerprint,
    e.keyHash,
    e.reason,
    e.prevHash,
    e.prevGlobalHash,
    e.signer,
  ]);
}

export function entryHash(e: EntryFields): string {
  return createHash('sha256').update(canonicalEntry(e), 'utf8').digest('hex');
}

/** SHA-256 (hex) of key bytes: what `keyHash` commits to. */
export function keyDigest(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}
