// /api/admin/users: list, get, create, update, delete, disable/enable, reset password,
// end sessions, grant/revoke admin; /api/admin/online: who is online.
import type { AccountsContext } from '../../../../accounts/context.ts';
import { createUser } from '../../../../accounts/createUser.ts';
import { deleteUser } from '../../../../accounts/deleteUser.ts';
import { endSessions } from '../../../../accounts/endSessions.ts';
import { findUser } from '../../../../accounts/findUser.ts';
import { passwordProblem } from '../../../../accounts/passwordPolicy.ts';
import { resetPassword } from '../../../../accounts/resetPassword.ts';
import { setAdminRole } from '../../../../accounts/setAdminRole.ts';
import { disableUser, enableUser } from '../../../../accounts/setUserEnabled.ts';
import { updateUser } from '../../../../accounts/updateUser.ts';
import { AppError } from '../../../../errors.ts';
import { actorOf, presentUser } from '../../../presenters.ts';
import type { Api } from '../../../routeKit.ts';
import { createUserBody, listUsersQuery, passwordBody, updateUserBody, userParams } from './schema.ts';

export function adminUserRoutes(api: Api, accounts: AccountsContext): void {
  const present = (u: Parameters<typeof presentUser>[0]) => ({ user: presentUser(u, accounts.domain) });
  const tag = 'users';

  api.route({
    method: 'get', path: '/admin/users', tag, auth: 'admin', query: listUsersQuery,
    summary: 'List users (search by substring, filter by status or role, paginate)',
    success: { status: 200, description: '{ users, total, limit, offset }' },
    async handler(_ctx, { query }) {
      const page = await accounts.store.users.list(query);
      return { users: page.items.map((u) => presentUser(u, accounts.domain)), total: page.total, limit: query.limit, offset: query.offset };
    },
  });

  api.route({
    method: 'post', path: '/admin/users', tag, auth: 'admin', body: createUserBody,
    summary: 'Create a user (optionally an admin, or adopting an orphan XMPP account)',
    success: { status: 201, description: 'the new user' },
    errors: ['invalid_username', 'weak_password', 'username_taken', 'unavailable'],
    async handler(ctx, { body }) {
      return present(await createUser(accounts, body, actorOf(ctx)));
    },
  });

  api.route({
    method: 'get', path: '/admin/users/:username', tag, auth: 'admin', params: userParams,
    summary: 'Get a user', success: { status: 200, description: 'the user' }, errors: ['not_found'],
    async handler(_ctx, { params }) {
      return present(await findUser(accounts, params.username));
    },
  });

  api.route({
    method: 'patch', path: '/admin/users/:username', tag, auth: 'admin', params: userParams, body: updateUserBody,
    summary: "Change a user's quota", success: { status: 200, description: 'the user' }, errors: ['not_found'],
    async handler(ctx, { params, body }) {
      return present(await updateUser(accounts, params.username, body, actorOf(ctx)));
    },
  });

  api.route({
    method: 'delete', path: '/admin/users/:username', tag, auth: 'admin', params: userParams,
    summary: 'Delete a user: the XMPP account and all its data (an audit entry is kept)',
    success: { status: 204, description: 'deleted' }, errors: ['not_found', 'last_admin', 'unavailable'],
    async handler(ctx, { params }) {
      await deleteUser(accounts, params.username, actorOf(ctx));
    },
  });

  const action = (path: string, summary: string, run: (username: string, actor: ReturnType<typeof actorOf>) => Promise<unknown>, errors: Parameters<Api['route']>[0]['errors'] = []) =>
    api.route({
      method: 'post', path: `/admin/users/:username/${path}`, tag, auth: 'admin', params: userParams, summary,
      success: { status: 200, description: 'the user' }, errors: ['not_found', 'unavailable', ...errors],
      async handler(ctx, { params }) {
        await run(params.username, actorOf(ctx));
        return present(await findUser(accounts, params.username));
      },
    });
  action('disable', 'Disable a user: their sessions end and they cannot log in (data and password kept)', (u, a) => disableUser(accounts, u, a), ['last_admin']);
  action('enable', 'Re-enable a disabled user', (u, a) => enableUser(accounts, u, a));
  action('end-sessions', "End all of a user's sessions", (u, a) => endSessions(accounts, u, a));
  action('grant-admin', 'Make a user an admin', (u, a) => setAdminRole(accounts, u, true, a));
  action('revoke-admin', "Take a user's admin role away", (u, a) => setAdminRole(accounts, u, false, a), ['last_admin']);

  api.route({
    method: 'post', path: '/admin/users/:username/password', tag, auth: 'admin', params: userParams, body: passwordBody,
    summary: "Set a user's password (their sessions end)", success: { status: 204, description: 'done' },
    errors: ['not_found', 'weak_password', 'unavailable'],
    async handler(ctx, { params, body }) {
      const problem = passwordProblem(body.password, params.username);
      if (problem) throw new AppError('weak_password', `password: ${problem}`, { field: 'password' });
      await resetPassword(accounts, params.username, body.password, actorOf(ctx));
    },
  });

  api.route({
    method: 'get', path: '/admin/online', tag, auth: 'admin',
    summary: 'Users with at least one session now', success: { status: 200, description: '{ users: [username] }' }, errors: ['unavailable'],
    async handler() {
      const users = await accounts.prosody.online();
      return { users, total: users.length };
    },
  });
}
