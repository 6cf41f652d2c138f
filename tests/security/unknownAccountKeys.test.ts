// Attack: an account made in Prosody behind the gateway's back (no record in the gateway's
// users store: an operator's `prosodyctl register`, a role address such as postmaster@)
// publishes a key in its PEP nodes. The directory ingested it on a lookup or on the
// account's own notice and served it over the API, the Web Key Directory and XMPP as if the
// gateway vouched for the address. Only accounts the gateway knows may be served; a key
// stored for an account that was deleted since is no longer served either.
import test from 'ava';
import { buildLookupIq, buildPublishedIq, generateOxKey, type OxKeyPair } from '../../protocol/src/index.ts';
import { wkdHash } from '../../gateway/src/directory/wkdHash.ts';
import type { TestStack } from '../harness/stack.ts';
import type { TestClient } from '../harness/xmppClient.ts';
import { fixtureUser } from '../fixtures/keys/index.ts';
import { apiClient, cliToken, startGatewayStack, type ApiCall } from '../gateway/helpers.ts';
import { announce, conditionOf, createAccountUser, iq } from '../directory/helpers.ts';

let stack: TestStack;
let api: ApiCall;
let cli: ApiCall;
let orphanKey: OxKeyPair;
const clients: TestClient[] = [];
const ORPHAN = 'postmaster';

test.before(async () => {
  stack = await startGatewayStack();
  api = apiClient(stack);
  cli = apiClient(stack, cliToken(stack));
  // The account exists in Prosody only: XEP-0133 add-user straight from the component,
  // exactly what `prosodyctl register` leaves (no gateway record).
  await stack.createUser(ORPHAN, 'orphan-password-1');
  await createAccountUser(stack, 'alice', 'alice-password-1');
  orphanKey = await generateOxKey({ jid: `${ORPHAN}@${stack.domain}` });
});

test.after.always(async () => {
  for (const c of clients) await c.stop();
  await stack?.stop();
});

async function login(name: string, password: string): Promise<TestClient> {
  const client = await stack.xmppClient(name, password);
  clients.push(client);
  return client;
}

test.serial('a key of an account without a gateway record is never ingested nor served', async (t) => {
  const jid = `${ORPHAN}@${stack.domain}`;
  const orphan = await login(ORPHAN, 'orphan-password-1');
  await announce(orphan, jid, orphanKey.publicKey);

  const notice = await iq(orphan, buildPublishedIq({ to: stack.gateway.component.jid }));
  t.is(conditionOf(notice), 'forbidden', 'its own notice is refused');
  t.is((await api('GET', `/keys/${jid}`)).status, 404);
  t.is((await api('GET', `/keys/by-fingerprint/${orphanKey.fingerprint}`)).status, 404);
  const wkd = await fetch(`${stack.gatewayUrl}/.well-known/openpgpkey/hu/${wkdHash(ORPHAN)}?l=${ORPHAN}`);
  t.is(wkd.status, 404);
  const alice = await login('alice', 'alice-password-1');
  const lookup = await iq(alice, buildLookupIq({ to: stack.gateway.component.jid, jid }));
  t.is(conditionOf(lookup), 'item-not-found');
  t.deepEqual(await stack.gateway.store.keys.history(jid), [], 'nothing of it reached the store');
  t.deepEqual(await stack.gateway.store.keys.log(jid), []);
  const refresh = await cli('POST', `/admin/keys/${jid}/refresh`);
  t.is(refresh.status, 404, 'not even an admin refresh ingests it');
  t.deepEqual(await stack.gateway.store.keys.history(jid), []);
});

test.serial('an account the gateway knows is served; once deleted, its stored keys are not', async (t) => {
  const id = await fixtureUser('alice');
  const alice = clients.find((c) => c.jid.startsWith('alice@')) ?? (await login('alice', 'alice-password-1'));
  await announce(alice, id.jid, id.publicKey);
  const notice = await iq(alice, buildPublishedIq({ to: stack.gateway.component.jid }));
  t.is(notice.attrs.type, 'result');
  t.is((await api('GET', `/keys/${id.jid}`)).status, 200);

  t.is((await cli('DELETE', '/admin/users/alice')).status, 204);
  t.is((await api('GET', `/keys/${id.jid}`)).status, 404);
  t.is((await api('GET', `/keys/by-fingerprint/${id.fingerprint}`)).status, 404);
  t.is((await fetch(`${stack.gatewayUrl}/.well-known/openpgpkey/hu/${wkdHash('alice')}`)).status, 404);
});
