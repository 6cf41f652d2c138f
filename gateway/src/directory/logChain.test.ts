import test from 'ava';
import type { KeyLogEntry } from '../store/store.ts';
import { buildEntries, type PlannedChange } from './buildEntries.ts';
import { createLogVerifier, signerMap, verifyAddressLog } from './logChain.ts';
import { canonicalEntry, GENESIS_HASH } from './logEntry.ts';
import { ephemeralSigner } from './signer.ts';

const A = 'A'.repeat(40);
const B = 'B'.repeat(40);
const added = (fingerprint: string): PlannedChange => ({ action: 'added', fingerprint, previousFingerprint: null, keyHash: 'ab'.repeat(32), reason: null });
const at = (m: number) => new Date(Date.UTC(2030, 0, 1, 0, m));

function sample() {
  const signer = ephemeralSigner();
  const log: KeyLogEntry[] = [];
  const append = (address: string, changes: PlannedChange[], m: number) => {
    const heads = { global: log.at(-1), address: log.filter((e) => e.address === address).at(-1) };
    log.push(...buildEntries(address, changes, heads, signer, at(m)));
  };
  append('alice@x', [added(A)], 1);
  append('bob@x', [added(B)], 2);
  append('alice@x', [{ action: 'replaced', fingerprint: B, previousFingerprint: A, keyHash: 'cd'.repeat(32), reason: null }], 3);
  append('alice@x', [{ action: 'compromised', fingerprint: B, previousFingerprint: null, keyHash: null, reason: 'leaked "key" ✓' }], 4);
  return { signer, log, signers: signerMap([signer]) };
}

test('entries chain per address and over the directory, and verify', (t) => {
  const { log, signers } = sample();
  t.deepEqual(log.map((e) => [e.seq, e.address, e.addressSeq]), [[1, 'alice@x', 1], [2, 'bob@x', 1], [3, 'alice@x', 2], [4, 'alice@x', 3]]);
  t.is(log[0]!.prevHash, GENESIS_HASH);
  t.is(log[2]!.prevHash, log[0]!.hash);
  t.is(log[2]!.prevGlobalHash, log[1]!.hash);
  const alice = log.filter((e) => e.address === 'alice@x');
  t.deepEqual(verifyAddressLog(alice, signers), { ok: true, entries: 3, head: { seq: 3, hash: log[3]!.hash } });
  const verifier = createLogVerifier(signers);
  verifier.add(log.slice(0, 2));
  verifier.add(log.slice(2));
  t.deepEqual(verifier.result(), { ok: true, entries: 4, head: { seq: 4, hash: log[3]!.hash } });
});

test('the canonical form is a fixed JSON array (what clients recompute)', (t) => {
  const { log } = sample();
  const e = log[0]!;
  t.is(canonicalEntry({ ...e, at: e.at.toISOString() }), canonicalEntry(e));
  t.true(canonicalEntry(e).startsWith(`["sealpost-key-log/1",1,"alice@x",1,"2030-01-01T00:01:00.000Z","added","${A}",null,`));
});

test('an edited, dropped, reordered or re-signed entry breaks verification', (t) => {
  const { log, signers } = sample();
  const alice = log.filter((e) => e.address === 'alice@x');
  const edited = alice.map((e, i) => (i === 1 ? { ...e, fingerprint: A } : e));
  t.like(verifyAddressLog(edited, signers), { ok: false, seq: 3, problem: 'hash does not match the entry' });
  t.like(verifyAddressLog([alice[0]!, alice[2]!], signers), { ok: false, problem: 'address sequence 3, expected 2' });
  const other = ephemeralSigner();
  const forged = alice.map((e, i) => (i === 2 ? { ...e, signature: other.sign(e.hash) } : e));
  t.like(verifyAddressLog(forged, signers), { ok: false, seq: 4, problem: 'bad signature' });
  const unknown = verifyAddressLog(alice, new Map());
  t.regex(unknown.ok ? '' : unknown.problem, /unknown signing key/);
  // A rewritten history that is internally consistent still fails against the published key...
  const rewritten = buildEntries('alice@x', [added(B)], { global: undefined, address: undefined }, other, at(9));
  const result = verifyAddressLog(rewritten, signers);
  t.regex(result.ok ? '' : result.problem, /unknown signing key/);
  // ...and the whole log notices a missing directory entry even when each address looks fine.
  const verifier = createLogVerifier(signers);
  verifier.add([log[0]!, log[2]!]);
  t.like(verifier.result(), { ok: false, seq: 3, problem: 'sequence 3, expected 2' });
});
