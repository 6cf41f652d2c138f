// Creates an XMPP account and its user record as one operation (registration, admin API,
// CLI). Order: a `pending` record first (claims the name), then XEP-0133 add-user, then the
// record turns `active`. Every failure is compensated so nothing is left half-made:
//   - add-user never sent (Prosody down, stanza refused) -> the pending record is removed;
//   - add-user outcome unknown (timeout, the component's stream dropped mid-request) -> the
//     account is deleted, waiting a bounded time for the component to reconnect, and the
//     pending record with it; only if Prosody stays unreachable does the record stay
//     `pending` (hidden from every list) for a retry or the housekeeping (reconcilePending);
//   - setting the password of our own interrupted account, or activation, fails -> the
//     account is deleted, then the record (an adopted account is left to its owner).
// A retry is safe: a pending record means an earlier attempt of ours was interrupted, so an
// XMPP account of that name is ours to finish (its password is set anew). An XMPP account
// WITHOUT any record of ours belongs to someone else: refused (409), unless an admin asks to
// adopt it.
import { AppError } from '../errors.ts';
import type { Role, UserRecord } from '../store/store.ts';
import { neverSent } from '../xmpp/component.ts';
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
    if (neverSent(err)) await dropPending();
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
      if (input.adopt) await dropPending();
      else await undoUnknown(ctx, username, dropPending);
      throw err;
    }
  }
  try {
    const active = await store.users.update(username, { status: 'active', updatedAt: ctx.now() }, 'pending');
    if (!active) throw new Error(`pending record of ${username} vanished`);
    return active;
  } catch (err) {
    if (outcome === 'created' || !input.adopt) await undoUnknown(ctx, username, dropPending);
    else await dropPending();
    throw err;
  }
}

/** How long an undo waits for the component to reconnect (its backoff tops out at 5 s). */
const UNDO_RECONNECT_WAIT_MS = 15_000;

/**
 * Deletes an account whose creation may or may not have happened, then the pending record.
 * A dropped component stream fails the request in flight and the undo's first attempt
 * alike; the undo then waits for the reconnect and tries once more. The record is kept only
 * when Prosody still cannot say.
 */
async function undoUnknown(ctx: AccountsContext, username: string, dropPending: () => Promise<unknown>): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await ctx.prosody.remove(username);
      await dropPending();
      return;
    } catch (err) {
      const retry = attempt === 1 && neverSent(err) && (await ctx.prosody.reachable?.(UNDO_RECONNECT_WAIT_MS));
      if (retry) continue;
      ctx.log.warn({ err: (err as Error).message, username }, 'account creation left pending; a retry or housekeeping will finish it');
      return;
    }
  }
}
