// Sign in with an address (or just a user name on this server) and password.
import { useState } from 'preact/hooks';
import { useApp } from '../context.ts';
import { Field } from '../common/Field.tsx';
import { ErrorMessage } from '../common/ErrorMessage.tsx';
import { AuthLayout } from './AuthLayout.tsx';

export function LoginForm() {
  const { session, controller, i18n } = useApp();
  const { t } = i18n;
  const [address, setAddress] = useState(session.jid.value);
  const [password, setPassword] = useState('');
  const busy = session.busyKey.value !== undefined && session.phase.value === 'working';
  return (
    <AuthLayout title={t('login.title')}>
      <ErrorMessage />
      <form
        class="stack"
        onSubmit={(e) => {
          e.preventDefault();
          void controller.login(address, password);
        }}
      >
        <Field id="login-address" label={t('login.address')} hint={t('login.addressHint')} autocomplete="username" required
          value={address} onInput={(e) => setAddress(e.currentTarget.value)} autoFocus />
        <Field id="login-password" label={t('login.password')} type="password" autocomplete="current-password" required
          value={password} onInput={(e) => setPassword(e.currentTarget.value)} />
        <button class="primary" type="submit" disabled={busy}>
          {t('login.submit')}
        </button>
      </form>
      <p class="switch">
        {t('login.noAccount')}{' '}
        <button type="button" class="link" onClick={() => { session.error.value = undefined; session.authView.value = 'signup'; }}>
          {t('login.toSignup')}
        </button>
      </p>
    </AuthLayout>
  );
}
