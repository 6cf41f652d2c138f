// Deletes a user: the XMPP account with all its data (Prosody purges roster, archive, PEP),
// then the record and its tokens. The audit entry stays. Prosody first: if it cannot be
// reached nothing changes; a retry after a half-done delete finishes it (a missing account
// is not an error).
import type { AccountsContext, Actor } from './context.ts';
import { assertNotLastAdmin, findUser } from './findUser.ts';
import { recordAudit } from './recordAudit.ts';

export function deleteUser(ctx: AccountsContext, username: string, actor: Actor): Promise<void> {
  return ctx.locks.run(username, async () => {
    const user = await findUser(ctx, username);
    await assertNotLastAdmin(ctx, user);
    await ctx.prosody.remove(username);
    await ctx.store.users.delete(username);
    await ctx.store.tokens.revokeAll({ username }, ctx.now());
    await recordAudit(ctx, actor, 'user.delete', username, { roles: user.roles });
  });
}
