// What the account use cases run with: the store, Prosody's account operations, a clock, an
// id generator and a per-username lock. Built once by the composition root; tests build
// their own with fakes.
import type { Logger } from '../log/logger.ts';
import type { Store } from '../store/store.ts';
import type { ProsodyAccounts } from '../xmpp/prosodyAccounts.ts';
import type { IdGenerator } from '../security/ids.ts';
import { createKeyedLock, type KeyedLock } from './keyedLock.ts';

export interface AccountsContext {
  store: Store;
  prosody: ProsodyAccounts;
  domain: string;
  /** Base URL of the web client, for invite links. */
  publicUrl: string;
  registrationMode: 'open' | 'invite' | 'closed';
  sessionTokenTtlSeconds: number;
  now(): Date;
  newId: IdGenerator;
  /** Serialises operations on one username within this process. */
  locks: KeyedLock;
  log: Logger;
}

/** Who acts, for the audit log: a username, `cli`, or `anonymous`; and from which address. */
export interface Actor {
  name: string;
  address: string | null;
}

export function createAccountsContext(deps: Omit<AccountsContext, 'locks' | 'log'> & { log: Logger }): AccountsContext {
  return { ...deps, locks: createKeyedLock(), log: deps.log.child({ module: 'accounts' }) };
}
