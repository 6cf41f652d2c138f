// POST /api/register in open mode against a real Prosody: the account logs in, names are
// normalised, bad input is refused with the field named and changes nothing.
import test from 'ava';
import type { TestStack } from '../harness/stack.ts';
import { apiClient, startGatewayStack, type ApiCall } from './helpers.ts';

let stack: TestStack;
let api: ApiCall;
test.before(async () => {
  stack = await startGatewayStack({ SEALPOST_REGISTRATION: 'open' });
  api = apiClient(stack);
});
test.after.always(async () => {
  await stack?.stop();
});

const register = (body: unknown) => api('POST', '/register', { body });
const users = async () => (await stack.gateway.store.users.list({ limit: 1000, offset: 0 })).items.map((u) => u.username);

test('registers an account that logs in over XMPP; the name is normalised to lowercase', async (t) => {
  const res = await register({ username: 'MixedCase', password: 'mixed-case-pw-1' });
  t.is(res.status, 201);
  t.is(res.body.user.username, 'mixedcase');
  t.is(res.body.user.jid, 'mixedcase@localhost');
  t.is(res.body.user.status, 'active');
  t.is(res.headers.get('cache-control'), 'no-store');
  const c = await stack.xmppClient('mixedcase', 'mixed-case-pw-1');
  t.regex(c.jid, /^mixedcase@localhost\//);
  await c.stop();
  const audit = await stack.gateway.store.audit.list({ target: 'mixedcase', limit: 10, offset: 0 });
  t.is(audit.items[0]?.action, 'user.register');
  t.is(audit.items[0]?.address, '127.0.0.1');
});

test('GET /api/register tells the mode', async (t) => {
  const res = await api('GET', '/register');
  t.is(res.status, 200);
  t.is(res.body.mode, 'open');
});

test('a duplicate username is a 409, also in another case, and the first password still works', async (t) => {
  t.is((await register({ username: 'dup', password: 'dup-password-1' })).status, 201);
  for (const username of ['dup', 'DUP']) {
    const res = await register({ username, password: 'another-password-2' });
    t.is(res.status, 409);
    t.is(res.body.error.code, 'username_taken');
    t.is(res.body.error.field, 'username');
  }
  const c = await stack.xmppClient('dup', 'dup-password-1');
  await c.stop();
});

test.serial('invalid usernames get 400 naming the field, and create nothing', async (t) => {
  const before = await users();
  const cases = ['A@b', 'a/b', 'a b', ' lead', 'a'.repeat(1000), 'a'.repeat(33), 'ctl\u0001x', 'zero\u200bwidth', 'bom\ufeffx', '', 'admin', 'Root', 'postmaster', 'a..b', '.dot'];
  for (const username of cases) {
    const res = await register({ username, password: 'valid-password-1' });
    t.is(res.status, 400, JSON.stringify(username));
    t.is(res.body.error.code, 'invalid_username', JSON.stringify(username));
    t.is(res.body.error.field, 'username');
  }
  t.deepEqual(await users(), before);
});

test('weak passwords get 400 weak_password', async (t) => {
  for (const password of ['short', 'password123', 'qwertyuiop', '1234567890', 'weakuser12']) {
    const res = await register({ username: 'weakuser', password });
    t.is(res.status, 400, password);
    t.is(res.body.error.code, 'weak_password', password);
    t.is(res.body.error.field, 'password');
  }
  t.false((await users()).includes('weakuser'));
});

test('unknown fields, wrong types, missing fields, bad JSON and other media types are refused', async (t) => {
  const unknown = await register({ username: 'strict', password: 'strict-password-1', admin: true });
  t.is(unknown.status, 400);
  t.is(unknown.body.error.field, 'admin');
  const wrongType = await register({ username: 42, password: 'strict-password-1' });
  t.is(wrongType.status, 400);
  t.is(wrongType.body.error.field, 'username');
  const missing = await register({ username: 'strict' });
  t.is(missing.body.error.field, 'password');
  const notJson = await api('POST', '/register', { raw: '{"username":', headers: { 'content-type': 'application/json' } });
  t.is(notJson.status, 400);
  const form = await api('POST', '/register', { raw: 'username=strict&password=strict-password-1', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
  t.is(form.status, 415);
  const array = await register([{ username: 'strict', password: 'strict-password-1' }]);
  t.is(array.status, 400);
  t.false((await users()).includes('strict'));
});

test('an oversized body is refused', async (t) => {
  const res = await register({ username: 'big', password: 'x'.repeat(100_000) });
  t.is(res.status, 413);
});

test('an XMPP account that exists without a gateway record is not taken over', async (t) => {
  await stack.createUser('orphan', 'orphan-own-password');
  const res = await register({ username: 'orphan', password: 'attacker-password-1' });
  t.is(res.status, 409);
  t.is(res.body.error.code, 'username_taken');
  t.is(await stack.gateway.store.users.get('orphan'), undefined, 'no record left');
  const c = await stack.xmppClient('orphan', 'orphan-own-password');
  await c.stop();
});

test('an invite in open mode is optional but must be valid when given', async (t) => {
  const res = await register({ username: 'withbadinvite', password: 'some-password-1', invite: 'nope' });
  t.is(res.status, 403);
  t.is(res.body.error.code, 'invite_invalid');
  t.is(res.body.error.field, 'invite');
});

test('errors never leak internals; unknown API routes are JSON 404s', async (t) => {
  const res = await api('GET', '/nope');
  t.is(res.status, 404);
  t.is(res.body.error.code, 'not_found');
});
