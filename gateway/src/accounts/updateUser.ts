// Changes a user's settings kept only by the gateway (today: the storage quota).
import type { UserRecord } from '../store/store.ts';
import type { AccountsContext, Actor } from './context.ts';
import { findUser } from './findUser.ts';
import { recordAudit } from './recordAudit.ts';

export function updateUser(ctx: AccountsContext, username: string, patch: { quotaBytes?: number | null }, actor: Actor): Promise<UserRecord> {
  return ctx.locks.run(username, async () => {
    await findUser(ctx, username);
    const updated = await ctx.store.users.update(username, { ...patch, updatedAt: ctx.now() });
    await recordAudit(ctx, actor, 'user.update', username, patch);
    return updated!;
  });
}
