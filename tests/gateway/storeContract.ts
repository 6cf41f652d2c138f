// The store contract: every Store implementation must pass these (storeContract.test.ts runs
// them on SQLite always, and on MongoDB when SEALPOST_MONGODB_URI is set).
import type { ExecutionContext, TestFn } from 'ava';
import type { AuditRecord, InviteRecord, KeyLogEntry, KeyRecord, Store, TokenRecord, UserRecord } from '../../gateway/src/store/store.ts';
import { DuplicateKeyError } from '../../gateway/src/store/store.ts';

export type OpenStore = () => Promise<Store & { dispose?(): Promise<void> }>;

const T0 = new Date('2030-01-10T12:00:00.000Z');
const at = (minutes: number) => new Date(T0.getTime() + minutes * 60_000);

const user = (username: string, over: Partial<UserRecord> = {}): UserRecord => ({
  username,
  status: 'active',
  roles: [],
  createdAt: T0,
  updatedAt: T0,
  quotaBytes: null,
  source: 'register',
  inviteId: null,
  ...over,
});

const invite = (id: string, over: Partial<InviteRecord> = {}): InviteRecord => ({
  id,
  codeHash: `hash-${id}`,
  createdBy: 'root',
  createdAt: T0,
  expiresAt: null,
  maxUses: 1,
  uses: 0,
  revokedAt: null,
  note: null,
  ...over,
});

const token = (id: string, over: Partial<TokenRecord> = {}): TokenRecord => ({
  id,
  tokenHash: `th-${id}`,
  kind: 'api',
  name: `token ${id}`,
  username: 'root',
  createdAt: T0,
  expiresAt: null,
  lastUsedAt: null,
  revokedAt: null,
  ...over,
});

const audit = (id: string, over: Partial<AuditRecord> = {}): AuditRecord => ({
  id,
  at: T0,
  actor: 'root',
  action: 'user.create',
  target: null,
  address: '127.0.0.1',
  details: {},
  ...over,
});

const FA = 'A'.repeat(40);
const FB = 'B'.repeat(40);
const FC = 'C'.repeat(40);

const keyRecord = (address: string, fingerprint: string, over: Partial<KeyRecord> = {}): KeyRecord => ({
  address,
  fingerprint,
  keyData: new Uint8Array([0x99, 0x00, 0x33, fingerprint.charCodeAt(0), 0xff]),
  keyHash: `kh-${fingerprint.slice(0, 4)}`,
  createdAt: at(-60),
  firstSeenAt: T0,
  lastSeenAt: T0,
  source: 'published',
  wkdHash: null,
  removedAt: null,
  compromisedAt: null,
  compromisedReason: null,
  ...over,
});

const logEntry = (seq: number, address: string, addressSeq: number, over: Partial<KeyLogEntry> = {}): KeyLogEntry => ({
  seq,
  address,
  addressSeq,
  at: at(seq),
  action: 'added',
  fingerprint: FA,
  previousFingerprint: null,
  keyHash: 'kh',
  reason: null,
  prevHash: `p${seq}`,
  prevGlobalHash: `g${seq}`,
  hash: `h${seq}`,
  signer: 'sig1',
  signature: `s${seq}`,
  ...over,
});

export function storeContract(test: TestFn, label: string, open: OpenStore): void {
  const withStore = (title: string, fn: (t: ExecutionContext, store: Store) => Promise<void>) =>
    test(`${label}: ${title}`, async (t) => {
      const store = await open();
      try {
        await fn(t, store);
      } finally {
        await store.dispose?.();
        await store.close();
      }
    });

  withStore('ping answers', async (t, store) => {
    await t.notThrowsAsync(store.ping());
  });

  withStore('users: insert, get, duplicate refused', async (t, s) => {
    await s.users.insert(user('alice', { roles: ['admin'], quotaBytes: 1024, source: 'admin', inviteId: 'inv1' }));
    t.deepEqual(await s.users.get('alice'), user('alice', { roles: ['admin'], quotaBytes: 1024, source: 'admin', inviteId: 'inv1' }));
    t.is(await s.users.get('nobody'), undefined);
    await t.throwsAsync(s.users.insert(user('alice')), { instanceOf: DuplicateKeyError });
  });

  withStore('users: update applies patches and compare-and-set on status', async (t, s) => {
    await s.users.insert(user('bob', { status: 'pending' }));
    t.is(await s.users.update('bob', { status: 'active', updatedAt: at(1) }, 'active'), undefined, 'status does not match');
    const activated = await s.users.update('bob', { status: 'active', updatedAt: at(1) }, 'pending');
    t.is(activated?.status, 'active');
    t.deepEqual(activated?.updatedAt, at(1));
    const admin = await s.users.update('bob', { roles: ['admin'], quotaBytes: 5, updatedAt: at(2) });
    t.deepEqual(admin?.roles, ['admin']);
    t.is(admin?.quotaBytes, 5);
    const plain = await s.users.update('bob', { roles: [], quotaBytes: null, updatedAt: at(3) });
    t.deepEqual(plain?.roles, []);
    t.is(plain?.quotaBytes, null);
    t.is(await s.users.update('ghost', { status: 'disabled', updatedAt: at(4) }), undefined);
  });

  withStore('users: delete, with and without status condition', async (t, s) => {
    await s.users.insert(user('carol', { roles: ['admin'] }));
    t.false(await s.users.delete('carol', 'pending'));
    t.true(await s.users.delete('carol'));
    t.false(await s.users.delete('carol'));
    t.is(await s.users.get('carol'), undefined);
    // Re-creating the name starts clean (no roles left behind).
    await s.users.insert(user('carol'));
    t.deepEqual((await s.users.get('carol'))?.roles, []);
  });

  withStore('users: list sorts, pages, searches, filters and hides pending', async (t, s) => {
    for (const name of ['dave', 'alice', 'carol', 'bob', 'al_x', 'alpha']) await s.users.insert(user(name));
    await s.users.insert(user('zed', { status: 'pending' }));
    await s.users.insert(user('eve', { status: 'disabled', roles: ['admin'] }));
    const all = await s.users.list({ limit: 100, offset: 0 });
    t.deepEqual(all.items.map((u) => u.username), ['al_x', 'alice', 'alpha', 'bob', 'carol', 'dave', 'eve']);
    t.is(all.total, 7);
    const page = await s.users.list({ limit: 2, offset: 2 });
    t.deepEqual(page.items.map((u) => u.username), ['alpha', 'bob']);
    t.is(page.total, 7);
    const search = await s.users.list({ search: 'AL', limit: 10, offset: 0 });
    t.deepEqual(search.items.map((u) => u.username), ['al_x', 'alice', 'alpha']);
    // Wildcards in the search are literal.
    t.deepEqual((await s.users.list({ search: 'l_', limit: 10, offset: 0 })).items.map((u) => u.username), ['al_x']);
    t.deepEqual((await s.users.list({ search: '.*', limit: 10, offset: 0 })).items, []);
    t.deepEqual((await s.users.list({ status: 'disabled', limit: 10, offset: 0 })).items.map((u) => u.username), ['eve']);
    t.deepEqual((await s.users.list({ status: 'pending', limit: 10, offset: 0 })).items.map((u) => u.username), ['zed']);
    t.deepEqual((await s.users.list({ role: 'admin', limit: 10, offset: 0 })).items.map((u) => u.username), ['eve']);
    t.is(await s.users.count(), 7);
    t.is(await s.users.count({ status: 'active' }), 6);
    t.is(await s.users.count({ role: 'admin' }), 1);
  });

  withStore('users: registrations per UTC day and pending records by age', async (t, s) => {
    await s.users.insert(user('d1a', { createdAt: new Date('2030-01-01T00:00:00.000Z') }));
    await s.users.insert(user('d1b', { createdAt: new Date('2030-01-01T23:59:59.999Z'), status: 'disabled' }));
    await s.users.insert(user('d3', { createdAt: new Date('2030-01-03T10:00:00.000Z') }));
    await s.users.insert(user('old', { createdAt: new Date('2029-12-31T23:59:59.000Z') }));
    await s.users.insert(user('p1', { createdAt: new Date('2030-01-02T00:00:00.000Z'), status: 'pending' }));
    await s.users.insert(user('p2', { createdAt: new Date('2030-01-05T00:00:00.000Z'), status: 'pending' }));
    t.deepEqual(await s.users.countCreatedByDay(new Date('2030-01-01T00:00:00.000Z')), [
      { day: '2030-01-01', count: 2 },
      { day: '2030-01-03', count: 1 },
    ]);
    t.deepEqual((await s.users.listPending(new Date('2030-01-04T00:00:00.000Z'))).map((u) => u.username), ['p1']);
  });

  withStore('invites: consume until used up, release gives a use back', async (t, s) => {
    await s.invites.insert(invite('i1', { maxUses: 2, note: 'for the team' }));
    t.deepEqual(await s.invites.get('i1'), invite('i1', { maxUses: 2, note: 'for the team' }));
    await t.throwsAsync(s.invites.insert(invite('i1')), { instanceOf: DuplicateKeyError });
    const first = await s.invites.consume('hash-i1', at(1));
    t.is(first.status, 'ok');
    t.is(first.invite?.uses, 1);
    t.is((await s.invites.consume('hash-i1', at(1))).status, 'ok');
    const third = await s.invites.consume('hash-i1', at(1));
    t.is(third.status, 'used_up');
    t.is(third.invite?.uses, 2);
    await s.invites.release('i1');
    t.is((await s.invites.consume('hash-i1', at(2))).status, 'ok');
    t.is((await s.invites.consume('nope', at(2))).status, 'not_found');
  });

  withStore('invites: concurrent consumers never exceed max uses', async (t, s) => {
    await s.invites.insert(invite('race', { maxUses: 3 }));
    const results = await Promise.all(Array.from({ length: 10 }, () => s.invites.consume('hash-race', at(1))));
    t.is(results.filter((r) => r.status === 'ok').length, 3);
    t.is((await s.invites.get('race'))?.uses, 3);
  });

  withStore('invites: expiry, revocation and listing', async (t, s) => {
    await s.invites.insert(invite('old', { createdAt: at(-10), expiresAt: at(5) }));
    await s.invites.insert(invite('new', { createdAt: at(0), maxUses: 5 }));
    await s.invites.insert(invite('gone', { createdAt: at(-5) }));
    t.is((await s.invites.consume('hash-old', at(5))).status, 'expired', 'expiry is exclusive');
    t.true(await s.invites.revoke('gone', at(1)));
    t.false(await s.invites.revoke('gone', at(2)), 'already revoked');
    t.false(await s.invites.revoke('missing', at(2)));
    t.deepEqual((await s.invites.get('gone'))?.revokedAt, at(1));
    t.is((await s.invites.consume('hash-gone', at(2))).status, 'revoked');
    const all = await s.invites.list({ now: at(6), limit: 10, offset: 0 });
    t.deepEqual(all.items.map((i) => i.id), ['new', 'gone', 'old']);
    t.is(all.total, 3);
    const active = await s.invites.list({ active: true, now: at(6), limit: 10, offset: 0 });
    t.deepEqual(active.items.map((i) => i.id), ['new']);
    t.is(active.total, 1);
    t.deepEqual((await s.invites.list({ now: at(6), limit: 1, offset: 1 })).items.map((i) => i.id), ['gone']);
  });

  withStore('tokens: insert, find by hash, touch, revoke, purge', async (t, s) => {
    await s.tokens.insert(token('t1'));
    await s.tokens.insert(token('t2', { kind: 'session', username: 'alice', createdAt: at(1), expiresAt: at(16) }));
    await s.tokens.insert(token('t3', { kind: 'cli', username: null, createdAt: at(2) }));
    await t.throwsAsync(s.tokens.insert(token('t4', { tokenHash: 'th-t1' })), { instanceOf: DuplicateKeyError });
    t.deepEqual(await s.tokens.findByHash('th-t1'), token('t1'));
    t.is(await s.tokens.findByHash('nope'), undefined);
    await s.tokens.touch('t1', at(3));
    t.deepEqual((await s.tokens.get('t1'))?.lastUsedAt, at(3));
    t.deepEqual((await s.tokens.list({ now: at(5) })).map((x) => x.id), ['t3', 't2', 't1']);
    t.deepEqual((await s.tokens.list({ now: at(20) })).map((x) => x.id), ['t3', 't1'], 'expired ones hidden');
    t.deepEqual((await s.tokens.list({ now: at(20), includeInactive: true })).map((x) => x.id), ['t3', 't2', 't1']);
    t.deepEqual((await s.tokens.list({ now: at(5), kind: 'session' })).map((x) => x.id), ['t2']);
    t.deepEqual((await s.tokens.list({ now: at(5), username: 'root' })).map((x) => x.id), ['t1']);
    t.true(await s.tokens.revoke('t1', at(4)));
    t.false(await s.tokens.revoke('t1', at(5)));
    t.deepEqual((await s.tokens.findByHash('th-t1'))?.revokedAt, at(4));
    t.is(await s.tokens.purge(at(4)), 0, 'revoked at exactly the cut-off is kept');
    t.is(await s.tokens.purge(at(17)), 2, 'the revoked and the expired one');
    t.deepEqual((await s.tokens.list({ now: at(17), includeInactive: true })).map((x) => x.id), ['t3']);
  });

  withStore('tokens: revokeAll by kind and user', async (t, s) => {
    await s.tokens.insert(token('a1', { username: 'alice' }));
    await s.tokens.insert(token('a2', { username: 'alice', kind: 'session' }));
    await s.tokens.insert(token('b1', { username: 'bob' }));
    await s.tokens.insert(token('c1', { kind: 'cli', username: null }));
    t.is(await s.tokens.revokeAll({ username: 'alice' }, at(1)), 2);
    t.is(await s.tokens.revokeAll({ username: 'alice' }, at(2)), 0);
    t.is(await s.tokens.revokeAll({ kind: 'cli' }, at(2)), 1);
    t.deepEqual((await s.tokens.list({ now: at(3) })).map((x) => x.id), ['b1']);
  });

  withStore('audit: append and list newest first with filters and paging', async (t, s) => {
    await s.audit.append(audit('e1', { at: at(1), action: 'user.register', actor: 'alice', target: 'alice', details: { invite: 'i1' } }));
    await s.audit.append(audit('e2', { at: at(2), action: 'user.disable', target: 'alice' }));
    await s.audit.append(audit('e3', { at: at(3), action: 'invite.create', target: 'i2', address: null }));
    await s.audit.append(audit('e4', { at: at(4), action: 'user.delete', target: 'bob', details: { nested: { ok: true }, list: [1, 2] } }));
    await t.throwsAsync(s.audit.append(audit('e1')), { instanceOf: DuplicateKeyError });
    const all = await s.audit.list({ limit: 10, offset: 0 });
    t.deepEqual(all.items.map((e) => e.id), ['e4', 'e3', 'e2', 'e1']);
    t.is(all.total, 4);
    t.deepEqual(all.items[0], audit('e4', { at: at(4), action: 'user.delete', target: 'bob', details: { nested: { ok: true }, list: [1, 2] } }));
    t.deepEqual(all.items[1]?.address, null);
    t.deepEqual(all.items[3]?.details, { invite: 'i1' });
    t.deepEqual((await s.audit.list({ actor: 'alice', limit: 10, offset: 0 })).items.map((e) => e.id), ['e1']);
    t.deepEqual((await s.audit.list({ target: 'alice', limit: 10, offset: 0 })).items.map((e) => e.id), ['e2', 'e1']);
    t.deepEqual((await s.audit.list({ action: 'user', limit: 10, offset: 0 })).items.map((e) => e.id), ['e4', 'e2', 'e1']);
    t.deepEqual((await s.audit.list({ action: 'user.disable', limit: 10, offset: 0 })).items.map((e) => e.id), ['e2']);
    t.deepEqual((await s.audit.list({ action: 'use', limit: 10, offset: 0 })).items, [], 'a prefix matches whole segments only');
    t.deepEqual((await s.audit.list({ since: at(2), until: at(4), limit: 10, offset: 0 })).items.map((e) => e.id), ['e3', 'e2']);
    const page = await s.audit.list({ limit: 2, offset: 1 });
    t.deepEqual(page.items.map((e) => e.id), ['e3', 'e2']);
    t.is(page.total, 4);
  });

  withStore('keys: commit writes records, log entries and the checked time; lookups by address, fingerprint and WKD hash', async (t, s) => {
    t.is(await s.keys.head(), undefined);
    t.is(await s.keys.checkedAt('alice@x'), undefined);
    const a = keyRecord('alice@x', FA, { wkdHash: 'wkdalice' });
    await s.keys.commit({ address: 'alice@x', records: [a], entries: [logEntry(1, 'alice@x', 1)], checkedAt: at(1) });
    await s.keys.commit({ address: 'bob@x', records: [keyRecord('bob@x', FB, { firstSeenAt: at(2) }), keyRecord('bob@x', FA, { firstSeenAt: at(3) })], entries: [logEntry(2, 'bob@x', 1), logEntry(3, 'bob@x', 2)], checkedAt: at(2) });
    t.deepEqual(await s.keys.current('alice@x'), [a]);
    t.deepEqual((await s.keys.current('bob@x')).map((k) => k.fingerprint), [FB, FA], 'oldest first');
    t.deepEqual((await s.keys.byFingerprint(FA)).map((k) => k.address), ['alice@x', 'bob@x']);
    t.deepEqual((await s.keys.byWkdHash('wkdalice')).map((k) => k.address), ['alice@x']);
    t.deepEqual(await s.keys.byWkdHash('none'), []);
    t.deepEqual(await s.keys.checkedAt('bob@x'), at(2));
    t.is((await s.keys.head())?.seq, 3);
    t.deepEqual(await s.keys.addressHead('alice@x'), logEntry(1, 'alice@x', 1));
    t.deepEqual((await s.keys.log('bob@x')).map((e) => e.addressSeq), [1, 2]);
    t.deepEqual((await s.keys.log('bob@x', { afterAddressSeq: 1 })).map((e) => e.seq), [3]);
    t.deepEqual((await s.keys.logRange({ afterSeq: 1, limit: 1 })).map((e) => e.seq), [2]);

    // Removal and compromise are record updates; removed keys leave lookups but stay in history.
    await s.keys.commit({ address: 'bob@x', records: [keyRecord('bob@x', FB, { firstSeenAt: at(2), removedAt: at(4) }), keyRecord('bob@x', FA, { firstSeenAt: at(3), compromisedAt: at(4), compromisedReason: 'stolen' })], entries: [logEntry(4, 'bob@x', 3, { action: 'removed', keyHash: null, reason: 'gone' })], checkedAt: null });
    t.deepEqual((await s.keys.current('bob@x')).map((k) => k.fingerprint), [FA]);
    t.deepEqual((await s.keys.history('bob@x')).map((k) => [k.fingerprint, k.removedAt]), [[FB, at(4)], [FA, null]]);
    t.deepEqual((await s.keys.byFingerprint(FB)), []);
    t.deepEqual(await s.keys.checkedAt('bob@x'), at(2), 'a null checkedAt leaves it as is');
    t.like((await s.keys.current('bob@x'))[0], { compromisedAt: at(4), compromisedReason: 'stolen' });
  });

  withStore('keys: log entries must extend the head exactly (a concurrent writer fails, nothing forks)', async (t, s) => {
    await s.keys.commit({ address: 'a@x', records: [], entries: [logEntry(1, 'a@x', 1)], checkedAt: null });
    await t.throwsAsync(s.keys.commit({ address: 'a@x', records: [], entries: [logEntry(1, 'a@x', 2, { hash: 'other' })], checkedAt: null }), { instanceOf: DuplicateKeyError });
    await t.throwsAsync(s.keys.commit({ address: 'a@x', records: [], entries: [logEntry(3, 'a@x', 2, { hash: 'h3' })], checkedAt: null }), { instanceOf: DuplicateKeyError });
    await t.throwsAsync(s.keys.commit({ address: 'a@x', records: [], entries: [logEntry(2, 'a@x', 1, { hash: 'h2' })], checkedAt: null }), { instanceOf: DuplicateKeyError }, 'address sequence taken');
    t.deepEqual((await s.keys.logRange({ afterSeq: 0, limit: 10 })).map((e) => e.hash), ['h1']);
    t.deepEqual(await s.keys.log('a@x'), [logEntry(1, 'a@x', 1)], 'entries read back exactly as written');
  });

  withStore('keys: admin list pages current keys, searches addresses, filters compromised', async (t, s) => {
    let seq = 0;
    for (const [address, fpr, compromised] of [['carol@x', FC, false], ['alice@x', FA, true], ['al_x@x', FB, false], ['bob@x', FB, false]] as const) {
      await s.keys.commit({ address, records: [keyRecord(address, fpr, compromised ? { compromisedAt: T0, compromisedReason: 'r' } : {})], entries: [logEntry(++seq, address, 1)], checkedAt: T0 });
    }
    await s.keys.commit({ address: 'dave@x', records: [keyRecord('dave@x', FA, { removedAt: T0 })], entries: [], checkedAt: T0 });
    const all = await s.keys.list({ limit: 10, offset: 0 });
    t.deepEqual(all.items.map((k) => k.address), ['al_x@x', 'alice@x', 'bob@x', 'carol@x']);
    t.is(all.total, 4);
    t.deepEqual((await s.keys.list({ limit: 2, offset: 1 })).items.map((k) => k.address), ['alice@x', 'bob@x']);
    t.deepEqual((await s.keys.list({ search: 'AL', limit: 10, offset: 0 })).items.map((k) => k.address), ['al_x@x', 'alice@x']);
    t.deepEqual((await s.keys.list({ search: 'l_', limit: 10, offset: 0 })).items.map((k) => k.address), ['al_x@x'], 'wildcards are literal');
    t.deepEqual((await s.keys.list({ compromised: true, limit: 10, offset: 0 })).items.map((k) => k.address), ['alice@x']);
    t.is((await s.keys.list({ compromised: false, limit: 10, offset: 0 })).total, 3);
  });

  withStore('keys: refusals keep the latest verdict per key, newest first; signers are added once', async (t, s) => {
    await s.keys.recordRefusal({ address: 'a@x', fingerprint: FA, code: 'expired', reason: 'old', at: at(1), source: 'lookup' });
    await s.keys.recordRefusal({ address: 'a@x', fingerprint: FB, code: 'weak-algorithm', reason: 'rsa', at: at(2), source: 'published' });
    await s.keys.recordRefusal({ address: 'a@x', fingerprint: FA, code: 'missing-user-id', reason: 'uid', at: at(3), source: 'published' });
    t.deepEqual((await s.keys.refusals('a@x')).map((r) => [r.fingerprint, r.code]), [[FA, 'missing-user-id'], [FB, 'weak-algorithm']]);
    t.deepEqual(await s.keys.refusals('b@x'), []);
    for (let i = 0; i < 40; i++) await s.keys.recordRefusal({ address: 'b@x', fingerprint: String(i).padStart(40, '0'), code: 'c', reason: 'r', at: at(10 + i), source: 'lookup' });
    const kept = await s.keys.refusals('b@x');
    t.is(kept.length, 32, 'bounded per address');
    t.is(kept[0]!.fingerprint, String(39).padStart(40, '0'));
    const signer = { id: 'sig1', algorithm: 'ed25519' as const, publicKey: 'cHVi', createdAt: T0 };
    await s.keys.addSigner(signer);
    await s.keys.addSigner({ ...signer, publicKey: 'b3RoZXI=', createdAt: at(5) });
    await s.keys.addSigner({ id: 'sig2', algorithm: 'ed25519', publicKey: 'c2Vjb25k', createdAt: at(1) });
    t.deepEqual(await s.keys.signers(), [signer, { id: 'sig2', algorithm: 'ed25519', publicKey: 'c2Vjb25k', createdAt: at(1) }]);
  });
}
