// Appends an audit entry. A failing audit write is logged, never undoes the operation it
// records (which has already happened on Prosody's side).
import type { AccountsContext, Actor } from './context.ts';

export async function recordAudit(
  ctx: AccountsContext,
  actor: Actor,
  action: string,
  target: string | null,
  details: Record<string, unknown> = {},
): Promise<void> {
  try {
    await ctx.store.audit.append({ id: ctx.newId(), at: ctx.now(), actor: actor.name, action, target, address: actor.address, details });
  } catch (err) {
    ctx.log.error({ err, action, target, actor: actor.name }, 'audit entry not written');
  }
}
