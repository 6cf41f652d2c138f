// Self-service registration (POST /api/register): checks the registration mode and the
// invite, then creates the account. The invite use is taken first (atomically) and given
// back if the account cannot be made.
import { AppError } from '../errors.ts';
import type { InviteRecord, UserRecord } from '../store/store.ts';
import { hashSecret } from '../security/secrets.ts';
import type { AccountsContext, Actor } from './context.ts';
import { createAccount } from './createAccount.ts';
import { recordAudit } from './recordAudit.ts';

export interface Registration {
  /** Already normalised and checked (usernamePolicy, passwordPolicy). */
  username: string;
  password: string;
  invite?: string | undefined;
}

export async function registerUser(ctx: AccountsContext, input: Registration, address: string | null): Promise<UserRecord> {
  if (ctx.registrationMode === 'closed') throw new AppError('registration_closed', 'registration is closed on this server');
  if (ctx.registrationMode === 'invite' && !input.invite) throw new AppError('invite_required', 'an invite is required to register', { field: 'invite' });

  let invite: InviteRecord | undefined;
  if (input.invite) invite = await takeInvite(ctx, input.invite);
  let user: UserRecord;
  try {
    user = await createAccount(ctx, { username: input.username, password: input.password, roles: [], source: 'register', inviteId: invite?.id ?? null });
  } catch (err) {
    if (invite) await ctx.store.invites.release(invite.id).catch((e) => ctx.log.error({ err: e, invite: invite.id }, 'invite use not given back'));
    throw err;
  }
  const actor: Actor = { name: user.username, address };
  await recordAudit(ctx, actor, 'user.register', user.username, invite ? { invite: invite.id } : {});
  return user;
}

async function takeInvite(ctx: AccountsContext, code: string): Promise<InviteRecord> {
  const result = await ctx.store.invites.consume(hashSecret(code), ctx.now());
  switch (result.status) {
    case 'ok':
      return result.invite;
    case 'expired':
      throw new AppError('invite_expired', 'this invite has expired', { field: 'invite' });
    case 'used_up':
      throw new AppError('invite_used_up', 'this invite has been used up', { field: 'invite' });
    case 'not_found':
    case 'revoked':
      throw new AppError('invite_invalid', 'this invite is not valid', { field: 'invite' });
  }
}
