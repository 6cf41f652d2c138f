// Brand, connection state (announced to screen readers) and the account menu.
import { useApp } from '../context.ts';

export function TopBar() {
  const { session, controller, mailbox, i18n } = useApp();
  const { t } = i18n;
  const status = session.connection.value;
  return (
    <header class="topbar">
      <p class="brand">
        <span class="brand-mark" aria-hidden="true">✉</span> Sealpost
      </p>
      <p class={`conn conn-${status}`} role="status" data-testid="connection">
        <span class="dot" aria-hidden="true" />
        <span class="conn-text">{t(`conn.${status}`)}</span>
        {status === 'reconnecting' && (
          <button type="button" class="link" onClick={() => controller.reconnectNow()}>
            {t('conn.retry')}
          </button>
        )}
      </p>
      <nav class="account" aria-label={t('menu.label')}>
        <span class="me" title={session.jid.value}>{session.jid.value}</span>
        {session.isAdmin.value && (
          <button type="button" onClick={() => controller.mailbox.show({ kind: 'admin' })} data-testid="admin-link"
            aria-current={mailbox.view.value.kind === 'admin' ? 'page' : undefined}>
            {t('menu.admin')}
          </button>
        )}
        <button type="button" onClick={() => controller.mailbox.show({ kind: 'settings' })}
          aria-current={mailbox.view.value.kind === 'settings' ? 'page' : undefined}>
          {t('menu.settings')}
        </button>
        <button type="button" onClick={() => void controller.logout(false)}>
          {t('menu.logout')}
        </button>
      </nav>
    </header>
  );
}
