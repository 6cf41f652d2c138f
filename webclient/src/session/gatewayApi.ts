// The gateway's REST API (same origin): sign-up and the XMPP domain this site serves.

export interface ApiError {
  status: number;
  code: string;
  message: string;
  field?: string;
}

export class GatewayApiError extends Error {
  override readonly name = 'GatewayApiError';
  constructor(readonly error: ApiError) {
    super(error.message);
  }
}

/** POST /api/register {username, password, invite?} -> 201 {jid}. */
export async function register(origin: string, body: { username: string; password: string; invite?: string }): Promise<{ jid: string }> {
  let res: Response;
  try {
    res = await fetch(`${origin}/api/register`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
      body: JSON.stringify(body),
    });
  } catch {
    throw new GatewayApiError({ status: 0, code: 'network', message: 'network error' });
  }
  const json = (await res.json().catch(() => ({}))) as {
    jid?: string;
    user?: { jid?: string };
    error?: { code?: string; message?: string; field?: string };
  };
  // The contract says {jid}; the gateway answers {user: {jid, ...}}: accept both.
  const jid = json.jid ?? json.user?.jid;
  if (res.status === 201 && typeof jid === 'string') return { jid };
  const e = json.error ?? {};
  throw new GatewayApiError({
    status: res.status,
    code: e.code ?? (res.status === 404 ? 'not_available' : 'unknown'),
    message: e.message ?? res.statusText,
    ...(e.field ? { field: e.field } : {}),
  });
}

export interface RegistrationInfo {
  mode?: 'open' | 'invite' | 'closed';
  domain?: string;
  passwordMinLength?: number;
}

/** GET /api/register: the registration mode, XMPP domain and password rules. */
export async function registrationInfo(origin: string): Promise<RegistrationInfo> {
  try {
    const res = await fetch(`${origin}/api/register`, { headers: { Accept: 'application/json' } });
    if (res.ok) return (await res.json()) as RegistrationInfo;
  } catch {
    // fall through
  }
  return {};
}

/** The XMPP domain this site serves (from the registration info), else the page's host. */
export async function discoverDomain(origin: string): Promise<string> {
  const { domain } = await registrationInfo(origin);
  return typeof domain === 'string' && domain ? domain : new URL(origin).hostname;
}
