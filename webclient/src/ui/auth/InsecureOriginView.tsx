// Shown instead of the app when the page is not a secure context (plain http:// on an address
// other than localhost): browsers then withhold WebCrypto, and nothing could be encrypted.
import type { I18n } from '../../i18n/i18n.ts';

export function InsecureOriginView({ i18n }: { i18n: I18n }) {
  const { t } = i18n;
  return (
    <div class="auth">
      <main class="auth-card" data-testid="insecure-origin">
        <h1>{t('insecure.title')}</h1>
        <p>{t('insecure.body')}</p>
        <p class="hint">{t('insecure.admin')}</p>
      </main>
    </div>
  );
}

/** Whether this page may use what Sealpost needs: WebCrypto, available in secure contexts only. */
export function canEncryptHere(): boolean {
  return globalThis.isSecureContext === true && typeof crypto !== 'undefined' && crypto.subtle !== undefined;
}
