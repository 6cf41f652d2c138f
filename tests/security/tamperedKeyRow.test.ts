// Attack: a key row in the gateway's store is rewritten (a hostile operator, a bad write):
// bob's key bytes, with a matching key_hash column, under alice's address and fingerprint.
// The directory served the substituted bytes over the API, the Web Key Directory and XMPP,
// and both the whole-log verification and the address verification said "ok". Served bytes
// must match the SHA-256 the signed log entry recorded for that key, and both verifications
// must report the row.
import test from 'ava';
import Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { buildLookupIq, buildPublishedIq, fromBase64, publicKeyBytes } from '../../protocol/src/index.ts';
import { wkdHash } from '../../gateway/src/directory/wkdHash.ts';
import { sqliteFile } from '../../gateway/src/store/openStore.ts';
import type { TestStack } from '../harness/stack.ts';
import type { TestClient } from '../harness/xmppClient.ts';
import { fixtureUser } from '../fixtures/keys/index.ts';
import { apiClient, cliToken, startGatewayStack, type ApiCall } from '../gateway/helpers.ts';
import { announce, conditionOf, createAccountUser, iq } from '../directory/helpers.ts';

let stack: TestStack;
let api: ApiCall;
let cli: ApiCall;
let client: TestClient;

test.before(async () => {
  stack = await startGatewayStack({ SEALPOST_DIRECTORY_RATE_PER_ADDRESS: '100000/minute' });
  api = apiClient(stack);
  cli = apiClient(stack, cliToken(stack));
  await createAccountUser(stack, 'alice', 'alice-password-1');
  client = await stack.xmppClient('alice', 'alice-password-1');
});

test.after.always(async () => {
  await client?.stop();
  await stack?.stop();
});

test.serial('substituted key bytes are not served, and both verifications report them', async (t) => {
  const alice = await fixtureUser('alice');
  const bob = await fixtureUser('bob');
  await announce(client, alice.jid, alice.publicKey);
  t.is((await iq(client, buildPublishedIq({ to: stack.gateway.component.jid }))).attrs.type, 'result');
  const genuine = await api('GET', `/keys/${alice.jid}`);
  t.is(genuine.status, 200);
  t.deepEqual(fromBase64(genuine.body.keys[0].key), publicKeyBytes(alice.publicKey));
  t.true((await cli('GET', '/admin/keys/log/verify')).body.ok);

  const forged = Buffer.from(publicKeyBytes(bob.publicKey));
  const db = new Database(sqliteFile(stack.dataDir));
  try {
    const changed = db
      .prepare('UPDATE directory_keys SET key_data = ?, key_hash = ? WHERE address = ? AND fingerprint = ?')
      .run(forged, createHash('sha256').update(forged).digest('hex'), alice.jid, alice.fingerprint);
    t.is(changed.changes, 1);
  } finally {
    db.close();
  }

  const served = await api('GET', `/keys/${alice.jid}`);
  t.false(served.status === 200 && served.body.keys.some((k: { key: string }) => Buffer.from(fromBase64(k.key)).equals(forged)), JSON.stringify(served.body));
  t.is(served.status, 404);
  t.is((await api('GET', `/keys/by-fingerprint/${alice.fingerprint}`)).status, 404);
  const wkd = await fetch(`${stack.gatewayUrl}/.well-known/openpgpkey/hu/${wkdHash('alice')}?l=alice`);
  t.is(wkd.status, 404);
  t.false(Buffer.from(await wkd.arrayBuffer()).includes(forged));
  t.is(conditionOf(await iq(client, buildLookupIq({ to: stack.gateway.component.jid, jid: alice.jid }))), 'item-not-found');

  const whole = await cli('GET', '/admin/keys/log/verify');
  t.is(whole.status, 200);
  t.false(whole.body.ok);
  t.regex(whole.body.problem, /key bytes/);
  const one = await cli('GET', `/admin/keys/${alice.jid}`);
  t.is(one.status, 200);
  t.false(one.body.verification.ok);
  t.regex(one.body.verification.problem, /key bytes/);
});
