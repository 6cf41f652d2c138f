// /api/admin/stats: users by status, admins, online now, registrations per day.
import type { AccountsContext } from '../../../../accounts/context.ts';
import { getStats } from '../../../../accounts/getStats.ts';
import type { Api } from '../../../routeKit.ts';
import { statsQuery } from './schema.ts';

export function adminStatsRoutes(api: Api, accounts: AccountsContext): void {
  api.route({
    method: 'get', path: '/admin/stats', tag: 'stats', auth: 'admin', query: statsQuery,
    summary: 'Users, online users and registrations per UTC day for the last `days` days',
    success: { status: 200, description: '{ users, online, registrationsPerDay }' },
    async handler(_ctx, { query }) {
      return getStats(accounts, query.days);
    },
  });
}
