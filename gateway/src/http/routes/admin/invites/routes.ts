// /api/admin/invites: create (the link is shown once), list, revoke.
import type { AccountsContext } from '../../../../accounts/context.ts';
import { createInvite, revokeInvite } from '../../../../accounts/invites.ts';
import { actorOf, presentInvite } from '../../../presenters.ts';
import type { Api } from '../../../routeKit.ts';
import { createInviteBody, inviteParams, listInvitesQuery } from './schema.ts';

export function adminInviteRoutes(api: Api, accounts: AccountsContext): void {
  const tag = 'invites';
  api.route({
    method: 'post', path: '/admin/invites', tag, auth: 'admin', body: createInviteBody,
    summary: 'Create an invite; its code and link are in this response only',
    success: { status: 201, description: '{ invite, code, link }' },
    async handler(ctx, { body }) {
      const { invite, code, link } = await createInvite(accounts, body, actorOf(ctx));
      return { invite: presentInvite(invite, accounts.now()), code, link };
    },
  });
  api.route({
    method: 'get', path: '/admin/invites', tag, auth: 'admin', query: listInvitesQuery,
    summary: 'List invites, newest first (active=true: only usable ones)',
    success: { status: 200, description: '{ invites, total, limit, offset }' },
    async handler(_ctx, { query }) {
      const now = accounts.now();
      const page = await accounts.store.invites.list({ ...query, now });
      return { invites: page.items.map((i) => presentInvite(i, now)), total: page.total, limit: query.limit, offset: query.offset };
    },
  });
  api.route({
    method: 'delete', path: '/admin/invites/:id', tag, auth: 'admin', params: inviteParams,
    summary: 'Revoke an invite', success: { status: 200, description: '{ invite }' }, errors: ['not_found'],
    async handler(ctx, { params }) {
      return { invite: presentInvite(await revokeInvite(accounts, params.id, actorOf(ctx)), accounts.now()) };
    },
  });
}
