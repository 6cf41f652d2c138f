// Prosody down during registration and administration: 503, nothing half-created, and the
// same request succeeds once Prosody is back (the component reconnects by itself).
import test from 'ava';
import type { TestStack } from '../harness/stack.ts';
import { apiClient, makeAdmin, startGatewayStack, until, type ApiCall } from './helpers.ts';

let stack: TestStack;
let admin: ApiCall;
test.before(async () => {
  stack = await startGatewayStack();
  admin = apiClient(stack, (await makeAdmin(stack, 'keeper')).token);
});
test.after.always(async () => {
  await stack?.stop();
});

test.serial('registration while Prosody is down: 503, no record, no account; the retry works', async (t) => {
  const anon = apiClient(stack);
  const body = { username: 'unlucky', password: 'unlucky-password-1' };
  const invite = await admin('POST', '/admin/invites', { body: { maxUses: 1 } });
  await stack.stopProsody();
  try {
    const res = await anon('POST', '/register', { body: { ...body, invite: invite.body.code } });
    t.is(res.status, 503);
    t.is(res.body.error.code, 'unavailable');
    t.is((await admin('GET', '/admin/users/unlucky')).status, 404);
    t.false((await admin('GET', '/admin/users?search=unlucky')).body.users.length > 0);
    t.is((await stack.gateway.store.invites.get(invite.body.invite.id))?.uses, 0, 'invite use given back');
    // Administration that needs Prosody says so too, and changes nothing.
    t.is((await admin('POST', '/admin/users', { body: { username: 'unlucky2', password: 'unlucky-password-2' } })).status, 503);
    t.is((await admin('POST', '/admin/users/keeper/end-sessions')).status, 503);
    t.is((await admin('GET', '/admin/users/unlucky2')).status, 404);
  } finally {
    await stack.startProsody();
  }
  t.true(await until(() => stack.gateway.component.isOnline()), 'component back');
  // Nothing was created in Prosody either: the name is free and the retry succeeds.
  await t.throwsAsync(stack.xmppClient('unlucky', 'unlucky-password-1'));
  const retry = await anon('POST', '/register', { body: { ...body, invite: invite.body.code } });
  t.is(retry.status, 201);
  const c = await stack.xmppClient('unlucky', 'unlucky-password-1');
  await c.stop();
  t.is((await admin('GET', '/admin/users/unlucky')).body.user.status, 'active');
});

test.serial('delete while Prosody is down changes nothing; after restart it completes', async (t) => {
  await admin('POST', '/admin/users', { body: { username: 'survivor', password: 'survivor-password-1' } });
  await stack.stopProsody();
  try {
    t.is((await admin('DELETE', '/admin/users/survivor')).status, 503);
    t.is((await admin('POST', '/admin/users/survivor/disable')).status, 503);
    t.is((await admin('GET', '/admin/users/survivor')).body.user.status, 'active');
  } finally {
    await stack.startProsody();
  }
  t.true(await until(() => stack.gateway.component.isOnline()));
  t.is((await admin('DELETE', '/admin/users/survivor')).status, 204);
  await t.throwsAsync(stack.xmppClient('survivor', 'survivor-password-1'));
});
