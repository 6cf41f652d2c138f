// The stores, controller and translations reach components through context (never as
// imported singletons), so tests and benchmarks can mount the UI with their own.
import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import type { Controller } from '../session/controller.ts';
import type { I18n } from '../i18n/i18n.ts';
import type { MailboxStore } from '../stores/mailboxStore.ts';
import type { SessionStore } from '../stores/sessionStore.ts';

export interface AppServices {
  session: SessionStore;
  mailbox: MailboxStore;
  controller: Controller;
  i18n: I18n;
}

export const AppContext = createContext<AppServices | undefined>(undefined);

export function useApp(): AppServices {
  const app = useContext(AppContext);
  if (!app) throw new Error('AppContext missing');
  return app;
}
