// Sets a new password (XEP-0133 change-user-password); Prosody then ends the user's sessions.
// The password is prepared here too (RFC 8265 OpaqueString, docs/passwords.md), whoever the
// caller: what Prosody stores must be what every client's preparation yields at login.
import { preparePassword } from '@sealpost/protocol';
import { AppError } from '../errors.ts';
import type { AccountsContext, Actor } from './context.ts';
import { findUser } from './findUser.ts';
import { recordAudit } from './recordAudit.ts';

export function resetPassword(ctx: AccountsContext, username: string, password: string, actor: Actor): Promise<void> {
  const prepared = preparePassword(password);
  if (!prepared.ok) return Promise.reject(new AppError('weak_password', `password: ${prepared.problem.reason}`, { field: 'password' }));
  return ctx.locks.run(username, async () => {
    await findUser(ctx, username);
    await ctx.prosody.setPassword(username, prepared.password);
    await recordAudit(ctx, actor, 'user.password_reset', username);
  });
}
