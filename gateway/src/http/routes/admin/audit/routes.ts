// /api/admin/audit: the audit log, newest first, filtered by actor, action, target and time.
import type { AccountsContext } from '../../../../accounts/context.ts';
import { presentAudit } from '../../../presenters.ts';
import type { Api } from '../../../routeKit.ts';
import { listAuditQuery } from './schema.ts';

export function adminAuditRoutes(api: Api, accounts: AccountsContext): void {
  api.route({
    method: 'get', path: '/admin/audit', tag: 'audit', auth: 'admin', query: listAuditQuery,
    summary: 'List audit entries (action `user` matches every user.* action)',
    success: { status: 200, description: '{ entries, total, limit, offset }' },
    async handler(_ctx, { query }) {
      const page = await accounts.store.audit.list(query);
      return { entries: page.items.map(presentAudit), total: page.total, limit: query.limit, offset: query.offset };
    },
  });
}
