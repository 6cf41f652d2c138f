// Sets a new password (XEP-0133 change-user-password); Prosody then ends the user's sessions.
import type { AccountsContext, Actor } from './context.ts';
import { findUser } from './findUser.ts';
import { recordAudit } from './recordAudit.ts';

export function resetPassword(ctx: AccountsContext, username: string, password: string, actor: Actor): Promise<void> {
  return ctx.locks.run(username, async () => {
    await findUser(ctx, username);
    await ctx.prosody.setPassword(username, password);
    await recordAudit(ctx, actor, 'user.password_reset', username);
  });
}
