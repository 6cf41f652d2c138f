// The key directory: current keys (search), one address's history and change log, and
// "mark compromised" with a reason everyone who looks the key up will see.
import { useState } from 'preact/hooks';
import { formatFingerprint } from '../../ox/fingerprints.ts';
import { useApp } from '../context.ts';
import { SafeText } from '../common/SafeText.tsx';
import { ErrorNote } from './ErrorNote.tsx';
import { act, useLoad } from './useLoad.ts';

export function KeysAdmin() {
  const { controller, i18n } = useApp();
  const { t } = i18n;
  const [search, setSearch] = useState('');
  const [open, setOpen] = useState<string | undefined>(undefined);
  const { data, error } = useLoad(() => controller.admin.keys(search.trim() || undefined), [search]);
  const [problem, setProblem] = useState<string | undefined>(undefined);
  async function exportLog() {
    setProblem(await act(async () => {
      const log = await controller.admin.exportLog();
      const url = URL.createObjectURL(new Blob([JSON.stringify(log, null, 2)], { type: 'application/octet-stream' }));
      const a = document.createElement('a');
      a.href = url;
      a.download = `key-directory-log-${new Date().toISOString().slice(0, 10)}.json`;
      document.body.append(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
    }));
  }
  if (open) return <KeyHistoryView jid={open} back={() => setOpen(undefined)} />;
  return (
    <div data-testid="admin-keys">
      <div class="field inline">
        <label for="admin-key-search">{t('admin.keys.search')}</label>
        <input id="admin-key-search" type="search" value={search} onInput={(e) => setSearch(e.currentTarget.value)} />
      </div>
      <button type="button" onClick={() => void exportLog()} data-testid="export-key-log">{t('admin.keys.export')}</button>
      <ErrorNote text={error ?? problem} />
      <table class="admin-table">
        <thead><tr><th>{t('admin.keys.address')}</th><th>{t('admin.keys.fingerprint')}</th><th>{t('admin.keys.state')}</th></tr></thead>
        <tbody>
          {data?.keys.map((k) => (
            <tr key={`${k.address} ${k.fingerprint}`} data-testid="admin-key" data-address={k.address}>
              <td><button type="button" class="link" onClick={() => setOpen(k.address)}><SafeText text={k.address} /></button></td>
              <td><code>{formatFingerprint(k.fingerprint)}</code></td>
              <td>{k.compromised ? <span class="tag tag-warn">{t('admin.keys.compromised')}</span> : t('admin.keys.ok')}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function KeyHistoryView({ jid, back }: { jid: string; back(): void }) {
  const { controller, i18n } = useApp();
  const { t } = i18n;
  const { data, error, reload } = useLoad(() => controller.admin.keyHistory(jid), [jid]);
  const [reason, setReason] = useState('');
  const [target, setTarget] = useState<string | undefined>(undefined);
  const [problem, setProblem] = useState<string | undefined>(undefined);
  return (
    <div data-testid="admin-key-history">
      <button type="button" class="link" onClick={back}>← {t('admin.keys.back')}</button>
      <h3><SafeText text={jid} /></h3>
      <ErrorNote text={error ?? problem} />
      <ul class="key-history">
        {data?.keys.map((k) => (
          <li key={k.fingerprint} data-testid="history-key" data-fingerprint={k.fingerprint} data-compromised={k.compromised ? 'true' : 'false'}>
            <code>{formatFingerprint(k.fingerprint)}</code>{' '}
            <small>{t('admin.keys.since', { date: i18n.when(Date.parse(k.since)) })}</small>{' '}
            {k.removedAt && <span class="tag">{t('admin.keys.removed')}</span>}
            {k.compromised ? (
              <span class="tag tag-warn">{t('admin.keys.compromised')}: <SafeText text={k.compromised.reason ?? ''} /></span>
            ) : target === k.fingerprint ? (
              <form class="inline-form" onSubmit={(e) => {
                e.preventDefault();
                void act(() => controller.admin.markCompromised(jid, k.fingerprint, reason.trim()), () => { setTarget(undefined); setReason(''); reload(); }).then(setProblem);
              }}>
                <label for="compromised-reason" class="visually-hidden">{t('admin.keys.reason')}</label>
                <input id="compromised-reason" required maxLength={200} value={reason} placeholder={t('admin.keys.reason')} onInput={(e) => setReason(e.currentTarget.value)} />
                <button type="submit" class="danger">{t('admin.keys.confirmCompromised')}</button>
              </form>
            ) : (
              <button type="button" onClick={() => setTarget(k.fingerprint)}>{t('admin.keys.markCompromised')}</button>
            )}
          </li>
        ))}
      </ul>
      <h4>{t('admin.keys.log')}</h4>
      <ol class="key-log">
        {data?.log.map((e) => (
          <li key={e.seq} data-testid="key-log-entry" data-action={e.action}>
            <time dateTime={e.at}>{i18n.when(Date.parse(e.at))}</time> <strong><SafeText text={e.action} /></strong>{' '}
            {e.fingerprint && <code>{formatFingerprint(e.fingerprint)}</code>} {e.reason && <SafeText text={e.reason} />}
          </li>
        ))}
      </ol>
    </div>
  );
}
