// Bearer-token authentication for the admin API (RFC 6750). No cookies are ever read, so no
// request can be forged from another site. 401 without a valid token, 403 for non-admins.
import type { Middleware } from 'koa';
import { authenticate } from '../../accounts/authenticate.ts';
import type { AccountsContext } from '../../accounts/context.ts';
import { AppError } from '../../errors.ts';
import { stateOf } from '../state.ts';

export function requireAdmin(accounts: AccountsContext): Middleware {
  return async (ctx, next) => {
    const match = /^Bearer ([^\s]+)$/i.exec(ctx.get('authorization'));
    if (!match) throw new AppError('unauthorized', 'a bearer token is required (Authorization: Bearer ...)');
    const state = stateOf(ctx);
    const principal = await authenticate(accounts, match[1]!, { loopback: state.local });
    if (!principal.roles.includes('admin')) throw new AppError('forbidden', 'administrators only');
    state.principal = principal;
    await next();
  };
}
