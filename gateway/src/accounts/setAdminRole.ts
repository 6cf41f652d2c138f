// Grants or revokes the admin role. Admins are a gateway notion (the API and the web
// client's admin pages); Prosody's only admin is the gateway component itself.
import type { UserRecord } from '../store/store.ts';
import type { AccountsContext, Actor } from './context.ts';
import { assertNotLastAdmin, findUser } from './findUser.ts';
import { recordAudit } from './recordAudit.ts';

export function setAdminRole(ctx: AccountsContext, username: string, admin: boolean, actor: Actor): Promise<UserRecord> {
  return ctx.locks.run(username, async () => {
    const user = await findUser(ctx, username);
    if (user.roles.includes('admin') === admin) return user;
    if (!admin) await assertNotLastAdmin(ctx, user);
    const roles = admin ? [...user.roles, 'admin' as const] : user.roles.filter((r) => r !== 'admin');
    const updated = await ctx.store.users.update(username, { roles, updatedAt: ctx.now() });
    await recordAudit(ctx, actor, admin ? 'user.grant_admin' : 'user.revoke_admin', username);
    return updated!;
  });
}
