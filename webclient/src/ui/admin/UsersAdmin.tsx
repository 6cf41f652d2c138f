// Users: search, create, disable/enable, end sessions, reset password, delete (confirmed).
import { useState } from 'preact/hooks';
import type { AdminUser } from '../../admin/adminApi.ts';
import { useApp } from '../context.ts';
import { SafeText } from '../common/SafeText.tsx';
import { ErrorNote } from './ErrorNote.tsx';
import { act, useLoad } from './useLoad.ts';

export function UsersAdmin() {
  const { controller, i18n } = useApp();
  const { t } = i18n;
  const api = controller.admin;
  const [search, setSearch] = useState('');
  const { data, error, reload } = useLoad(() => api.users(search.trim() || undefined), [search]);
  const [problem, setProblem] = useState<string | undefined>(undefined);
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [admin, setAdmin] = useState(false);

  async function create(e: Event) {
    e.preventDefault();
    const err = await act(() => api.createUser({ username: username.trim(), password, admin }), () => {
      setUsername('');
      setPassword('');
      setAdmin(false);
      reload();
    });
    setProblem(err);
  }

  return (
    <div data-testid="admin-users">
      <div class="field inline">
        <label for="admin-user-search">{t('admin.users.search')}</label>
        <input id="admin-user-search" type="search" value={search} onInput={(e) => setSearch(e.currentTarget.value)} />
      </div>
      <ErrorNote text={error ?? problem} />
      <table class="admin-table">
        <thead><tr><th>{t('admin.users.name')}</th><th>{t('admin.users.status')}</th><th>{t('admin.users.actions')}</th></tr></thead>
        <tbody>
          {data?.users.map((u) => <UserRow key={u.username} user={u} onChanged={reload} onError={setProblem} />)}
        </tbody>
      </table>
      <form class="admin-form" onSubmit={create} aria-label={t('admin.users.create')}>
        <h3>{t('admin.users.create')}</h3>
        <div class="field inline"><label for="new-user-name">{t('admin.users.newName')}</label>
          <input id="new-user-name" value={username} required onInput={(e) => setUsername(e.currentTarget.value)} /></div>
        <div class="field inline"><label for="new-user-password">{t('admin.users.newPassword')}</label>
          <input id="new-user-password" type="password" autocomplete="new-password" value={password} required onInput={(e) => setPassword(e.currentTarget.value)} /></div>
        <label class="check"><input type="checkbox" checked={admin} onChange={(e) => setAdmin(e.currentTarget.checked)} /> {t('admin.users.makeAdmin')}</label>
        <button type="submit" class="primary">{t('admin.users.createButton')}</button>
      </form>
    </div>
  );
}

function UserRow({ user: u, onChanged, onError }: { user: AdminUser; onChanged(): void; onError(e: string | undefined): void }) {
  const { controller, i18n } = useApp();
  const { t } = i18n;
  const api = controller.admin;
  const [mode, setMode] = useState<'idle' | 'password' | 'delete'>('idle');
  const [password, setPassword] = useState('');
  const run = async (fn: () => Promise<unknown>) => onError(await act(fn, () => { setMode('idle'); onChanged(); }));
  return (
    <tr data-testid="admin-user" data-username={u.username} data-status={u.status}>
      <td><SafeText text={u.jid} />{u.admin && <span class="tag">{t('admin.users.adminTag')}</span>}</td>
      <td>{u.status === 'active' ? t('admin.users.active') : t('admin.users.disabled')}</td>
      <td class="row-actions">
        {u.status === 'active' ? (
          <button type="button" onClick={() => void run(() => api.userAction(u.username, 'disable'))}>{t('admin.users.disable')}</button>
        ) : (
          <button type="button" onClick={() => void run(() => api.userAction(u.username, 'enable'))}>{t('admin.users.enable')}</button>
        )}
        <button type="button" onClick={() => void run(() => api.userAction(u.username, 'end-sessions'))}>{t('admin.users.endSessions')}</button>
        <button type="button" onClick={() => setMode(mode === 'password' ? 'idle' : 'password')}>{t('admin.users.resetPassword')}</button>
        {mode === 'delete' ? (
          <button type="button" class="danger" onClick={() => void run(() => api.deleteUser(u.username))}>{t('admin.users.confirmDelete')}</button>
        ) : (
          <button type="button" onClick={() => setMode('delete')}>{t('admin.users.delete')}</button>
        )}
        {mode === 'password' && (
          <form class="inline-form" onSubmit={(e) => { e.preventDefault(); void run(() => api.resetPassword(u.username, password)); }}>
            <label class="visually-hidden" for={`pw-${u.username}`}>{t('admin.users.newPassword')}</label>
            <input id={`pw-${u.username}`} type="password" autocomplete="new-password" value={password} placeholder={t('admin.users.newPassword')}
              onInput={(e) => setPassword(e.currentTarget.value)} />
            <button type="submit">{t('admin.users.setPassword')}</button>
          </form>
        )}
      </td>
    </tr>
  );
}
