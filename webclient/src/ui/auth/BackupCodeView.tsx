// Shown once, after a new key is made: the backup code that unlocks the key on another
// browser (XEP-0373 §5.4). The user confirms before continuing.
import { useState } from 'preact/hooks';
import { useApp } from '../context.ts';
import { AuthLayout } from './AuthLayout.tsx';

export function BackupCodeView() {
  const { session, controller, i18n } = useApp();
  const { t } = i18n;
  const [saved, setSaved] = useState(false);
  const code = session.backupCode.value ?? '';
  return (
    <AuthLayout title={t('backup.title')}>
      <p>{t('backup.explain')}</p>
      <p class="backup-code" data-testid="backup-code" aria-label={t('backup.codeLabel')}>
        {code}
      </p>
      <p class="hint">{t('backup.once')}</p>
      <div class="actions">
        <button type="button" onClick={() => void navigator.clipboard?.writeText(code).catch(() => {})}>
          {t('backup.copy')}
        </button>
      </div>
      <label class="check">
        <input type="checkbox" checked={saved} onChange={(e) => setSaved(e.currentTarget.checked)} />
        {t('backup.confirm')}
      </label>
      <button class="primary" type="button" disabled={!saved} onClick={() => controller.backupCodeSaved()}>
        {t('backup.continue')}
      </button>
    </AuthLayout>
  );
}
