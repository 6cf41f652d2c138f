// The audit log, newest first, filterable by action and actor.
import { useState } from 'preact/hooks';
import { useApp } from '../context.ts';
import { SafeText } from '../common/SafeText.tsx';
import { ErrorNote } from './ErrorNote.tsx';
import { useLoad } from './useLoad.ts';

export function AuditAdmin() {
  const { controller, i18n } = useApp();
  const { t } = i18n;
  const [action, setAction] = useState('');
  const [actor, setActor] = useState('');
  const valid = action === '' || /^[a-z_]+(\.[a-z_]+)?$/.test(action);
  const { data, error } = useLoad(() => controller.admin.audit({ ...(valid && action ? { action } : {}), ...(actor.trim() ? { actor: actor.trim() } : {}) }), [action, actor]);
  return (
    <div data-testid="admin-audit">
      <div class="field inline"><label for="audit-action">{t('admin.audit.action')}</label>
        <input id="audit-action" value={action} placeholder="user.disable" onInput={(e) => setAction(e.currentTarget.value)} /></div>
      <div class="field inline"><label for="audit-actor">{t('admin.audit.actor')}</label>
        <input id="audit-actor" value={actor} onInput={(e) => setActor(e.currentTarget.value)} /></div>
      <ErrorNote text={error} />
      <table class="admin-table">
        <thead><tr><th>{t('admin.audit.when')}</th><th>{t('admin.audit.actor')}</th><th>{t('admin.audit.action')}</th><th>{t('admin.audit.target')}</th></tr></thead>
        <tbody>
          {data?.entries.map((e) => (
            <tr key={e.id} data-testid="audit-entry" data-action={e.action}>
              <td><time dateTime={e.at}>{i18n.when(Date.parse(e.at))}</time></td>
              <td><SafeText text={e.actor} /></td>
              <td><SafeText text={e.action} /></td>
              <td><SafeText text={e.target ?? ''} /></td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
