// POST /api/register: self-service sign-up, per SEALPOST_REGISTRATION (open, invite, closed),
// rate-limited per client address and overall.
import type { Middleware } from 'koa';
import type { AccountsContext } from '../../../accounts/context.ts';
import { registerUser } from '../../../accounts/registerUser.ts';
import { PASSWORD_MIN_LENGTH } from '../../../accounts/passwordPolicy.ts';
import { USERNAME_MAX_LENGTH } from '../../../accounts/usernamePolicy.ts';
import type { Api } from '../../routeKit.ts';
import { presentUser } from '../../presenters.ts';
import { stateOf } from '../../state.ts';
import { registerBody } from './schema.ts';

export function registerRoutes(api: Api, deps: { accounts: AccountsContext; rateLimit: Middleware }): void {
  api.route({
    method: 'post',
    path: '/register',
    summary: 'Create an account (XMPP account and user record together)',
    tag: 'registration',
    auth: 'none',
    rateLimit: deps.rateLimit,
    body: registerBody,
    success: { status: 201, description: 'the new user' },
    errors: ['invalid_username', 'weak_password', 'username_taken', 'registration_closed', 'invite_required', 'invite_invalid', 'invite_expired', 'invite_used_up', 'rate_limited', 'unavailable'],
    async handler(ctx, { body }) {
      const user = await registerUser(deps.accounts, body, stateOf(ctx).address);
      return { user: presentUser(user, deps.accounts.domain) };
    },
  });

  api.route({
    method: 'get',
    path: '/register',
    summary: 'How registration works on this server',
    tag: 'registration',
    auth: 'none',
    success: { status: 200, description: 'the registration mode and rules' },
    async handler() {
      return { mode: deps.accounts.registrationMode, domain: deps.accounts.domain, passwordMinLength: PASSWORD_MIN_LENGTH, usernameMaxLength: USERNAME_MAX_LENGTH };
    },
  });
}
