// The contact's fingerprints, as text and as an `openpgp4fpr:` QR code, our own for them to
// scan, and a short comparison code both sides compute alike. Verifying pins the keys.
import { useEffect, useRef, useState } from 'preact/hooks';
import { comparisonCode, fingerprintUri, formatFingerprint } from '../../ox/fingerprints.ts';
import { useApp } from '../context.ts';
import { SafeText } from '../common/SafeText.tsx';
import { QrCode } from './QrCode.tsx';

export function TrustPanel({ peer }: { peer: string }) {
  const { mailbox, controller, session, i18n } = useApp();
  const { t } = i18n;
  const info = mailbox.trust.value[peer];
  const own = session.fingerprint.value;
  const [code, setCode] = useState('');
  const dialog = useRef<HTMLDivElement>(null);
  const close = () => (mailbox.trustPanel.value = undefined);

  useEffect(() => {
    void controller.mailbox.trustInfo(peer);
    dialog.current?.focus();
  }, [peer]);
  useEffect(() => {
    const theirs = info?.fingerprints[0];
    if (theirs && own) void comparisonCode(own, theirs).then(setCode);
  }, [info?.fingerprints.join(), own]);

  return (
    <div class="overlay" onClick={(e) => e.target === e.currentTarget && close()}>
      <div class="dialog" role="dialog" aria-modal="true" aria-labelledby="trust-title" tabIndex={-1} ref={dialog} data-testid="trust-panel"
        onKeyDown={(e) => trapFocus(e, dialog.current)}>
        <header class="dialog-header">
          <h2 id="trust-title">
            {t('trust.title')} <SafeText text={peer} />
          </h2>
          <button type="button" class="icon" onClick={close} aria-label={t('common.close')}>
            ✕
          </button>
        </header>
        <p class={`trust-chip trust-${info?.status ?? 'unknown'}`}>{t(`trust.status.${info?.status ?? 'unknown'}`)}</p>
        <p>{t(`trust.explain.${info?.status ?? 'unknown'}`)}</p>
        {info?.fingerprints.map((f) => (
          <div class="fingerprint-card" key={f}>
            <QrCode text={fingerprintUri(f)} label={t('trust.qrLabel', { jid: peer })} size={144} />
            <div>
              <p class="label">{t('trust.theirFingerprint')}</p>
              <p class="fingerprint" data-testid="fingerprint">{formatFingerprint(f)}</p>
              {info.unaccepted.includes(f) && <p class="tag tag-warn">{t('trust.new')}</p>}
            </div>
          </div>
        ))}
        {code && (
          <>
            <p class="label">{t('trust.comparison')}</p>
            <p class="comparison" data-testid="comparison-code">{code}</p>
            <p class="hint">{t('trust.comparisonHint')}</p>
          </>
        )}
        <details>
          <summary>{t('trust.yours')}</summary>
          <div class="fingerprint-card">
            <QrCode text={fingerprintUri(own)} label={t('trust.ownQrLabel')} size={120} />
            <p class="fingerprint">{formatFingerprint(own)}</p>
          </div>
        </details>
        {info && info.fingerprints.length > 0 && info.status !== 'verified' && (
          <div class="actions">
            <button type="button" class="primary" onClick={() => void controller.mailbox.verify(peer)}>
              {t('trust.markVerified')}
            </button>
          </div>
        )}
      </div>
    </div>
  );
}

/** Keeps Tab inside the open dialog (aria-modal). */
function trapFocus(e: KeyboardEvent, root: HTMLElement | null): void {
  if (e.key !== 'Tab' || !root) return;
  const items = [...root.querySelectorAll<HTMLElement>('button, summary, [href], input, [tabindex]:not([tabindex="-1"])')];
  const first = items[0];
  const last = items[items.length - 1];
  if (!first || !last) return;
  if (e.shiftKey && document.activeElement === first) {
    e.preventDefault();
    last.focus();
  } else if (!e.shiftKey && document.activeElement === last) {
    e.preventDefault();
    first.focus();
  }
}
