// Creating and revoking invites. The code is shown once (in the link) and stored hashed.
// The link opens the web client's sign-up with the code filled in: PUBLIC_URL/signup?invite=CODE.
import { AppError } from '../errors.ts';
import type { InviteRecord } from '../store/store.ts';
import { hashSecret, newSecret } from '../security/secrets.ts';
import type { AccountsContext, Actor } from './context.ts';
import { recordAudit } from './recordAudit.ts';

export interface NewInvite {
  maxUses: number;
  /** Null: never expires. */
  expiresInSeconds: number | null;
  note?: string | null;
}

export function inviteLink(publicUrl: string, code: string): string {
  return `${publicUrl}/signup?invite=${encodeURIComponent(code)}`;
}

export async function createInvite(ctx: AccountsContext, input: NewInvite, actor: Actor): Promise<{ invite: InviteRecord; code: string; link: string }> {
  const code = newSecret('invite');
  const now = ctx.now();
  const invite: InviteRecord = {
    id: ctx.newId(),
    codeHash: hashSecret(code),
    createdBy: actor.name,
    createdAt: now,
    expiresAt: input.expiresInSeconds === null ? null : new Date(now.getTime() + input.expiresInSeconds * 1000),
    maxUses: input.maxUses,
    uses: 0,
    revokedAt: null,
    note: input.note ?? null,
  };
  await ctx.store.invites.insert(invite);
  await recordAudit(ctx, actor, 'invite.create', invite.id, { maxUses: invite.maxUses, expiresAt: invite.expiresAt?.toISOString() ?? null });
  return { invite, code, link: inviteLink(ctx.publicUrl, code) };
}

export async function revokeInvite(ctx: AccountsContext, id: string, actor: Actor): Promise<InviteRecord> {
  const invite = await ctx.store.invites.get(id);
  if (!invite) throw new AppError('not_found', `no invite ${id}`);
  if (await ctx.store.invites.revoke(id, ctx.now())) await recordAudit(ctx, actor, 'invite.revoke', id);
  return (await ctx.store.invites.get(id))!;
}
