// Account settings: language, our key's fingerprint, password change and account deletion
// (XEP-0077), and sign-out with or without removing this browser's copy of the mailbox.
import { useState } from 'preact/hooks';
import { formatFingerprint } from '../../ox/fingerprints.ts';
import { useApp } from '../context.ts';
import { Field } from '../common/Field.tsx';
import { ErrorMessage } from '../common/ErrorMessage.tsx';
import { LanguageSelect } from './LanguageSelect.tsx';
import { newPasswordError } from '../auth/passwordProblem.ts';

export function SettingsView() {
  const { controller, session, i18n } = useApp();
  const { t } = i18n;
  const [pw, setPw] = useState('');
  const [pw2, setPw2] = useState('');
  const [pwDone, setPwDone] = useState(false);
  const [confirmDelete, setConfirmDelete] = useState('');
  return (
    <section class="settings pad" aria-labelledby="settings-title">
      <header class="conv-header">
        <button type="button" class="back" onClick={() => controller.mailbox.show({ kind: 'empty' })} aria-label={t('conv.back')}>
          ←
        </button>
        <h2 id="settings-title">{t('settings.title')}</h2>
      </header>
      <ErrorMessage />
      <div class="card">
        <h3>{t('settings.general')}</h3>
        <LanguageSelect />
        <p class="label">{t('settings.address')}</p>
        <p>{session.jid.value}</p>
        <p class="label">{t('settings.fingerprint')}</p>
        <p class="fingerprint">{formatFingerprint(session.fingerprint.value)}</p>
        {session.loginMs.value !== undefined && <p class="hint">{t('settings.loginTime', { ms: session.loginMs.value })}</p>}
      </div>
      <form class="card stack" onSubmit={async (e) => {
        e.preventDefault();
        if (pw !== pw2 || newPasswordError(t, pw, 10)) return;
        setPwDone(await controller.changePassword(pw));
        setPw('');
        setPw2('');
      }}>
        <h3>{t('settings.password')}</h3>
        <Field id="new-password" label={t('settings.newPassword')} type="password" autocomplete="new-password" required minLength={10}
          value={pw} error={newPasswordError(t, pw, 0)} onInput={(e) => { setPw(e.currentTarget.value); setPwDone(false); }} />
        <Field id="new-password2" label={t('signup.confirm')} type="password" autocomplete="new-password" required
          value={pw2} error={pw2 && pw !== pw2 ? t('signup.mismatch') : undefined} onInput={(e) => setPw2(e.currentTarget.value)} />
        <button type="submit" class="primary">{t('settings.changePassword')}</button>
        {pwDone && <p role="status" class="ok">{t('settings.passwordChanged')}</p>}
      </form>
      <div class="card stack">
        <h3>{t('settings.signOut')}</h3>
        <div class="actions">
          <button type="button" onClick={() => void controller.logout(false)}>{t('menu.logout')}</button>
          <button type="button" onClick={() => void controller.logout(true)}>{t('settings.logoutForget')}</button>
        </div>
        <p class="hint">{t('settings.logoutHint')}</p>
      </div>
      <form class="card stack danger-zone" onSubmit={(e) => {
        e.preventDefault();
        if (confirmDelete === session.jid.value) void controller.deleteAccount();
      }}>
        <h3>{t('settings.delete')}</h3>
        <p>{t('settings.deleteExplain')}</p>
        <Field id="confirm-delete" label={t('settings.deleteConfirm', { jid: session.jid.value })} autocomplete="off"
          value={confirmDelete} onInput={(e) => setConfirmDelete(e.currentTarget.value)} />
        <button type="submit" class="danger" disabled={confirmDelete !== session.jid.value}>{t('settings.deleteButton')}</button>
      </form>
    </section>
  );
}
