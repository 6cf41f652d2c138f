// Invite mode (the default): invites made by an admin open registration; expired, used-up,
// revoked and unknown invites are refused; an invite use is given back when registration fails.
import test from 'ava';
import { hashSecret } from '../../gateway/src/security/secrets.ts';
import type { TestStack } from '../harness/stack.ts';
import { apiClient, makeAdmin, startGatewayStack, type ApiCall } from './helpers.ts';

let stack: TestStack;
let admin: ApiCall;
let anon: ApiCall;
test.before(async () => {
  stack = await startGatewayStack({ SEALPOST_REGISTRATION: 'invite', SEALPOST_PUBLIC_URL: 'https://chat.example.org' });
  admin = apiClient(stack, (await makeAdmin(stack, 'inviter')).token);
  anon = apiClient(stack);
});
test.after.always(async () => {
  await stack?.stop();
});

const newInvite = async (body: Record<string, unknown> = {}) => {
  const res = await admin('POST', '/admin/invites', { body });
  if (res.status !== 201) throw new Error(JSON.stringify(res.body));
  return res.body as { code: string; link: string; invite: { id: string; state: string; maxUses: number; uses: number; expiresAt: string | null } };
};
const register = (username: string, invite?: string) => anon('POST', '/register', { body: { username, password: `${username}-password-1`, ...(invite ? { invite } : {}) } });

test('without an invite registration is refused', async (t) => {
  const res = await register('noinvite');
  t.is(res.status, 403);
  t.is(res.body.error.code, 'invite_required');
  t.is(res.body.error.field, 'invite');
});

test('an invite link opens the sign-up with the code; registering with it works once', async (t) => {
  const { code, link, invite } = await newInvite();
  t.is(link, `https://chat.example.org/signup?invite=${code}`);
  t.is(invite.maxUses, 1);
  t.is(invite.state, 'active');
  t.truthy(invite.expiresAt, 'expires by default');
  const ok = await register('invited', code);
  t.is(ok.status, 201);
  t.is((await stack.gateway.store.users.get('invited'))?.inviteId, invite.id);
  const again = await register('invited2', code);
  t.is(again.status, 410);
  t.is(again.body.error.code, 'invite_used_up');
  const listed = await admin('GET', '/admin/invites');
  t.is(listed.body.invites.find((i: { id: string }) => i.id === invite.id).state, 'used_up');
});

test('a multi-use invite works until used up', async (t) => {
  const { code } = await newInvite({ maxUses: 3, expiresInSeconds: null, note: 'team' });
  for (const name of ['multi1', 'multi2', 'multi3']) t.is((await register(name, code)).status, 201);
  t.is((await register('multi4', code)).body.error.code, 'invite_used_up');
});

test('an expired invite is refused', async (t) => {
  const code = 'expired-invite-code-123';
  const past = new Date(Date.now() - 60_000);
  await stack.gateway.store.invites.insert({ id: 'expired1', codeHash: hashSecret(code), createdBy: 'inviter', createdAt: new Date(Date.now() - 86_400_000), expiresAt: past, maxUses: 5, uses: 0, revokedAt: null, note: null });
  const res = await register('late', code);
  t.is(res.status, 410);
  t.is(res.body.error.code, 'invite_expired');
  t.is(await stack.gateway.store.users.get('late'), undefined);
});

test('a revoked or unknown invite is refused', async (t) => {
  const { code, invite } = await newInvite({ maxUses: 5 });
  const revoked = await admin('DELETE', `/admin/invites/${invite.id}`);
  t.is(revoked.status, 200);
  t.is(revoked.body.invite.state, 'revoked');
  t.is((await register('revoked1', code)).body.error.code, 'invite_invalid');
  t.is((await register('unknown1', 'no-such-code')).body.error.code, 'invite_invalid');
  t.is((await admin('DELETE', '/admin/invites/nonexistent')).status, 404);
});

test('a failed registration gives the invite use back', async (t) => {
  const { code, invite } = await newInvite({ maxUses: 1 });
  await stack.createUser('squatted', 'squatter-password');
  const taken = await register('squatted', code);
  t.is(taken.status, 409);
  t.is((await stack.gateway.store.invites.get(invite.id))?.uses, 0);
  t.is((await register('fresh', code)).status, 201);
});

test('invites are listed newest first, with active=true only usable ones; bad input refused', async (t) => {
  const a = await newInvite({ maxUses: 2 });
  const all = await admin('GET', '/admin/invites?limit=500');
  t.is(all.body.invites[0].id, a.invite.id);
  t.false('code' in all.body.invites[0], 'codes are never listed');
  const active = await admin('GET', '/admin/invites?active=true&limit=500');
  t.true(active.body.invites.every((i: { state: string }) => i.state === 'active'));
  t.is((await admin('POST', '/admin/invites', { body: { maxUses: 0 } })).body.error.field, 'maxUses');
  t.is((await admin('POST', '/admin/invites', { body: { expiresInSeconds: 1 } })).body.error.field, 'expiresInSeconds');
  t.is((await admin('POST', '/admin/invites', { body: { code: 'mine' } })).status, 400);
  t.is((await admin('GET', '/admin/invites?active=maybe')).status, 400);
  t.is((await anon('POST', '/admin/invites', { body: {} })).status, 401);
});
