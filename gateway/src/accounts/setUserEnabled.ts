// Disables or re-enables a user (XEP-0133 disable-user / reenable-user): a disabled user
// cannot log in and their sessions end; their data and password are kept. Prosody first,
// then the record, so the record never claims more than Prosody enforces.
import type { UserRecord } from '../store/store.ts';
import type { AccountsContext, Actor } from './context.ts';
import { assertNotLastAdmin, findUser } from './findUser.ts';
import { recordAudit } from './recordAudit.ts';

export function disableUser(ctx: AccountsContext, username: string, actor: Actor): Promise<UserRecord> {
  return setEnabled(ctx, username, false, actor);
}

export function enableUser(ctx: AccountsContext, username: string, actor: Actor): Promise<UserRecord> {
  return setEnabled(ctx, username, true, actor);
}

function setEnabled(ctx: AccountsContext, username: string, enabled: boolean, actor: Actor): Promise<UserRecord> {
  return ctx.locks.run(username, async () => {
    const user = await findUser(ctx, username);
    if (!enabled) await assertNotLastAdmin(ctx, user);
    // Idempotent on both sides: repeating it also repairs a record that drifted from Prosody.
    if (enabled) await ctx.prosody.enable(username);
    else await ctx.prosody.disable(username);
    const updated = await ctx.store.users.update(username, { status: enabled ? 'active' : 'disabled', updatedAt: ctx.now() });
    if (user.status !== updated!.status) await recordAudit(ctx, actor, enabled ? 'user.enable' : 'user.disable', username);
    return updated!;
  });
}
