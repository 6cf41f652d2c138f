// The key directory against a real Prosody and the real gateway: a Sealpost client announces
// its key (XEP-0373 §4) and tells the component; lookups over HTTP and XMPP; refused keys;
// compromise marks; the signed, hash-chained log (and that editing it is detected).
import test from 'ava';
import Database from 'better-sqlite3';
import {
  buildPublishPublicKey,
  buildPublishPublicKeysList,
  fingerprintOf,
  fromBase64,
  publicKeyBytes,
  readPublicKey,
  toBase64,
  xml,
} from '../../protocol/src/index.ts';
import { buildLookupIq, buildPublishedIq, NS_DIRECTORY, parseKeys } from '@sealpost/protocol';
import { sqliteFile } from '../../gateway/src/store/openStore.ts';
import type { TestStack } from '../harness/stack.ts';
import type { TestClient } from '../harness/xmppClient.ts';
import { fixtureArmor, fixtureUser } from '../fixtures/keys/index.ts';
import { apiClient, makeAdmin, startGatewayStack, type ApiCall } from '../gateway/helpers.ts';
import { createAccountUser, announce, conditionOf, iq, requestOf, verifyServedLog } from './helpers.ts';

let stack: TestStack;
let api: ApiCall;
let admin: ApiCall;
let gateway: string;
const clients: TestClient[] = [];

test.before(async () => {
  stack = await startGatewayStack();
  gateway = stack.gateway.component.jid;
  api = apiClient(stack);
  admin = apiClient(stack, (await makeAdmin(stack, 'root')).token);
  for (const name of ['alice', 'bob', 'carol', 'mallory']) await createAccountUser(stack, name, `${name}-password-1`);
});

test.after.always(async () => {
  for (const c of clients) await c.stop();
  await stack?.stop();
});

async function login(name: string): Promise<TestClient> {
  const client = await stack.xmppClient(name, `${name}-password-1`);
  clients.push(client);
  return client;
}

test.serial('a key announced by a Sealpost client enters on its notice and is served over HTTP and XMPP', async (t) => {
  const alice = await fixtureUser('alice');
  const client = await login('alice');
  await announce(client, alice.jid, alice.publicKey);
  const reply = await iq(client, buildPublishedIq({ to: gateway }));
  t.is(reply.attrs.type, 'result');
  const notice = parseKeys(reply);
  t.is(notice.jid, alice.jid);
  t.deepEqual(notice.keys.map((k) => [k.fingerprint, k.data]), [[alice.fingerprint, undefined]]);
  t.deepEqual(notice.refused, []);
  t.is(notice.head?.seq, 1);

  const res = await api('GET', `/keys/${alice.jid}`);
  t.is(res.status, 200);
  t.is(res.headers.get('access-control-allow-origin'), '*');
  t.is(res.body.address, alice.jid);
  t.is(res.body.keys.length, 1);
  const served = res.body.keys[0];
  t.like(served, { fingerprint: alice.fingerprint, source: 'published', wkd: true, compromised: null, created: '2025-01-01T00:00:00.000Z' });
  t.false(Number.isNaN(Date.parse(served.since)));
  const key = await readPublicKey(fromBase64(served.key), { jid: alice.jid });
  t.is(fingerprintOf(key), alice.fingerprint);
  t.is(res.body.head.hash, notice.head?.hash);

  const byFpr = await api('GET', `/keys/by-fingerprint/${alice.fingerprint.toLowerCase()}`);
  t.is(byFpr.status, 200);
  t.deepEqual(byFpr.body.keys.map((k: { address: string }) => k.address), [alice.jid]);

  // Any XMPP app can ask the component.
  const bob = await login('bob');
  const looked = parseKeys(await iq(bob, buildLookupIq({ to: gateway, jid: 'Alice@LOCALHOST' })));
  t.is(looked.jid, alice.jid);
  t.is(toBase64(looked.keys[0]!.data!), served.key);
  const byFprIq = parseKeys(await iq(bob, buildLookupIq({ to: gateway, fingerprint: alice.fingerprint })));
  t.deepEqual(byFprIq.keys.map((k) => k.jid), [alice.jid]);
  t.is(conditionOf(await iq(bob, buildLookupIq({ to: gateway, jid: 'nobody@localhost' }))), 'item-not-found');
  t.is(conditionOf(await iq(bob, buildLookupIq({ to: gateway, jid: 'not a jid' }))), 'bad-request');
  t.is(conditionOf(await iq(bob, xml('iq', { type: 'get', to: gateway }, xml('lookup', { xmlns: NS_DIRECTORY })))), 'bad-request');
});

test.serial("a key with someone else's user ID is refused, and the refusal is recorded with its reason", async (t) => {
  const carol = await fixtureUser('carol');
  const mallory = await fixtureUser('mallory');
  const client = await login('carol');
  await announce(client, carol.jid, carol.publicKey);
  await announce(client, carol.jid, mallory.publicKey); // announced by Carol's account, but it says xmpp:mallory@localhost
  const notice = parseKeys(await iq(client, buildPublishedIq({ to: gateway })));
  t.deepEqual(notice.keys.map((k) => k.fingerprint), [carol.fingerprint]);
  t.deepEqual(notice.refused.map((r) => [r.fingerprint, r.code]), [[mallory.fingerprint, 'missing-user-id']]);
  t.regex(notice.refused[0]!.reason, /xmpp:carol@localhost/);

  const res = await api('GET', `/keys/${carol.jid}`);
  t.deepEqual(res.body.keys.map((k: { fingerprint: string }) => k.fingerprint), [carol.fingerprint]);
  t.is((await api('GET', `/keys/by-fingerprint/${mallory.fingerprint}`)).status, 404, 'not bound to Carol, and Mallory published nothing');
  const history = await admin('GET', `/admin/keys/${carol.jid}`);
  t.is(history.status, 200);
  t.like(history.body.refusals[0], { fingerprint: mallory.fingerprint, code: 'missing-user-id', source: 'published' });
  t.true(history.body.verification.ok);

  // The same for a key that has Alice's mail address but not her xmpp: user ID.
  const wrongUid = await readPublicKey(fixtureArmor('wrong-uid.pub'));
  const alice = await login('alice');
  await announce(alice, 'alice@localhost', wrongUid);
  const again = parseKeys(await iq(alice, buildPublishedIq({ to: gateway })));
  t.deepEqual(again.refused.map((r) => r.code), ['missing-user-id']);
  t.is(again.keys.length, 1, "Alice's own key stays");
});

test.serial('a key change appears in the log; the served chain verifies; an edited entry breaks it', async (t) => {
  const alice = await fixtureUser('alice');
  const bob = await fixtureUser('bob');
  const client = await login('bob');
  await announce(client, bob.jid, bob.publicKey);
  await iq(client, buildPublishedIq({ to: gateway }));
  // Bob's account announces only Alice's key (a client bug, or a hostile client): it is
  // refused, Bob's own key leaves the directory; then Bob announces his key again.
  const request = requestOf(client);
  await request(buildPublishPublicKey({ fingerprint: alice.fingerprint, keyData: publicKeyBytes(alice.publicKey), date: new Date() }));
  await request(buildPublishPublicKeysList({ keys: [{ fingerprint: alice.fingerprint, date: new Date() }] }));
  const notice = parseKeys(await iq(client, buildPublishedIq({ to: gateway })));
  t.deepEqual(notice.keys, [], "Alice's key is refused for Bob");
  t.deepEqual(notice.refused.map((r) => r.code), ['missing-user-id']);
  await announce(client, bob.jid, bob.publicKey);
  await iq(client, buildPublishedIq({ to: gateway }));

  const log = await api('GET', `/keys/${bob.jid}/log`);
  t.is(log.status, 200);
  t.is(log.headers.get('access-control-allow-origin'), '*');
  t.deepEqual(log.body.entries.map((e: { action: string; reason: string | null }) => [e.action, e.reason]), [
    ['added', null],
    ['removed', 'no longer published'],
    ['added', null],
  ]);
  t.deepEqual(verifyServedLog(log.body), { ok: true, entries: 3, head: { seq: 3, hash: log.body.head.hash } });
  const head = await api('GET', '/keys/head');
  t.is(head.body.format, 'sealpost-key-log/1');
  t.is(head.body.signingKeys.length, 1);
  t.like((await admin('GET', '/admin/keys/log/verify')).body, { ok: true });
  const exported = await admin('GET', '/admin/keys/log?after=0&limit=2');
  t.is(exported.body.entries.length, 2);
  t.is(exported.body.next, 2);

  // Someone with write access to the database bypasses its append-only triggers and edits Bob's first entry.
  const db = new Database(sqliteFile(stack.dataDir));
  try {
    db.exec('DROP TRIGGER directory_log_no_update');
    db.prepare(`UPDATE directory_log SET fingerprint = ? WHERE address = ? AND address_seq = 1`).run(alice.fingerprint, bob.jid);
  } finally {
    db.close();
  }
  const tampered = await api('GET', `/keys/${bob.jid}/log`);
  t.like(verifyServedLog(tampered.body), { ok: false, problem: 'hash does not match the entry' });
  // A forger who also recomputes the hash cannot sign it, and the next entry no longer links.
  const verify = await admin('GET', '/admin/keys/log/verify');
  t.like(verify.body, { ok: false, problem: 'hash does not match the entry' });
  t.like((await admin('GET', `/admin/keys/${bob.jid}`)).body.verification, { ok: false });
});

test.serial('an admin marks a key compromised: lookups flag it, the log records it, the WKD stops serving it', async (t) => {
  const alice = await fixtureUser('alice');
  const wkdPath = `/.well-known/openpgpkey/hu/kei1q4tipxxu1yj79k9kfukdhfy631xe?l=alice`;
  t.is((await fetch(`${stack.gatewayUrl}${wkdPath}`)).status, 200);
  const list = await admin('GET', '/admin/keys?search=alic');
  t.deepEqual(list.body.keys.map((k: { address: string }) => k.address), [alice.jid]);
  t.is(list.body.keys[0].key, undefined, 'admin lists carry no key bytes');
  const marked = await admin('POST', `/admin/keys/${alice.jid}/${alice.fingerprint}/compromised`, { body: { reason: 'laptop stolen' } });
  t.is(marked.status, 200);
  t.like(marked.body.key.compromised, { reason: 'laptop stolen' });
  const res = await api('GET', `/keys/${alice.jid}`);
  t.like(res.body.keys[0].compromised, { reason: 'laptop stolen' });
  const looked = parseKeys(await iq(await login('bob'), buildLookupIq({ to: gateway, jid: alice.jid })));
  t.truthy(looked.keys[0]!.compromised);
  t.is((await fetch(`${stack.gatewayUrl}${wkdPath}`)).status, 404);
  const log = await api('GET', `/keys/${alice.jid}/log`);
  t.like(log.body.entries.at(-1), { action: 'compromised', fingerprint: alice.fingerprint, reason: 'laptop stolen' });
  t.like(verifyServedLog(log.body), { ok: true });
  t.like((await admin('GET', '/admin/keys?compromised=true')).body, { total: 1 });
  const audit = await admin('GET', '/admin/audit?action=key.compromise');
  t.like(audit.body.entries[0], { actor: 'root', target: alice.jid });
  t.is((await admin('POST', `/admin/keys/${alice.jid}/${'0'.repeat(40)}/compromised`, { body: { reason: 'x' } })).status, 404);
  t.is((await api('POST', `/admin/keys/${alice.jid}/${alice.fingerprint}/compromised`, { body: { reason: 'x' } })).status, 401);
});

test.serial('notices come from local accounts only, are rate-limited, and are answered for accounts without keys', async (t) => {
  const mallory = await login('mallory');
  const notice = parseKeys(await iq(mallory, buildPublishedIq({ to: gateway })));
  t.deepEqual(notice, { jid: 'mallory@localhost', keys: [], refused: [] });
  t.is((await api('GET', '/keys/mallory@localhost')).status, 404);
  let limited = 0;
  for (let i = 0; i < 25; i++) if (conditionOf(await iq(mallory, buildPublishedIq({ to: gateway }))) === 'resource-constraint') limited++;
  t.true(limited >= 5, `${limited} notices limited`);
});
