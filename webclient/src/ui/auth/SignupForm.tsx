// Create an account through the gateway (POST /api/register). An invite link
// (`/signup?invite=CODE`) fills the invite in.
import { useState } from 'preact/hooks';
import { useApp } from '../context.ts';
import { Field } from '../common/Field.tsx';
import { ErrorMessage } from '../common/ErrorMessage.tsx';
import { AuthLayout } from './AuthLayout.tsx';
import { newPasswordError } from './passwordProblem.ts';

const MIN_PASSWORD = 10; // the gateway's policy (NIST SP 800-63B minimum plus margin), in prepared characters

export function SignupForm() {
  const { session, controller, i18n } = useApp();
  const { t } = i18n;
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [confirm, setConfirm] = useState('');
  const [invite, setInvite] = useState(() => new URLSearchParams(location.search).get('invite') ?? '');
  const [touched, setTouched] = useState(false);
  const mismatch = touched && confirm !== password ? t('signup.mismatch') : undefined;
  // Characters the server cannot keep as typed are named at once; the length once submitted.
  const unusable = newPasswordError(t, password, 0);
  const passwordError = unusable ?? (touched ? newPasswordError(t, password, MIN_PASSWORD) : undefined);
  const busy = session.busyKey.value !== undefined;
  return (
    <AuthLayout title={t('signup.title')}>
      <ErrorMessage />
      <form
        class="stack"
        onSubmit={(e) => {
          e.preventDefault();
          setTouched(true);
          if (password !== confirm || password === '' || newPasswordError(t, password, MIN_PASSWORD)) return;
          void controller.signup(username, password, invite.trim() || undefined);
        }}
      >
        <Field id="signup-username" label={t('signup.username')} hint={t('signup.usernameHint')} autocomplete="username"
          required pattern="[a-zA-Z0-9._\-]{1,64}" value={username} onInput={(e) => setUsername(e.currentTarget.value)} autoFocus />
        <Field id="signup-password" label={t('signup.password')} type="password" autocomplete="new-password" required
          value={password} error={passwordError} onInput={(e) => setPassword(e.currentTarget.value)} />
        <Field id="signup-confirm" label={t('signup.confirm')} type="password" autocomplete="new-password" required
          value={confirm} error={mismatch} onInput={(e) => setConfirm(e.currentTarget.value)} />
        <Field id="signup-invite" label={t('signup.invite')} hint={t('signup.inviteHint')} value={invite}
          onInput={(e) => setInvite(e.currentTarget.value)} />
        <button class="primary" type="submit" disabled={busy}>
          {busy ? t('busy.signup') : t('signup.submit')}
        </button>
      </form>
      <p class="switch">
        {t('signup.haveAccount')}{' '}
        <button type="button" class="link" onClick={() => { session.error.value = undefined; session.authView.value = 'login'; }}>
          {t('signup.toLogin')}
        </button>
      </p>
    </AuthLayout>
  );
}
