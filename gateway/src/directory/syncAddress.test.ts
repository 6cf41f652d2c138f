import test from 'ava';
import {
  buildPublicKeysList,
  fingerprintOf,
  fromBase64,
  generateOxKey,
  NODE_OX_PUBLIC_KEY_DATA_PREFIX,
  NODE_OX_PUBLIC_KEYS,
  NS_OX,
  publicKeyBytes,
  readPublicKey,
  xml,
} from '@sealpost/protocol';
import { fixtureArmor, fixtureUser } from '../../../tests/fixtures/keys/index.ts';
import { signerMap, verifyAddressLog } from './logChain.ts';
import { lookupAddress, lookupFingerprint, lookupWkd } from './lookupKeys.ts';
import { markCompromised } from './markCompromised.ts';
import { PepUnavailableError } from './pepKeys.ts';
import { syncAddress } from './syncAddress.ts';
import { testDirectory } from './testPep.ts';
import { verifyDirectoryLog } from './verifyLog.ts';
import { wkdHash } from './wkdHash.ts';

const ALICE = 'alice@localhost';
const admin = { name: 'root', address: '127.0.0.1' };

async function alice() {
  const id = await fixtureUser('alice');
  return { fingerprint: id.fingerprint, data: publicKeyBytes(id.publicKey) };
}

/** Armored fixture -> binary public key, read without the user-ID check (it may be refused later). */
async function binary(name: Parameters<typeof fixtureArmor>[0]) {
  const key = await readPublicKey(fixtureArmor(name));
  return { fingerprint: fingerprintOf(key), data: publicKeyBytes(key) };
}

test('a published key enters with its user ID checked, a WKD hash, and an `added` entry', async (t) => {
  const d = await testDirectory();
  t.teardown(d.close);
  const key = await alice();
  d.pep.publish(ALICE, [key]);
  const result = await syncAddress(d.ctx, ALICE, 'published');
  t.deepEqual(result.refused, []);
  t.is(result.keys.length, 1);
  const record = result.keys[0]!;
  t.like(record, { address: ALICE, fingerprint: key.fingerprint, source: 'published', wkdHash: wkdHash('alice'), removedAt: null, compromisedAt: null });
  t.deepEqual(record.keyData, key.data);
  t.deepEqual(record.createdAt, new Date('2025-01-01T00:00:00.000Z'));
  t.deepEqual(result.changes.map((e) => [e.action, e.fingerprint, e.addressSeq]), [['added', key.fingerprint, 1]]);
  // Nothing changed: a second read only moves lastSeenAt.
  d.clock.now = new Date('2030-01-01T01:00:00.000Z');
  const again = await syncAddress(d.ctx, ALICE, 'lookup');
  t.deepEqual(again.changes, []);
  t.deepEqual(again.keys[0]!.lastSeenAt, d.clock.now);
  t.deepEqual(again.keys[0]!.firstSeenAt, new Date('2030-01-01T00:00:00.000Z'));
  t.is(again.keys[0]!.source, 'published');
});

test('a replaced key, a removed key and a compromise mark are logged; the chain verifies', async (t) => {
  const d = await testDirectory();
  t.teardown(d.close);
  const first = await alice();
  const second = await generateOxKey({ jid: ALICE, now: new Date('2026-01-01T00:00:00Z') });
  const next = { fingerprint: second.fingerprint, data: publicKeyBytes(second.publicKey) };
  d.pep.publish(ALICE, [first]);
  await syncAddress(d.ctx, ALICE, 'published');
  d.pep.publish(ALICE, [next]);
  const replaced = await syncAddress(d.ctx, ALICE, 'published');
  t.deepEqual(replaced.changes.map((e) => [e.action, e.fingerprint, e.previousFingerprint]), [['replaced', next.fingerprint, first.fingerprint]]);
  t.deepEqual(replaced.keys.map((k) => k.fingerprint), [next.fingerprint]);
  await markCompromised(d.ctx, ALICE, next.fingerprint, 'laptop stolen', admin);
  d.pep.publish(ALICE, []);
  const removed = await syncAddress(d.ctx, ALICE, 'lookup');
  t.deepEqual(removed.changes.map((e) => [e.action, e.reason]), [['removed', 'no longer published']]);
  t.deepEqual(removed.keys, []);

  const log = await d.ctx.store.keys.log(ALICE);
  t.deepEqual(log.map((e) => e.action), ['added', 'replaced', 'compromised', 'removed']);
  const signers = signerMap(await d.ctx.store.keys.signers());
  t.like(verifyAddressLog(log, signers), { ok: true, entries: 4 });
  t.like(await verifyDirectoryLog(d.ctx), { ok: true, entries: 4 });
  const history = await d.ctx.store.keys.history(ALICE);
  t.deepEqual(history.map((k) => [k.fingerprint, k.removedAt !== null, k.compromisedReason]), [
    [first.fingerprint, true, null],
    [next.fingerprint, true, 'laptop stolen'],
  ]);
  const audit = await d.ctx.store.audit.list({ action: 'key.compromise', limit: 10, offset: 0 });
  t.like(audit.items[0], { actor: 'root', target: ALICE, details: { fingerprint: next.fingerprint, reason: 'laptop stolen' } });
});

test("keys with another account's user ID, weak or secret keys are refused with the reason", async (t) => {
  const d = await testDirectory();
  t.teardown(d.close);
  const mallory = await binary('mallory.pub');
  const wrongUid = await binary('wrong-uid.pub');
  const rsa1024 = fixtureArmor('rsa-1024.pub');
  d.pep.publish(ALICE, [mallory, wrongUid]);
  // A node named by a fingerprint whose content is a weak key, and one holding Alice's secret key.
  const secret = await fixtureUser('alice');
  const secretBytes = secret.privateKey.write();
  d.pep.setNode(ALICE, `${NODE_OX_PUBLIC_KEY_DATA_PREFIX}${'A'.repeat(40)}`, xml('pubkey', { xmlns: NS_OX }, xml('data', {}, armoredToBase64(rsa1024))));
  d.pep.setNode(ALICE, `${NODE_OX_PUBLIC_KEY_DATA_PREFIX}${secret.fingerprint}`, xml('pubkey', { xmlns: NS_OX }, xml('data', {}, Buffer.from(secretBytes).toString('base64'))));
  const date = new Date();
  d.pep.setNode(ALICE, NODE_OX_PUBLIC_KEYS, buildPublicKeysList([mallory, wrongUid, { fingerprint: 'A'.repeat(40) }, { fingerprint: secret.fingerprint }].map((k) => ({ fingerprint: k.fingerprint, date }))));

  const result = await syncAddress(d.ctx, ALICE, 'published');
  t.deepEqual(result.keys, []);
  t.deepEqual(result.refused.map((r) => r.code), ['missing-user-id', 'missing-user-id', 'weak-algorithm', 'secret-material']);
  t.regex(result.refused[0]!.reason, /xmpp:alice@localhost/);
  const stored = await d.ctx.store.keys.refusals(ALICE);
  t.deepEqual(stored.map((r) => r.code).sort(), ['missing-user-id', 'missing-user-id', 'secret-material', 'weak-algorithm']);
  // Nothing of the secret key reached the store.
  const db = (d.ctx.store as unknown as { db: { prepare(sql: string): { all(): unknown[] } } }).db;
  const dump = JSON.stringify(['directory_keys', 'directory_refusals', 'directory_log'].map((table) => db.prepare(`SELECT * FROM ${table}`).all()));
  t.false(dump.includes(Buffer.from(secretBytes.slice(-64)).toString('hex')));
  t.false(dump.includes(Buffer.from(secretBytes.slice(-64)).toString('base64').slice(0, 40)));
  t.deepEqual(await d.ctx.store.keys.log(ALICE), []);
});

test('an oversized key body is refused before it is decoded', async (t) => {
  const d = await testDirectory();
  t.teardown(d.close);
  const fpr = 'B'.repeat(40);
  d.pep.setNode(ALICE, `${NODE_OX_PUBLIC_KEY_DATA_PREFIX}${fpr}`, xml('pubkey', { xmlns: NS_OX }, xml('data', {}, 'A'.repeat(200_000))));
  d.pep.setNode(ALICE, NODE_OX_PUBLIC_KEYS, buildPublicKeysList([{ fingerprint: fpr, date: new Date() }]));
  const result = await syncAddress(d.ctx, ALICE, 'published');
  t.deepEqual(result.refused.map((r) => r.code), ['too-large']);
});

test('when Prosody does not answer, nothing changes and lookups serve the record they have', async (t) => {
  const d = await testDirectory({ refreshAfterMs: 1000 });
  t.teardown(d.close);
  d.pep.publish(ALICE, [await alice()]);
  await syncAddress(d.ctx, ALICE, 'published');
  d.pep.down = true;
  await t.throwsAsync(syncAddress(d.ctx, ALICE, 'published'), { instanceOf: PepUnavailableError });
  d.clock.now = new Date('2030-01-01T00:00:05.000Z');
  const found = await lookupAddress(d.ctx, ALICE);
  t.is(found.keys.length, 1, 'stale, served anyway');
  t.deepEqual((await d.ctx.store.keys.log(ALICE)).map((e) => e.action), ['added']);
});

test('lookups read unknown and stale local addresses, remember misses, and never ask about other domains', async (t) => {
  const d = await testDirectory({ refreshAfterMs: 60_000 });
  t.teardown(d.close);
  t.deepEqual((await lookupAddress(d.ctx, 'nobody@localhost')).keys, []);
  t.deepEqual((await lookupAddress(d.ctx, 'nobody@localhost')).keys, []);
  t.is(d.pep.requests, 1, 'the miss is remembered');
  t.deepEqual((await lookupAddress(d.ctx, 'bob@elsewhere.example')).keys, []);
  t.is(d.pep.requests, 1, 'no request about another domain');

  d.pep.publish(ALICE, [await alice()]);
  const found = await lookupAddress(d.ctx, ALICE);
  t.is(found.keys[0]?.source, 'lookup');
  t.is(found.head?.action, 'added');
  const before = d.pep.requests;
  await lookupAddress(d.ctx, ALICE);
  t.is(d.pep.requests, before, 'fresh: served from the store');
  d.clock.now = new Date('2030-01-01T00:02:00.000Z');
  d.pep.publish(ALICE, []);
  t.deepEqual((await lookupAddress(d.ctx, ALICE)).keys, [], 'stale: read again, and the key is gone');
  // Concurrent lookups of a stale address share one read.
  d.clock.now = new Date('2030-01-01T00:10:00.000Z');
  d.pep.publish(ALICE, [await alice()]);
  const reads = d.pep.requests;
  await Promise.all([lookupAddress(d.ctx, ALICE), lookupAddress(d.ctx, ALICE), lookupAddress(d.ctx, ALICE)]);
  t.is(d.pep.requests - reads, 2, 'one metadata and one data request');
});

test('the Web Key Directory serves keys carrying the mail address, not compromised ones', async (t) => {
  const d = await testDirectory();
  t.teardown(d.close);
  const key = await alice();
  d.pep.publish(ALICE, [key]);
  const hash = wkdHash('alice');
  t.deepEqual((await lookupWkd(d.ctx, hash, 'alice')).map((r) => r.fingerprint), [key.fingerprint], 'read on first WKD lookup with ?l=');
  t.deepEqual((await lookupWkd(d.ctx, hash, undefined)).map((r) => r.fingerprint), [key.fingerprint]);
  t.deepEqual(await lookupWkd(d.ctx, wkdHash('bob'), 'alice'), [], 'l= must hash to the name asked for');
  await markCompromised(d.ctx, ALICE, key.fingerprint, 'leaked', admin);
  t.deepEqual(await lookupWkd(d.ctx, hash, 'alice'), []);
  t.truthy((await lookupAddress(d.ctx, ALICE)).keys[0]!.compromisedAt, 'lookups keep it, flagged');
});

function armoredToBase64(armored: string): string {
  const body = armored.split(/\r?\n\r?\n/)[1]!.split('\n=')[0]!;
  return Buffer.from(fromBase64(body.replace(/\s+/g, ''))).toString('base64');
}

test('a fingerprint lookup re-reads a stale owner first', async (t) => {
  const d = await testDirectory({ refreshAfterMs: 60_000 });
  t.teardown(d.close);
  const key = await alice();
  d.pep.publish(ALICE, [key]);
  await syncAddress(d.ctx, ALICE, 'published');
  t.is((await lookupFingerprint(d.ctx, key.fingerprint)).length, 1);
  d.pep.publish(ALICE, []);
  t.is((await lookupFingerprint(d.ctx, key.fingerprint)).length, 1, 'fresh: not re-read');
  d.clock.now = new Date('2030-01-01T00:05:00.000Z');
  t.deepEqual(await lookupFingerprint(d.ctx, key.fingerprint), [], 'stale: re-read, gone');
});
