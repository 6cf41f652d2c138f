// Periodic clean-up: finishes account creations that were interrupted (pending records whose
// XMPP side is unknown: the account is deleted, then the record) and purges tokens that
// expired or were revoked more than a day ago.
import type { AccountsContext } from './context.ts';

const PENDING_GRACE_MS = 10 * 60_000;
const TOKEN_RETENTION_MS = 86_400_000;

export async function reconcilePending(ctx: AccountsContext, graceMs = PENDING_GRACE_MS): Promise<number> {
  const stale = await ctx.store.users.listPending(new Date(ctx.now().getTime() - graceMs));
  let done = 0;
  for (const user of stale) {
    if (ctx.locks.isHeld(user.username)) continue; // being created right now
    await ctx.locks.run(user.username, async () => {
      try {
        await ctx.prosody.remove(user.username);
        if (await ctx.store.users.delete(user.username, 'pending')) done++;
      } catch (err) {
        ctx.log.warn({ err: (err as Error).message, username: user.username }, 'pending account not reconciled yet');
      }
    });
  }
  if (done) ctx.log.info({ count: done }, 'removed interrupted account creations');
  return done;
}

export function startHousekeeping(ctx: AccountsContext, intervalMs = 5 * 60_000): { stop(): void } {
  const run = async () => {
    try {
      await reconcilePending(ctx);
      await ctx.store.tokens.purge(new Date(ctx.now().getTime() - TOKEN_RETENTION_MS));
    } catch (err) {
      ctx.log.warn({ err: (err as Error).message }, 'housekeeping failed');
    }
  };
  const timer = setInterval(() => void run(), intervalMs);
  timer.unref();
  return { stop: () => clearInterval(timer) };
}
