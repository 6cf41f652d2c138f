// The user administration API against a real Prosody: every route's success and failure.
import test from 'ava';
import type { TestStack } from '../harness/stack.ts';
import { apiClient, makeAdmin, startGatewayStack, until, type ApiCall } from './helpers.ts';

let stack: TestStack;
let admin: ApiCall;
test.before(async () => {
  stack = await startGatewayStack();
  admin = apiClient(stack, (await makeAdmin(stack, 'chief')).token);
});
test.after.always(async () => {
  await stack?.stop();
});

const create = async (username: string, extra: Record<string, unknown> = {}) => {
  const res = await admin('POST', '/admin/users', { body: { username, password: `${username}-password-1`, ...extra } });
  if (res.status !== 201) throw new Error(JSON.stringify(res.body));
  return res.body.user;
};
const loginFails = (username: string, password = `${username}-password-1`) => stack.xmppClient(username, password).then(async (c) => { await c.stop(); return undefined; }, (e: Error) => e.message);

test('create: a user and an admin; reserved names allowed for admins; the audit log says who', async (t) => {
  const u = await create('Created1');
  t.like(u, { username: 'created1', status: 'active', admin: false, source: 'admin' });
  const a = await create('postmaster', { admin: true, quotaBytes: 1_000_000 });
  t.like(a, { username: 'postmaster', admin: true, roles: ['admin'], quotaBytes: 1_000_000 });
  const c = await stack.xmppClient('postmaster', 'postmaster-password-1');
  await c.stop();
  const audit = await admin('GET', '/admin/audit?target=created1');
  t.like(audit.body.entries[0], { actor: 'chief', action: 'user.create', address: '127.0.0.1' });
});

test('create: invalid, duplicate, weak and unknown-field input is refused and changes nothing', async (t) => {
  const bad = await admin('POST', '/admin/users', { body: { username: 'a@b', password: 'long-enough-pw-1' } });
  t.like(bad.body.error, { code: 'invalid_username', field: 'username' });
  const weak = await admin('POST', '/admin/users', { body: { username: 'weakling', password: 'password123' } });
  t.like(weak.body.error, { code: 'weak_password', field: 'password' });
  const extra = await admin('POST', '/admin/users', { body: { username: 'extra', password: 'long-enough-pw-1', role: 'god' } });
  t.is(extra.status, 400);
  t.is(extra.body.error.field, 'role');
  await create('twice');
  const dup = await admin('POST', '/admin/users', { body: { username: 'TWICE', password: 'long-enough-pw-1' } });
  t.is(dup.status, 409);
  for (const name of ['weakling', 'extra']) t.is((await admin('GET', `/admin/users/${name}`)).status, 404);
});

test('create with adopt takes over an XMPP account that has no record', async (t) => {
  await stack.createUser('legacy', 'legacy-old-password');
  t.is((await admin('POST', '/admin/users', { body: { username: 'legacy', password: 'legacy-new-password' } })).status, 409);
  const res = await admin('POST', '/admin/users', { body: { username: 'legacy', password: 'legacy-new-password', adopt: true } });
  t.is(res.status, 201);
  t.truthy(await loginFails('legacy', 'legacy-old-password'));
  t.is(await loginFails('legacy', 'legacy-new-password'), undefined);
});

test.serial('list: sorted, searchable, filterable, paginated; bad query refused', async (t) => {
  for (const n of ['list-a', 'list-b', 'list-c']) await create(n);
  await create('list-admin', { admin: true });
  const page = await admin('GET', '/admin/users?search=LIST-&limit=2&offset=1');
  t.is(page.status, 200);
  t.deepEqual(page.body.users.map((u: { username: string }) => u.username), ['list-admin', 'list-b']);
  t.is(page.body.total, 4);
  const admins = await admin('GET', '/admin/users?role=admin&search=list');
  t.deepEqual(admins.body.users.map((u: { username: string }) => u.username), ['list-admin']);
  for (const q of ['limit=0', 'limit=501', 'offset=-1', 'status=pending', 'role=god', 'sort=name', 'limit=abc']) {
    const res = await admin('GET', `/admin/users?${q}`);
    t.is(res.status, 400, q);
    t.truthy(res.body.error.field, q);
  }
});

test('get: 404 for unknown names, the user otherwise', async (t) => {
  await create('getme');
  t.is((await admin('GET', '/admin/users/GetMe')).body.user.username, 'getme');
  const missing = await admin('GET', '/admin/users/nobody-here');
  t.is(missing.status, 404);
  t.is(missing.body.error.code, 'not_found');
});

test('patch: the quota changes; unknown fields refused', async (t) => {
  await create('quota');
  const res = await admin('PATCH', '/admin/users/quota', { body: { quotaBytes: 5_000_000 } });
  t.is(res.body.user.quotaBytes, 5_000_000);
  t.is((await admin('PATCH', '/admin/users/quota', { body: { quotaBytes: -1 } })).status, 400);
  t.is((await admin('PATCH', '/admin/users/quota', { body: { quotaBytes: null, status: 'disabled' } })).status, 400);
  t.is((await admin('GET', '/admin/users/quota')).body.user.status, 'active');
  t.is((await admin('PATCH', '/admin/users/nobody', { body: { quotaBytes: 1 } })).status, 404);
});

test('disable: the session ends, login is refused (account-disabled); enable: the same password works again', async (t) => {
  await create('dis');
  const session = await stack.xmppClient('dis', 'dis-password-1');
  const res = await admin('POST', '/admin/users/dis/disable');
  t.is(res.status, 200);
  t.is(res.body.user.status, 'disabled');
  t.true(await until(() => session.xmpp.status !== 'online', 5000), 'session ended');
  t.regex((await loginFails('dis'))!, /account-disabled/);
  t.deepEqual((await admin('GET', '/admin/users?status=disabled&search=dis')).body.users.map((u: { username: string }) => u.username), ['dis']);
  const enabled = await admin('POST', '/admin/users/dis/enable');
  t.is(enabled.body.user.status, 'active');
  t.is(await loginFails('dis'), undefined);
  t.is((await admin('POST', '/admin/users/nobody/disable')).status, 404);
  const audit = await admin('GET', '/admin/audit?target=dis&action=user');
  t.deepEqual(audit.body.entries.map((e: { action: string }) => e.action).slice(0, 3), ['user.enable', 'user.disable', 'user.create']);
});

test('delete: the account and its record go, login fails, lists forget it, the audit entry stays', async (t) => {
  await create('doomed');
  const session = await stack.xmppClient('doomed', 'doomed-password-1');
  const res = await admin('DELETE', '/admin/users/doomed');
  t.is(res.status, 204);
  t.true(await until(() => session.xmpp.status !== 'online'), 'session ended');
  t.regex((await loginFails('doomed'))!, /not-authorized/);
  t.is((await admin('GET', '/admin/users/doomed')).status, 404);
  t.false((await admin('GET', '/admin/users?search=doomed')).body.users.some((u: { username: string }) => u.username === 'doomed'));
  const audit = await admin('GET', '/admin/audit?target=doomed&action=user.delete');
  t.is(audit.body.entries.length, 1);
  t.is((await admin('DELETE', '/admin/users/doomed')).status, 404);
  // The name is free again, with nothing of the old account left.
  t.is((await create('doomed')).status, 'active');
});

test('reset password: the old one stops working, the new one works; weak ones refused', async (t) => {
  await create('forgetful');
  t.is((await admin('POST', '/admin/users/forgetful/password', { body: { password: 'brand-new-password-9' } })).status, 204);
  t.truthy(await loginFails('forgetful'));
  t.is(await loginFails('forgetful', 'brand-new-password-9'), undefined);
  const weak = await admin('POST', '/admin/users/forgetful/password', { body: { password: '1234567890' } });
  t.like(weak.body.error, { code: 'weak_password', field: 'password' });
  t.is((await admin('POST', '/admin/users/nobody/password', { body: { password: 'brand-new-password-9' } })).status, 404);
});

test('end sessions and the online list', async (t) => {
  await create('chatty');
  const session = await stack.xmppClient('chatty', 'chatty-password-1');
  t.true((await admin('GET', '/admin/online')).body.users.includes('chatty'));
  t.is((await admin('POST', '/admin/users/chatty/end-sessions')).status, 200);
  t.true(await until(() => session.xmpp.status !== 'online'), 'session ended');
  t.true(await until(async () => !(await admin('GET', '/admin/online')).body.users.includes('chatty')));
  t.is(await loginFails('chatty'), undefined, 'can log in again');
});

test.serial('grant and revoke admin; the last active admin cannot be removed', async (t) => {
  await create('deputy');
  t.true((await admin('POST', '/admin/users/deputy/grant-admin')).body.user.admin);
  t.false((await admin('POST', '/admin/users/deputy/revoke-admin')).body.user.admin);
  // Make `chief` the only active admin, then try to remove it.
  const others = (await admin('GET', '/admin/users?role=admin&limit=500')).body.users.filter((u: { username: string }) => u.username !== 'chief');
  for (const u of others) await admin('POST', `/admin/users/${u.username}/revoke-admin`);
  for (const [method, path] of [['POST', '/admin/users/chief/revoke-admin'], ['POST', '/admin/users/chief/disable'], ['DELETE', '/admin/users/chief']] as const) {
    const res = await admin(method, path);
    t.is(res.status, 409, path);
    t.is(res.body.error.code, 'last_admin');
  }
  for (const u of others) await admin('POST', `/admin/users/${u.username}/grant-admin`);
});

test('stats: counts, online and registrations per day', async (t) => {
  const res = await admin('GET', '/admin/stats?days=7');
  t.is(res.status, 200);
  t.true(res.body.users.total >= 1);
  t.true(res.body.users.admins >= 1);
  t.is(typeof res.body.online, 'number');
  t.is(res.body.registrationsPerDay.length, 7);
  t.is(res.body.registrationsPerDay[6].day, new Date().toISOString().slice(0, 10));
  t.true(res.body.registrationsPerDay[6].count >= 1);
  t.is((await admin('GET', '/admin/stats?days=0')).status, 400);
});

test('audit: filters by actor, action and time; bad filters refused', async (t) => {
  const since = new Date(Date.now() - 60_000).toISOString();
  const res = await admin('GET', `/admin/audit?actor=chief&since=${encodeURIComponent(since)}&limit=5`);
  t.is(res.status, 200);
  t.true(res.body.entries.every((e: { actor: string }) => e.actor === 'chief'));
  t.true(res.body.entries.length <= 5);
  t.is((await admin('GET', '/admin/audit?since=yesterday')).status, 400);
  t.is((await admin('GET', '/admin/audit?action=DROP TABLE')).status, 400);
});

test('the OpenAPI description lists every route with its schemas', async (t) => {
  const res = await apiClient(stack)('GET', '/openapi.json');
  t.is(res.status, 200);
  t.is(res.body.openapi, '3.1.0');
  const create = res.body.paths['/api/admin/users'].post;
  t.deepEqual(create.security, [{ bearer: [] }]);
  t.true(create.requestBody.content['application/json'].schema.required.includes('username'));
  t.false(create.requestBody.content['application/json'].schema.additionalProperties);
  t.truthy(res.body.paths['/api/register'].post.responses['409']);
  t.truthy(res.body.paths['/api/admin/users/{username}/disable'].post);
});
