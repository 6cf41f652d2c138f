// The admin panel: dashboard, users, invites, key directory and audit log, as tabs. Every
// call goes through the gateway API, which checks the admin role itself.
import { useState } from 'preact/hooks';
import { useApp } from '../context.ts';
import { AuditAdmin } from './AuditAdmin.tsx';
import { Dashboard } from './Dashboard.tsx';
import { InvitesAdmin } from './InvitesAdmin.tsx';
import { KeysAdmin } from './KeysAdmin.tsx';
import { UsersAdmin } from './UsersAdmin.tsx';

const TABS = ['dashboard', 'users', 'invites', 'keys', 'audit'] as const;
type Tab = (typeof TABS)[number];

export function AdminPanel() {
  const { i18n } = useApp();
  const { t } = i18n;
  const [tab, setTab] = useState<Tab>('dashboard');
  return (
    <section class="admin" aria-labelledby="admin-title" data-testid="admin-panel">
      <header class="conv-header">
        <h2 id="admin-title">{t('admin.title')}</h2>
      </header>
      <nav class="admin-tabs" role="tablist" aria-label={t('admin.title')}>
        {TABS.map((k) => (
          <button key={k} type="button" role="tab" aria-selected={tab === k} class={tab === k ? 'active' : ''} onClick={() => setTab(k)}>
            {t(`admin.tab.${k}`)}
          </button>
        ))}
      </nav>
      <div class="admin-body" role="tabpanel">
        {tab === 'dashboard' && <Dashboard />}
        {tab === 'users' && <UsersAdmin />}
        {tab === 'invites' && <InvitesAdmin />}
        {tab === 'keys' && <KeysAdmin />}
        {tab === 'audit' && <AuditAdmin />}
      </div>
    </section>
  );
}
