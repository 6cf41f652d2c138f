// Creates an XMPP account and its user record as one operation (registration, admin API,
// CLI). Order: a `pending` record first (claims the name), then XEP-0133 add-user, then the
// record turns `active`. Every failure is compensated so nothing is left half-made:
//   - add-user not sent (Prosody down)  -> the pending record is removed;
//   - add-user outcome unknown (timeout) -> the account is deleted if Prosody answers, and
//     the pending record with it; otherwise the record stays `pending` (hidden from every
//     list) and either a retry or the housekeeping (reconcilePending) finishes the job;
//   - activation fails                   -> the account is deleted, then the record.
// A retry is safe: a pending record means an earlier attempt of ours was interrupted, so an
// XMPP account of that name is ours to finish (its password is set anew). An XMPP account
// WITHOUT any record of ours belongs to someone else: refused (409), unless an admin asks to
// adopt it.
import { AppError } from '../errors.ts';
import type { Role, UserRecord } from '../store/store.ts';
import { NotConnectedError } from '../xmpp/component.ts';
import type { AccountsContext } from './context.ts';

export interface NewAccount {
  username: string;
  password: string;
  roles: Role[];
  source: UserRecord['source'];
  inviteId?: string | null;
  quotaBytes?: number | null;
  /** Take over an XMPP account that exists without a record (admins only). */
  adopt?: boolean;
}

export function createAccount(ctx: AccountsContext, input: NewAccount): Promise<UserRecord> {
  return ctx.locks.run(input.username, () => create(ctx, input));
}

async function create(ctx: AccountsContext, input: NewAccount): Promise<UserRecord> {
  const { store, prosody, log } = ctx;
  const { username } = input;
  const existing = await store.users.get(username);
  if (existing && existing.status !== 'pending') throw new AppError('username_taken', 'this username is taken', { field: 'username' });
  const resumed = existing !== undefined;
  if (resumed) {
    log.info({ username }, 'finishing an interrupted account creation');
    await store.users.delete(username, 'pending');
  }
  const now = ctx.now();
  await store.users.insert({
    username,
    status: 'pending',
    roles: input.roles,
    createdAt: now,
    updatedAt: now,
    quotaBytes: input.quotaBytes ?? null,
    source: input.source,
    inviteId: input.inviteId ?? null,
  });
  const dropPending = () => store.users.delete(username, 'pending').catch((err) => log.error({ err, username }, 'pending record not removed'));

  let outcome: 'created' | 'exists';
  try {
    outcome = await prosody.create(username, input.password);
  } catch (err) {
    if (err instanceof NotConnectedError) await dropPending();
    else await undoUnknown(ctx, username, dropPending);
    throw err;
  }
  if (outcome === 'exists') {
    if (!resumed && !input.adopt) {
      await dropPending();
      throw new AppError('username_taken', 'this username is taken', { field: 'username' });
    }
    try {
      await prosody.setPassword(username, input.password);
    } catch (err) {
      if (err instanceof NotConnectedError || input.adopt) await dropPending();
      throw err;
    }
  }
  try {
    const active = await store.users.update(username, { status: 'active', updatedAt: ctx.now() }, 'pending');
    if (!active) throw new Error(`pending record of ${username} vanished`);
    return active;
  } catch (err) {
    if (outcome === 'created') await undoUnknown(ctx, username, dropPending);
    throw err;
  }
}

/** Deletes an account whose creation may or may not have happened; keeps the record if Prosody cannot say. */
async function undoUnknown(ctx: AccountsContext, username: string, dropPending: () => Promise<unknown>): Promise<void> {
  try {
    await ctx.prosody.remove(username);
    await dropPending();
  } catch (err) {
    ctx.log.warn({ err: (err as Error).message, username }, 'account creation left pending; a retry or housekeeping will finish it');
  }
}
