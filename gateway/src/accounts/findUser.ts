// Looks up a user that exists for the outside world (pending records do not), or 404.
import { AppError } from '../errors.ts';
import type { UserRecord } from '../store/store.ts';
import type { AccountsContext } from './context.ts';

export async function findUser(ctx: AccountsContext, username: string): Promise<UserRecord> {
  const user = await ctx.store.users.get(username);
  if (!user || user.status === 'pending') throw new AppError('not_found', `no user ${username}`);
  return user;
}

/** Refuses to take the last active admin away (disable, delete, revoke): nobody could administer the server. */
export async function assertNotLastAdmin(ctx: AccountsContext, user: UserRecord): Promise<void> {
  if (user.status !== 'active' || !user.roles.includes('admin')) return;
  const admins = await ctx.store.users.count({ status: 'active', role: 'admin' });
  if (admins <= 1) throw new AppError('last_admin', `${user.username} is the last active admin`);
}
