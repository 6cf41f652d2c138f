// The account operations the gateway needs from Prosody, over XEP-0133 from the component.
// Use cases depend on this interface (tests can fake it); this is its only implementation.
import { AppError } from '../errors.ts';
import type { GatewayComponent } from './component.ts';
import * as admin from './adminCommands.ts';

export interface ProsodyAccounts {
  /** Creates the account; `exists` when an account of that name is already there. */
  create(localpart: string, password: string): Promise<'created' | 'exists'>;
  /** Deletes the account and its data; succeeds when there is none. */
  remove(localpart: string): Promise<void>;
  setPassword(localpart: string, password: string): Promise<void>;
  endSessions(localpart: string): Promise<void>;
  disable(localpart: string): Promise<void>;
  enable(localpart: string): Promise<void>;
  /** Localparts of the users with at least one session on our domain. */
  online(): Promise<string[]>;
  /** Resolves true once requests can be sent (now, or after a reconnect within `timeoutMs`). */
  reachable?(timeoutMs: number): Promise<boolean>;
}

export function createProsodyAccounts(component: GatewayComponent, domain: string): ProsodyAccounts {
  return {
    async create(localpart, password) {
      try {
        await admin.addUser(component, domain, localpart, password);
        return 'created';
      } catch (err) {
        if (err instanceof AppError && err.code === 'conflict') return 'exists';
        throw err;
      }
    },
    async remove(localpart) {
      // Prosody answers a missing account with an info note, not an error: nothing to do.
      await admin.deleteUser(component, domain, localpart);
    },
    async setPassword(localpart, password) {
      await admin.changeUserPassword(component, domain, localpart, password);
    },
    async endSessions(localpart) {
      await admin.endUserSession(component, domain, localpart);
    },
    async disable(localpart) {
      await admin.disableUser(component, domain, localpart);
    },
    async enable(localpart) {
      await admin.reenableUser(component, domain, localpart);
    },
    async online() {
      const suffix = `@${domain}`;
      const locals = (await admin.onlineUsers(component, domain))
        .map((jid) => jid.split('/')[0]!)
        .filter((bare) => bare.endsWith(suffix))
        .map((bare) => bare.slice(0, -suffix.length));
      return [...new Set(locals)].sort();
    },
    async reachable(timeoutMs) {
      if (component.isOnline()) return true;
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(false), timeoutMs)));
      try {
        return await Promise.race([component.whenOnline().then(() => true), timeout]);
      } finally {
        clearTimeout(timer);
      }
    },
  };
}
