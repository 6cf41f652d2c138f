// The gateway's admin REST API (same origin, /api/admin/*), authorised by a short-lived
// bearer token the gateway component hands us over XMPP (urn:sealpost:gateway:token:0).
// No cookies: a page on another site cannot make these calls for us.

export interface AdminUser {
  username: string;
  jid: string;
  status: 'active' | 'disabled';
  admin: boolean;
  createdAt: string;
}
export interface AdminInvite {
  id: string;
  state: string;
  maxUses: number;
  uses: number;
  createdBy: string;
  createdAt: string;
  expiresAt: string | null;
  note: string | null;
}
export interface AuditEntry {
  id: string;
  at: string;
  actor: string;
  action: string;
  target: string | null;
  details?: unknown;
}
export interface Stats {
  users: { total: number; active: number; disabled: number; admins: number };
  online: number | null;
  registrationsPerDay: { day: string; count: number }[];
}
export interface DirectoryKey {
  address: string;
  fingerprint: string;
  created: string;
  since: string;
  lastSeen: string;
  compromised: { at: string; reason: string | null } | null;
  removedAt?: string | null;
}
export interface KeyLogEntry {
  seq: number;
  at: string;
  action: string;
  fingerprint: string | null;
  reason: string | null;
}
export interface KeyHistory {
  address: string;
  keys: DirectoryKey[];
  log: KeyLogEntry[];
  verification?: { ok?: boolean } & Record<string, unknown>;
  checkedAt: string | null;
}

export class AdminApiError extends Error {
  override readonly name = 'AdminApiError';
  constructor(readonly status: number, readonly code: string, message: string) {
    super(message);
  }
}

export function createAdminApi(deps: { origin: string; token(): Promise<string> }) {
  async function call<T>(method: string, path: string, body?: unknown): Promise<T> {
    const token = await deps.token();
    let res: Response;
    try {
      res = await fetch(`${deps.origin}/api${path}`, {
        method,
        headers: { Authorization: `Bearer ${token}`, Accept: 'application/json', ...(body !== undefined ? { 'Content-Type': 'application/json' } : {}) },
        ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
        credentials: 'omit',
      });
    } catch {
      throw new AdminApiError(0, 'network', 'network error');
    }
    if (res.status === 204) return undefined as T;
    const json = (await res.json().catch(() => ({}))) as { error?: { code?: string; message?: string } };
    if (!res.ok) throw new AdminApiError(res.status, json.error?.code ?? 'unknown', json.error?.message ?? res.statusText);
    return json as T;
  }
  const q = (params: Record<string, string | number | undefined>) => {
    const s = new URLSearchParams();
    for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== '') s.set(k, String(v));
    const text = s.toString();
    return text ? `?${text}` : '';
  };
  const enc = encodeURIComponent;

  return {
    whoami: () => call<{ name: string; roles: string[] }>('GET', '/admin/whoami'),
    stats: (days = 30) => call<Stats>('GET', `/admin/stats${q({ days })}`),
    online: () => call<{ users: string[]; total: number }>('GET', '/admin/online'),
    users: (search?: string) => call<{ users: AdminUser[]; total: number }>('GET', `/admin/users${q({ search, limit: 200 })}`),
    createUser: (body: { username: string; password: string; admin: boolean }) => call<{ user: AdminUser }>('POST', '/admin/users', body),
    userAction: (username: string, action: 'disable' | 'enable' | 'end-sessions') => call<{ user: AdminUser }>('POST', `/admin/users/${enc(username)}/${action}`),
    resetPassword: (username: string, password: string) => call<void>('POST', `/admin/users/${enc(username)}/password`, { password }),
    deleteUser: (username: string) => call<unknown>('DELETE', `/admin/users/${enc(username)}`),
    invites: () => call<{ invites: AdminInvite[] }>('GET', `/admin/invites${q({ active: 'true', limit: 200 })}`),
    createInvite: (body: { maxUses: number; note?: string }) => call<{ invite: AdminInvite; code: string; link: string }>('POST', '/admin/invites', body),
    revokeInvite: (id: string) => call<{ invite: AdminInvite }>('DELETE', `/admin/invites/${enc(id)}`),
    audit: (filter: { action?: string; actor?: string } = {}) => call<{ entries: AuditEntry[]; total: number }>('GET', `/admin/audit${q({ ...filter, limit: 200 })}`),
    keys: (search?: string) => call<{ keys: DirectoryKey[]; total: number }>('GET', `/admin/keys${q({ search, limit: 200 })}`),
    keyHistory: (jid: string) => call<KeyHistory>('GET', `/admin/keys/${enc(jid)}`),
    /** The whole signed change log, page by page (`next` is the `after` of the next page). */
    async exportLog(): Promise<{ format: unknown; entries: unknown[]; head: unknown; signingKeys: unknown }> {
      let after = 0;
      const entries: unknown[] = [];
      for (;;) {
        const page = await call<{ format: unknown; entries: unknown[]; next: number | null; head: unknown; signingKeys: unknown }>('GET', `/admin/keys/log${q({ after, limit: 5000 })}`);
        entries.push(...page.entries);
        if (page.next === null) return { format: page.format, entries, head: page.head, signingKeys: page.signingKeys };
        after = page.next;
      }
    },
    markCompromised: (jid: string, fingerprint: string, reason: string) =>
      call<{ key: DirectoryKey }>('POST', `/admin/keys/${enc(jid)}/${enc(fingerprint)}/compromised`, { reason }),
  };
}

export type AdminApi = ReturnType<typeof createAdminApi>;
