// The mailbox: conversations on the left (or alone on a phone), the open conversation,
// compose form or settings on the right.
import { useEffect } from 'preact/hooks';
import { useApp } from '../context.ts';
import { ConversationView } from '../conversation/ConversationView.tsx';
import { NewMessage } from '../compose/NewMessage.tsx';
import { SettingsView } from '../settings/SettingsView.tsx';
import { TrustPanel } from '../trust/TrustPanel.tsx';
import { ConversationList } from './ConversationList.tsx';
import { SearchBox } from './SearchBox.tsx';
import { SearchResults } from './SearchResults.tsx';
import { TopBar } from './TopBar.tsx';
import { AdminGate } from '../admin/AdminGate.tsx';

export function MailboxView() {
  const { mailbox, controller, i18n, session } = useApp();
  const { t } = i18n;
  const view = mailbox.view.value;

  // /admin is the admin panel's address: opened from the URL, kept in the URL while shown.
  useEffect(() => {
    if (location.pathname === '/admin') controller.mailbox.show({ kind: 'admin' });
  }, []);
  useEffect(() => {
    const atAdmin = location.pathname === '/admin';
    if (view.kind === 'admin' && !atAdmin) history.pushState(null, '', '/admin');
    else if (view.kind !== 'admin' && atAdmin) history.replaceState(null, '', '/');
  }, [view.kind]);
  const online = session.connection.value === 'online';
  useEffect(() => {
    if (online && session.isAdmin.value === undefined) void controller.checkAdmin();
  }, [online]);

  useEffect(() => {
    // Keyboard: "/" searches, Alt+N writes a new message, Escape closes panels.
    const onKey = (e: KeyboardEvent) => {
      const target = e.target as HTMLElement | null;
      const typing = target && (target.tagName === 'INPUT' || target.tagName === 'TEXTAREA');
      if (e.key === '/' && !typing) {
        e.preventDefault();
        document.getElementById('search')?.focus();
      } else if (e.altKey && (e.key === 'n' || e.key === 'N')) {
        e.preventDefault();
        controller.mailbox.compose();
      } else if (e.key === 'Escape' && mailbox.trustPanel.value) {
        mailbox.trustPanel.value = undefined;
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  return (
    <div class="mailbox" data-pane={view.kind === 'empty' ? 'list' : 'main'}>
      <a class="skip-link" href="#main">
        {t('a11y.skipToMain')}
      </a>
      <TopBar />
      <aside class="sidebar" aria-label={t('list.label')}>
        <div class="sidebar-tools">
          <button class="primary wide" type="button" onClick={() => controller.mailbox.compose()} aria-keyshortcuts="Alt+N">
            {t('list.new')}
          </button>
          <SearchBox />
        </div>
        {mailbox.searchResults.value ? <SearchResults /> : <ConversationList />}
      </aside>
      <main class="main" id="main" tabIndex={-1}>
        {view.kind === 'conversation' && <ConversationView key={view.peer} peer={view.peer} />}
        {view.kind === 'compose' && <NewMessage />}
        {view.kind === 'settings' && <SettingsView />}
        {view.kind === 'admin' && <AdminGate />}
        {view.kind === 'empty' && (
          <div class="empty-state">
            <p class="empty-mark" aria-hidden="true">✉</p>
            <p>{t('main.empty')}</p>
          </div>
        )}
      </main>
      {mailbox.trustPanel.value && <TrustPanel peer={mailbox.trustPanel.value} />}
    </div>
  );
}
