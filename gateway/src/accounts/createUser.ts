// An admin (API or CLI) creates an account: no invite, any registration mode, reserved
// names allowed, optionally as admin or adopting an orphan XMPP account.
import type { UserRecord } from '../store/store.ts';
import type { AccountsContext, Actor } from './context.ts';
import { createAccount } from './createAccount.ts';
import { recordAudit } from './recordAudit.ts';

export interface AdminNewUser {
  username: string;
  password: string;
  admin?: boolean;
  quotaBytes?: number | null;
  adopt?: boolean;
}

export async function createUser(ctx: AccountsContext, input: AdminNewUser, actor: Actor): Promise<UserRecord> {
  const user = await createAccount(ctx, {
    username: input.username,
    password: input.password,
    roles: input.admin ? ['admin'] : [],
    source: actor.name === 'cli' ? 'cli' : 'admin',
    quotaBytes: input.quotaBytes ?? null,
    adopt: input.adopt ?? false,
  });
  await recordAudit(ctx, actor, 'user.create', user.username, { admin: input.admin ?? false, ...(input.adopt ? { adopted: true } : {}) });
  return user;
}
