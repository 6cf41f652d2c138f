// /api/admin/tokens: long-lived API tokens for scripts (shown once, stored hashed,
// revocable); /api/admin/whoami: who the presented token acts for.
import type { AccountsContext } from '../../../../accounts/context.ts';
import { createApiToken, revokeApiToken } from '../../../../accounts/tokens.ts';
import { AppError } from '../../../../errors.ts';
import { actorOf, presentPrincipal, presentToken } from '../../../presenters.ts';
import type { Api } from '../../../routeKit.ts';
import { stateOf } from '../../../state.ts';
import { createTokenBody, listTokensQuery, tokenParams } from './schema.ts';

export function adminTokenRoutes(api: Api, accounts: AccountsContext): void {
  const tag = 'tokens';
  api.route({
    method: 'post', path: '/admin/tokens', tag, auth: 'admin', body: createTokenBody,
    summary: 'Create an API token; the token is in this response only',
    success: { status: 201, description: '{ token, record }' },
    async handler(ctx, { body }) {
      const principal = stateOf(ctx).principal!;
      const owner = body.owner ?? (principal.kind === 'user' ? principal.name : undefined);
      if (!owner) throw new AppError('bad_request', 'owner: required when the caller is not a user', { field: 'owner' });
      const { record, token } = await createApiToken(accounts, { name: body.name, owner, expiresInDays: body.expiresInDays }, actorOf(ctx));
      return { token, record: presentToken(record) };
    },
  });
  api.route({
    method: 'get', path: '/admin/tokens', tag, auth: 'admin', query: listTokensQuery,
    summary: 'List API tokens (never the tokens themselves)', success: { status: 200, description: '{ tokens }' },
    async handler(_ctx, { query }) {
      const tokens = await accounts.store.tokens.list({ kind: 'api', includeInactive: query.includeRevoked ?? false, now: accounts.now() });
      return { tokens: tokens.map(presentToken) };
    },
  });
  api.route({
    method: 'delete', path: '/admin/tokens/:id', tag, auth: 'admin', params: tokenParams,
    summary: 'Revoke an API token', success: { status: 200, description: '{ token }' }, errors: ['not_found'],
    async handler(ctx, { params }) {
      return { token: presentToken(await revokeApiToken(accounts, params.id, actorOf(ctx))) };
    },
  });
  api.route({
    method: 'get', path: '/admin/whoami', tag, auth: 'admin',
    summary: 'Who the presented token acts for', success: { status: 200, description: '{ principal }' },
    async handler(ctx) {
      return { principal: presentPrincipal(stateOf(ctx).principal!) };
    },
  });
}
