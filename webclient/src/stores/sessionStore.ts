// Session state as signals: where the user is in sign-in and key set-up, and the connection.
import { signal } from '@preact/signals';
import type { ConnectionStatus } from '../xmpp/connection.ts';
import type { MessageKey } from '../i18n/i18n.ts';

export type Phase =
  | 'boot' // reading local state
  | 'signed-out' // login or sign-up form
  | 'working' // connecting, creating or publishing keys
  | 'backup-code' // a new key was made: show its backup code once
  | 'restore' // this account has a key elsewhere: enter the backup code
  | 'no-backup' // a key exists elsewhere but no backup: offer a new key
  | 'mailbox';

export function createSessionStore() {
  return {
    phase: signal<Phase>('boot'),
    /** Which form `signed-out` shows. */
    authView: signal<'login' | 'signup'>('login'),
    connection: signal<ConnectionStatus>('offline'),
    jid: signal(''),
    /** Admin panel access, once the gateway said (undefined: not asked yet). */
    isAdmin: signal<boolean | undefined>(undefined),
    /** i18n key of the last error to show, with optional detail. */
    error: signal<{ key: MessageKey; detail?: string } | undefined>(undefined),
    backupCode: signal<string | undefined>(undefined),
    fingerprint: signal(''),
    busyKey: signal<MessageKey | undefined>(undefined),
    loginMs: signal<number | undefined>(undefined),
  };
}

export type SessionStore = ReturnType<typeof createSessionStore>;
