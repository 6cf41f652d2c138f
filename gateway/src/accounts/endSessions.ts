// Ends every session of a user (XEP-0133 end-user-session); they can log in again.
import type { AccountsContext, Actor } from './context.ts';
import { findUser } from './findUser.ts';
import { recordAudit } from './recordAudit.ts';

export async function endSessions(ctx: AccountsContext, username: string, actor: Actor): Promise<void> {
  await findUser(ctx, username);
  await ctx.prosody.endSessions(username);
  await recordAudit(ctx, actor, 'user.end_sessions', username);
}
