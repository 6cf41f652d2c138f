// The account announces a key made by another app, with no backup we can read.
import { useApp } from '../context.ts';
import { AuthLayout } from './AuthLayout.tsx';

export function NoBackupView() {
  const { controller, i18n } = useApp();
  const { t } = i18n;
  return (
    <AuthLayout title={t('nobackup.title')}>
      <p>{t('nobackup.explain')}</p>
      <div class="actions">
        <button class="primary" type="button" onClick={() => void controller.createNewKey()}>
          {t('restore.newKey')}
        </button>
        <button type="button" onClick={() => void controller.logout(false)}>
          {t('menu.logout')}
        </button>
      </div>
    </AuthLayout>
  );
}
