// The session's last error, translated.
import { useApp } from '../context.ts';

export function ErrorMessage() {
  const { session, i18n } = useApp();
  const error = session.error.value;
  if (!error) return null;
  return (
    <p class="banner banner-error" role="alert">
      {i18n.t(error.key)}
      {(error.key === 'signup.error.invalid' || error.key === 'signup.error.weakPassword' || error.key === 'signup.error.invalidUsername') && error.detail && <span class="detail"> ({error.detail})</span>}
    </p>
  );
}
