// createAccount's compensation paths, with a fake Prosody and the in-memory SQLite store.
import test from 'ava';
import { pino } from 'pino';
import { AppError } from '../errors.ts';
import { createIdGenerator } from '../security/ids.ts';
import { openSqliteStore } from '../store/sqlite/sqliteStore.ts';
import { NotConnectedError } from '../xmpp/component.ts';
import type { ProsodyAccounts } from '../xmpp/prosodyAccounts.ts';
import { createAccountsContext } from './context.ts';
import { createAccount } from './createAccount.ts';
import { reconcilePending } from './housekeeping.ts';

type Mode = 'ok' | 'down' | 'timeout';

function fakeProsody() {
  const accounts = new Map<string, string>();
  const state = { create: 'ok' as Mode, remove: 'ok' as Mode, createsBeforeTimeout: true };
  const fail = (mode: Mode) => {
    if (mode === 'down') throw new NotConnectedError();
    if (mode === 'timeout') throw new AppError('unavailable', 'no reply');
  };
  const prosody: ProsodyAccounts = {
    async create(name, pw) {
      if (state.create === 'timeout' && state.createsBeforeTimeout && !accounts.has(name)) accounts.set(name, pw);
      fail(state.create);
      if (accounts.has(name)) return 'exists';
      accounts.set(name, pw);
      return 'created';
    },
    async remove(name) { fail(state.remove); accounts.delete(name); },
    async setPassword(name, pw) { if (!accounts.has(name)) throw new AppError('not_found', 'no'); accounts.set(name, pw); },
    async endSessions() {},
    async disable() {},
    async enable() {},
    async online() { return []; },
  };
  return { prosody, accounts, state };
}

function setup() {
  const fake = fakeProsody();
  const store = openSqliteStore(':memory:');
  let now = new Date('2030-01-01T00:00:00Z');
  const ctx = createAccountsContext({
    store, prosody: fake.prosody, domain: 'example.org', publicUrl: 'https://example.org', registrationMode: 'open',
    sessionTokenTtlSeconds: 900, now: () => now, newId: createIdGenerator(), log: pino({ level: 'silent' }),
  });
  return { ...fake, store, ctx, advance: (ms: number) => { now = new Date(now.getTime() + ms); } };
}

const input = (username: string, password = 'pw-long-enough-1') => ({ username, password, roles: [], source: 'register' as const });

test('success: account and active record', async (t) => {
  const { ctx, accounts, store } = setup();
  const user = await createAccount(ctx, input('alice'));
  t.is(user.status, 'active');
  t.is(accounts.get('alice'), 'pw-long-enough-1');
  t.is((await store.users.get('alice'))?.status, 'active');
});

test('Prosody not connected: nothing is left, a retry works', async (t) => {
  const { ctx, accounts, store, state } = setup();
  state.create = 'down';
  await t.throwsAsync(createAccount(ctx, input('bob')), { instanceOf: NotConnectedError });
  t.is(await store.users.get('bob'), undefined);
  t.false(accounts.has('bob'));
  state.create = 'ok';
  t.is((await createAccount(ctx, input('bob'))).status, 'active');
});

test('outcome unknown and Prosody answers the undo: account deleted, record gone', async (t) => {
  const { ctx, accounts, store, state } = setup();
  state.create = 'timeout';
  await t.throwsAsync(createAccount(ctx, input('carol')), { message: 'no reply' });
  t.false(accounts.has('carol'));
  t.is(await store.users.get('carol'), undefined);
});

test('outcome unknown and Prosody silent: the record stays pending (hidden); a retry takes the account over', async (t) => {
  const { ctx, accounts, store, state } = setup();
  state.create = 'timeout';
  state.remove = 'down';
  await t.throwsAsync(createAccount(ctx, input('dave', 'first-password-1')));
  t.true(accounts.has('dave'), 'Prosody did create it');
  t.is((await store.users.get('dave'))?.status, 'pending');
  t.is((await store.users.list({ limit: 10, offset: 0 })).total, 0, 'pending users are not listed');
  state.create = 'ok';
  state.remove = 'ok';
  const user = await createAccount(ctx, input('dave', 'second-password-2'));
  t.is(user.status, 'active');
  t.is(accounts.get('dave'), 'second-password-2', 'the retry owns the account: password set anew');
});

test('outcome unknown: housekeeping removes the leftovers once Prosody answers', async (t) => {
  const { ctx, accounts, store, state, advance } = setup();
  state.create = 'timeout';
  state.remove = 'down';
  await t.throwsAsync(createAccount(ctx, input('erin')));
  t.is(await reconcilePending(ctx), 0, 'too recent');
  advance(11 * 60_000);
  t.is(await reconcilePending(ctx), 0, 'Prosody still down');
  state.remove = 'ok';
  t.is(await reconcilePending(ctx), 1);
  t.false(accounts.has('erin'));
  t.is(await store.users.get('erin'), undefined);
});

test('an XMPP account without a record is refused, left untouched, and nothing is recorded', async (t) => {
  const { ctx, accounts, store } = setup();
  accounts.set('frank', 'his-own-password');
  await t.throwsAsync(createAccount(ctx, input('frank')), { message: /taken/ });
  t.is(accounts.get('frank'), 'his-own-password');
  t.is(await store.users.get('frank'), undefined);
  const adopted = await createAccount(ctx, { ...input('frank', 'adopted-password-1'), adopt: true });
  t.is(adopted.status, 'active');
  t.is(accounts.get('frank'), 'adopted-password-1');
});

test('an existing record is a conflict and changes nothing', async (t) => {
  const { ctx, accounts } = setup();
  await createAccount(ctx, input('gina', 'gina-password-1'));
  await t.throwsAsync(createAccount(ctx, input('gina', 'other-password-2')), { message: /taken/ });
  t.is(accounts.get('gina'), 'gina-password-1');
});

test('activation failure removes the new account and the record', async (t) => {
  const { ctx, accounts, store } = setup();
  const update = store.users.update;
  store.users.update = async () => { throw new Error('disk full'); };
  await t.throwsAsync(createAccount(ctx, input('hank')), { message: 'disk full' });
  store.users.update = update;
  t.false(accounts.has('hank'));
  t.is(await store.users.get('hank'), undefined);
});

test('concurrent creations of one name: exactly one wins', async (t) => {
  const { ctx } = setup();
  const results = await Promise.allSettled(Array.from({ length: 5 }, () => createAccount(ctx, input('ivy'))));
  t.is(results.filter((r) => r.status === 'fulfilled').length, 1);
});

test('the stream drops mid-request: the undo waits for the reconnect, then nothing is left', async (t) => {
  const { ctx, accounts, store, state, prosody } = setup();
  state.create = 'timeout'; // Prosody made the account, the reply was lost with the stream
  state.remove = 'down'; // the first undo attempt meets the component offline
  let waited = 0;
  prosody.reachable = async () => {
    waited++;
    state.remove = 'ok'; // the component is back
    return true;
  };
  await t.throwsAsync(createAccount(ctx, input('jack')), { message: 'no reply' });
  t.is(waited, 1);
  t.false(accounts.has('jack'));
  t.is(await store.users.get('jack'), undefined);
});

test('our own interrupted account whose new password cannot be set is deleted with its record', async (t) => {
  const { ctx, accounts, store, state, prosody } = setup();
  state.create = 'timeout';
  state.remove = 'down';
  await t.throwsAsync(createAccount(ctx, input('kate')));
  t.is((await store.users.get('kate'))?.status, 'pending');
  state.create = 'ok';
  state.remove = 'ok';
  prosody.setPassword = async () => { throw new AppError('unavailable', 'no reply'); };
  await t.throwsAsync(createAccount(ctx, input('kate')), { message: 'no reply' });
  t.false(accounts.has('kate'));
  t.is(await store.users.get('kate'), undefined);
});
