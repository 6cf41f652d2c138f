// While connecting or preparing keys.
import { useApp } from '../context.ts';

export function WorkingView() {
  const { session, i18n } = useApp();
  return (
    <div class="auth">
      <main class="auth-card center" aria-busy="true">
        <div class="spinner" aria-hidden="true" />
        <p role="status">{i18n.t(session.busyKey.value ?? 'busy.loading')}</p>
      </main>
    </div>
  );
}
