// Invites: create (the link and its QR code are shown once), list active ones, revoke.
import { useState } from 'preact/hooks';
import { useApp } from '../context.ts';
import { SafeText } from '../common/SafeText.tsx';
import { QrCode } from '../trust/QrCode.tsx';
import { ErrorNote } from './ErrorNote.tsx';
import { act, useLoad } from './useLoad.ts';

export function InvitesAdmin() {
  const { controller, i18n } = useApp();
  const { t } = i18n;
  const api = controller.admin;
  const { data, error, reload } = useLoad(() => api.invites(), []);
  const [problem, setProblem] = useState<string | undefined>(undefined);
  const [created, setCreated] = useState<{ link: string; code: string } | undefined>(undefined);
  const [uses, setUses] = useState(1);
  const [note, setNote] = useState('');

  async function create(e: Event) {
    e.preventDefault();
    setProblem(await act(async () => {
      const r = await api.createInvite({ maxUses: uses, ...(note.trim() ? { note: note.trim() } : {}) });
      setCreated({ link: r.link, code: r.code });
    }, reload));
  }

  return (
    <div data-testid="admin-invites">
      <ErrorNote text={error ?? problem} />
      <form class="admin-form" onSubmit={create} aria-label={t('admin.invites.create')}>
        <div class="field inline"><label for="invite-uses">{t('admin.invites.uses')}</label>
          <input id="invite-uses" type="number" min={1} max={10000} value={uses} onInput={(e) => setUses(Number(e.currentTarget.value) || 1)} /></div>
        <div class="field inline"><label for="invite-note">{t('admin.invites.note')}</label>
          <input id="invite-note" value={note} maxLength={200} onInput={(e) => setNote(e.currentTarget.value)} /></div>
        <button type="submit" class="primary">{t('admin.invites.create')}</button>
      </form>
      {created && (
        <div class="invite-created" data-testid="invite-created">
          <p>{t('admin.invites.shownOnce')}</p>
          <QrCode text={created.link} label={t('admin.invites.qr')} />
          <p><input class="wide" readOnly value={created.link} aria-label={t('admin.invites.link')} data-testid="invite-link" onFocus={(e) => e.currentTarget.select()} /></p>
        </div>
      )}
      <table class="admin-table">
        <thead><tr><th>{t('admin.invites.note')}</th><th>{t('admin.invites.used')}</th><th>{t('admin.invites.expires')}</th><th /></tr></thead>
        <tbody>
          {data?.invites.map((i) => (
            <tr key={i.id} data-testid="admin-invite" data-id={i.id}>
              <td><SafeText text={i.note ?? ''} /></td>
              <td>{i.uses} / {i.maxUses}</td>
              <td>{i.expiresAt ? i18n.when(Date.parse(i.expiresAt)) : '–'}</td>
              <td><button type="button" onClick={() => void act(() => api.revokeInvite(i.id), reload).then(setProblem)}>{t('admin.invites.revoke')}</button></td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
