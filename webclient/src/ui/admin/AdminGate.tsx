// /admin: only for admins, as the gateway decides (GET /api/admin/whoami with our token).
// Anyone else sees a plain "nothing here"; the panel's code is not even loaded for them.
import type { ComponentType } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { useApp } from '../context.ts';

export function AdminGate() {
  const { session, controller, i18n } = useApp();
  const { t } = i18n;
  const [Panel, setPanel] = useState<ComponentType | undefined>(undefined);
  const online = session.connection.value === 'online';
  const allowed = session.isAdmin.value;

  useEffect(() => {
    if (online && allowed === undefined) void controller.checkAdmin();
  }, [online, allowed]);
  useEffect(() => {
    if (allowed) void import('./AdminPanel.tsx').then((m) => setPanel(() => m.AdminPanel));
  }, [allowed]);

  if (allowed === false) {
    return (
      <div class="empty-state" data-testid="admin-denied">
        <p>{t('admin.notFound')}</p>
        <button type="button" class="link" onClick={() => controller.mailbox.show({ kind: 'empty' })}>{t('admin.back')}</button>
      </div>
    );
  }
  if (!allowed || !Panel) return <p class="hint" role="status">{t('admin.loading')}</p>;
  return <Panel />;
}
