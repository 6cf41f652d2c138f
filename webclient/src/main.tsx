// Entry point: builds the stores and controller, provides them through context, renders.
// On a page that cannot encrypt (not a secure context), it says why and what to open instead.
import { render } from 'preact';
import './styles.css';
import { sweepSpool } from './files/spool.ts';
import { createI18n } from './i18n/i18n.ts';
import { createController } from './session/controller.ts';
import { createMailboxStore } from './stores/mailboxStore.ts';
import { createSessionStore } from './stores/sessionStore.ts';
import { App } from './ui/App.tsx';
import { canEncryptHere, InsecureOriginView } from './ui/auth/InsecureOriginView.tsx';
import { AppContext, type AppServices } from './ui/context.ts';

const i18n = createI18n();
document.documentElement.lang = i18n.locale.value;
const root = document.getElementById('app')!;

if (!canEncryptHere()) {
  render(<InsecureOriginView i18n={i18n} />, root);
} else {
  const session = createSessionStore();
  const mailbox = createMailboxStore();
  const controller = createController({ origin: location.origin, session, mailbox });
  const services: AppServices = { session, mailbox, controller, i18n };

  window.addEventListener('online', () => controller.reconnectNow());
  render(
    <AppContext.Provider value={services}>
      <App />
    </AppContext.Provider>,
    root,
  );
  void controller.boot();
  // Decrypted or encrypted files left by closed tabs (files/spool.ts), once the app is up.
  setTimeout(() => void sweepSpool(), 5000);
}
