// Plain-language warnings about the contact's keys, with the decision the user can make.
import { useApp } from '../context.ts';
import { SafeText } from '../common/SafeText.tsx';

export function TrustBanner({ peer }: { peer: string }) {
  const { mailbox, controller, i18n } = useApp();
  const { t } = i18n;
  const status = mailbox.trust.value[peer]?.status;
  if (status === 'changed') {
    return (
      <div class="banner banner-warn" role="alert" data-testid="key-changed">
        <p>
          <strong>{t('trust.changedTitle')}</strong>
        </p>
        <p>
          {t('trust.changedExplain1')} <SafeText text={peer} /> {t('trust.changedExplain2')}
        </p>
        <div class="actions">
          <button type="button" onClick={() => (mailbox.trustPanel.value = peer)}>
            {t('trust.compare')}
          </button>
          <button type="button" class="primary" onClick={() => void controller.mailbox.accept(peer)} data-testid="accept-key">
            {t('trust.accept')}
          </button>
        </div>
      </div>
    );
  }
  if (status === 'no-key') {
    return (
      <div class="banner banner-warn" role="alert" data-testid="no-key">
        <p>
          <SafeText text={peer} /> {t('trust.noKeyExplain')}
        </p>
      </div>
    );
  }
  return null;
}
