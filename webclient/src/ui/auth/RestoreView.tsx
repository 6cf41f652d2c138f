// This account already has a key (made on another browser): unlock its backup with the code.
import { useState } from 'preact/hooks';
import { useApp } from '../context.ts';
import { Field } from '../common/Field.tsx';
import { ErrorMessage } from '../common/ErrorMessage.tsx';
import { AuthLayout } from './AuthLayout.tsx';

export function RestoreView() {
  const { controller, i18n, session } = useApp();
  const { t } = i18n;
  const [code, setCode] = useState('');
  const [busy, setBusy] = useState(false);
  const [giveUp, setGiveUp] = useState(false);
  return (
    <AuthLayout title={t('restore.title')}>
      <p>{t('restore.explain')}</p>
      <ErrorMessage />
      <form
        class="stack"
        onSubmit={async (e) => {
          e.preventDefault();
          setBusy(true);
          await controller.restore(code);
          setBusy(false);
        }}
      >
        <Field id="restore-code" label={t('restore.code')} hint={t('restore.codeHint')} autocomplete="off" spellcheck={false}
          required value={code} onInput={(e) => setCode(e.currentTarget.value)} autoFocus />
        <button class="primary" type="submit" disabled={busy}>
          {busy ? t('restore.working') : t('restore.submit')}
        </button>
      </form>
      <details class="danger-zone" open={giveUp} onToggle={(e) => setGiveUp(e.currentTarget.open)}>
        <summary>{t('restore.lost')}</summary>
        <p>{t('restore.lostExplain')}</p>
        <button type="button" class="danger" onClick={() => void controller.createNewKey()}>
          {t('restore.newKey')}
        </button>
      </details>
      <p class="switch">
        <button type="button" class="link" onClick={() => void controller.logout(false)}>
          {t('menu.logout')}
        </button>
        <span class="muted"> · {session.jid.value}</span>
      </p>
    </AuthLayout>
  );
}
