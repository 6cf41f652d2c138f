import test from 'ava';
import type { KeyLogEntry, KeyRecord } from '../store/store.ts';
import { buildEntries } from './buildEntries.ts';
import { verifyAddressKeys } from './keyRows.ts';
import { signerMap } from './logChain.ts';
import { keyDigest } from './logEntry.ts';
import { ephemeralSigner } from './signer.ts';

const FPR = 'A'.repeat(40);
const at = new Date('2030-01-01T00:00:00Z');

function sample(bytes: Uint8Array) {
  const signer = ephemeralSigner();
  const log: KeyLogEntry[] = buildEntries('alice@x', [{ action: 'added', fingerprint: FPR, previousFingerprint: null, keyHash: keyDigest(bytes), reason: null }], { global: undefined, address: undefined }, signer, at);
  const record: KeyRecord = {
    address: 'alice@x', fingerprint: FPR, keyData: bytes, keyHash: keyDigest(bytes), createdAt: at, firstSeenAt: at, lastSeenAt: at,
    source: 'published', wkdHash: null, removedAt: null, compromisedAt: null, compromisedReason: null,
  };
  return { log, record, signers: signerMap([signer]) };
}

test('a row holding the bytes its log entry hashed verifies', (t) => {
  const { log, record, signers } = sample(new Uint8Array([1, 2, 3]));
  t.true(verifyAddressKeys(log, [record], signers).ok);
});

test('other bytes are reported, whether or not the key_hash column was changed to match', (t) => {
  const { log, record, signers } = sample(new Uint8Array([1, 2, 3]));
  const forged = new Uint8Array([9, 9, 9]);
  for (const row of [{ ...record, keyData: forged }, { ...record, keyData: forged, keyHash: keyDigest(forged) }]) {
    const result = verifyAddressKeys(log, [row], signers);
    t.false(result.ok);
    if (!result.ok) t.regex(result.problem, /key bytes of A{40} for alice@x do not match log entry 1/);
  }
  const stray = verifyAddressKeys(log, [{ ...record, fingerprint: 'B'.repeat(40) }], signers);
  t.false(stray.ok, 'a row with no log entry at all');
});
