// Who may call the admin API: bearer tokens only (session tokens fetched over XMPP with the
// token IQ, API tokens, the local CLI token); 401 without a valid one, 403 for non-admins;
// no cookies; CORS closed unless configured.
import test from 'ava';
import { xml } from '@xmpp/client';
import { buildTokenRequest, NS_GATEWAY_TOKEN, parseTokenResponse } from '@sealpost/protocol';
import type { TestClient } from '../harness/xmppClient.ts';
import type { TestStack } from '../harness/stack.ts';
import { apiClient, cliToken, makeAdmin, startGatewayStack, type ApiCall } from './helpers.ts';

let stack: TestStack;
let admin: ApiCall;
let anon: ApiCall;
const GATEWAY = 'gateway.localhost';
test.before(async () => {
  stack = await startGatewayStack({ SEALPOST_CORS_ORIGINS: 'https://admin.example.org' });
  admin = apiClient(stack, (await makeAdmin(stack, 'warden')).token);
  anon = apiClient(stack);
});
test.after.always(async () => {
  await stack?.stop();
});

let iqId = 0;
/** Sends the token IQ and returns the reply stanza (error replies included). */
async function tokenIq(client: TestClient) {
  const id = `tok${++iqId}`;
  const reply = client.next((s) => s.name === 'iq' && s.attrs.id === id);
  await client.xmpp.send(xml('iq', { type: 'set', to: GATEWAY, id }, buildTokenRequest()));
  return reply;
}

test('anonymous calls to admin routes get 401 with a Bearer challenge', async (t) => {
  for (const [method, path] of [['GET', '/admin/users'], ['POST', '/admin/users'], ['DELETE', '/admin/users/warden'], ['GET', '/admin/audit'], ['GET', '/admin/stats'], ['GET', '/admin/online']]) {
    const res = await anon(method!, path!);
    t.is(res.status, 401, `${method} ${path}`);
    t.is(res.body.error.code, 'unauthorized');
    t.regex(res.headers.get('www-authenticate') ?? '', /^Bearer/);
  }
});

test('malformed, unknown and cookie-borne credentials are refused', async (t) => {
  t.is((await anon('GET', '/admin/users', { headers: { authorization: 'Basic d2FyZGVuOnB3' } })).status, 401);
  t.is((await anon('GET', '/admin/users', { token: 'spa_' + 'A'.repeat(43) })).status, 401);
  t.is((await anon('GET', '/admin/users', { token: 'not-a-token' })).status, 401);
  const token = (await admin('POST', '/admin/tokens', { body: { name: 'cookie test' } })).body.token;
  t.is((await anon('GET', '/admin/users', { headers: { cookie: `token=${token}; authorization=Bearer ${token}` } })).status, 401);
});

test('a session token from the token IQ works for an admin, over a real XMPP session', async (t) => {
  const c = await stack.xmppClient('warden', 'warden-Secret-pw-1');
  try {
    const reply = await tokenIq(c);
    t.is(reply.attrs.type, 'result');
    t.is(reply.attrs.from, GATEWAY);
    const grant = parseTokenResponse(reply);
    t.regex(grant.token, /^sps_/);
    const ttl = grant.expiresAt.getTime() - Date.now();
    t.true(ttl > 800_000 && ttl <= 900_000, `ttl ${ttl}`);
    const who = await anon('GET', '/admin/whoami', { token: grant.token });
    t.is(who.status, 200);
    t.deepEqual(who.body.principal, { name: 'warden', kind: 'user', roles: ['admin'] });
  } finally {
    await c.stop();
  }
});

test('the gateway announces the token feature in disco#info', async (t) => {
  const c = await stack.xmppClient('warden', 'warden-Secret-pw-1');
  try {
    const info = await c.xmpp.iqCaller.request(xml('iq', { type: 'get', to: GATEWAY }, xml('query', { xmlns: 'http://jabber.org/protocol/disco#info' })));
    t.true(info.getChild('query')!.getChildren('feature').some((f) => f.attrs.var === NS_GATEWAY_TOKEN));
  } finally {
    await c.stop();
  }
});

test('a non-admin gets a session token but 403 on admin routes', async (t) => {
  await admin('POST', '/admin/users', { body: { username: 'plain', password: 'plain-password-1' } });
  const c = await stack.xmppClient('plain', 'plain-password-1');
  try {
    const { token } = parseTokenResponse(await tokenIq(c));
    const res = await anon('GET', '/admin/users', { token });
    t.is(res.status, 403);
    t.is(res.body.error.code, 'forbidden');
    t.is((await anon('POST', '/admin/users/plain/grant-admin', { token })).status, 403);
  } finally {
    await c.stop();
  }
});

test('an XMPP account without a gateway record gets no token (not-authorized)', async (t) => {
  await stack.createUser('norecord', 'norecord-password');
  const c = await stack.xmppClient('norecord', 'norecord-password');
  try {
    const reply = await tokenIq(c);
    t.is(reply.attrs.type, 'error');
    t.truthy(reply.getChild('error')?.getChild('not-authorized', 'urn:ietf:params:xml:ns:xmpp-stanzas'));
  } finally {
    await c.stop();
  }
});

test('a malformed token IQ gets bad-request', async (t) => {
  const c = await stack.xmppClient('warden', 'warden-Secret-pw-1');
  try {
    const reply = c.next((s) => s.attrs.id === 'bad1');
    await c.xmpp.send(xml('iq', { type: 'set', to: GATEWAY, id: 'bad1' }, xml('request', { xmlns: NS_GATEWAY_TOKEN }, xml('junk'))));
    t.truthy((await reply).getChild('error')?.getChild('bad-request', 'urn:ietf:params:xml:ns:xmpp-stanzas'));
  } finally {
    await c.stop();
  }
});

test('API tokens: shown once, listed without the secret, revoked ones refused', async (t) => {
  const created = await admin('POST', '/admin/tokens', { body: { name: 'backup script', expiresInDays: 30 } });
  t.is(created.status, 201);
  const { token, record } = created.body;
  t.regex(token, /^spa_[A-Za-z0-9_-]{43}$/);
  t.like(record, { name: 'backup script', kind: 'api', owner: 'warden' });
  const listed = await admin('GET', '/admin/tokens');
  t.false(JSON.stringify(listed.body).includes(token));
  t.true(listed.body.tokens.some((x: { id: string }) => x.id === record.id));
  t.is((await anon('GET', '/admin/users', { token })).status, 200);
  t.is((await admin('DELETE', `/admin/tokens/${record.id}`)).body.token.revokedAt !== null, true);
  const after = await anon('GET', '/admin/users', { token });
  t.is(after.status, 401);
  t.false((await admin('GET', '/admin/tokens')).body.tokens.some((x: { id: string }) => x.id === record.id));
  t.true((await admin('GET', '/admin/tokens?includeRevoked=true')).body.tokens.some((x: { id: string }) => x.id === record.id));
  t.is((await admin('DELETE', '/admin/tokens/nope')).status, 404);
  t.is((await admin('POST', '/admin/tokens', { body: { name: '' } })).status, 400);
  t.is((await admin('POST', '/admin/tokens', { body: { name: 'x', owner: 'plain-nobody' } })).body.error.field, 'owner');
});

test("a disabled or demoted admin's tokens stop working at once", async (t) => {
  const { token } = await makeAdmin(stack, 'temp-admin');
  t.is((await anon('GET', '/admin/users', { token })).status, 200);
  await admin('POST', '/admin/users/temp-admin/revoke-admin');
  t.is((await anon('GET', '/admin/users', { token })).status, 403);
  await admin('POST', '/admin/users/temp-admin/grant-admin');
  await admin('POST', '/admin/users/temp-admin/disable');
  t.is((await anon('GET', '/admin/users', { token })).status, 401);
});

test('the CLI token works from this machine only, not through a proxy header', async (t) => {
  const token = cliToken(stack);
  t.deepEqual((await anon('GET', '/admin/whoami', { token })).body.principal, { name: 'cli', kind: 'cli', roles: ['admin'] });
  t.is((await anon('GET', '/admin/whoami', { token, headers: { 'x-forwarded-for': '203.0.113.5' } })).status, 401);
});

test('CORS is closed by default and open only to configured origins, never with credentials', async (t) => {
  const other = await anon('GET', '/register', { headers: { origin: 'https://evil.example' } });
  t.is(other.headers.get('access-control-allow-origin'), null);
  const allowed = await anon('GET', '/register', { headers: { origin: 'https://admin.example.org' } });
  t.is(allowed.headers.get('access-control-allow-origin'), 'https://admin.example.org');
  t.is(allowed.headers.get('access-control-allow-credentials'), null);
  const preflight = await fetch(`${stack.gatewayUrl}/api/admin/users`, { method: 'OPTIONS', headers: { origin: 'https://admin.example.org', 'access-control-request-method': 'GET' } });
  t.is(preflight.status, 204);
  t.regex(preflight.headers.get('access-control-allow-headers') ?? '', /Authorization/);
  const evilPreflight = await fetch(`${stack.gatewayUrl}/api/admin/users`, { method: 'OPTIONS', headers: { origin: 'https://evil.example', 'access-control-request-method': 'GET' } });
  t.is(evilPreflight.headers.get('access-control-allow-origin'), null);
});
