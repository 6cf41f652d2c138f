// One error registry (house rule 4): each code maps to an HTTP status and an XMPP stanza
// error condition (RFC 6120 §8.3.3). Details of 5xx errors never reach the client.

export const errorCodes = {
  bad_request: { http: 400, xmpp: 'bad-request', type: 'modify' },
  unauthorized: { http: 401, xmpp: 'not-authorized', type: 'auth' },
  forbidden: { http: 403, xmpp: 'forbidden', type: 'auth' },
  not_found: { http: 404, xmpp: 'item-not-found', type: 'cancel' },
  conflict: { http: 409, xmpp: 'conflict', type: 'cancel' },
  payload_too_large: { http: 413, xmpp: 'not-acceptable', type: 'modify' },
  rate_limited: { http: 429, xmpp: 'resource-constraint', type: 'wait' },
  internal: { http: 500, xmpp: 'internal-server-error', type: 'cancel' },
  unavailable: { http: 503, xmpp: 'service-unavailable', type: 'cancel' },
  // Accounts and registration
  invalid_username: { http: 400, xmpp: 'jid-malformed', type: 'modify' },
  weak_password: { http: 400, xmpp: 'not-acceptable', type: 'modify' },
  username_taken: { http: 409, xmpp: 'conflict', type: 'cancel' },
  registration_closed: { http: 403, xmpp: 'not-allowed', type: 'cancel' },
  invite_required: { http: 403, xmpp: 'not-allowed', type: 'auth' },
  invite_invalid: { http: 403, xmpp: 'forbidden', type: 'auth' },
  invite_expired: { http: 410, xmpp: 'gone', type: 'cancel' },
  invite_used_up: { http: 410, xmpp: 'gone', type: 'cancel' },
  last_admin: { http: 409, xmpp: 'conflict', type: 'cancel' },
  unsupported_media_type: { http: 415, xmpp: 'bad-request', type: 'modify' },
  // The proxy to Prosody's HTTP services
  method_not_allowed: { http: 405, xmpp: 'not-allowed', type: 'cancel' },
  upgrade_required: { http: 426, xmpp: 'bad-request', type: 'modify' },
} as const satisfies Record<string, { http: number; xmpp: string; type: 'auth' | 'cancel' | 'modify' | 'wait' }>;

export type ErrorCode = keyof typeof errorCodes;

export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details: { field?: string; [k: string]: unknown } = {},
  ) {
    super(message);
    this.name = 'AppError';
  }

  get status(): number {
    return errorCodes[this.code].http;
  }

  /** Whether the message may be shown to the client (never for server faults). */
  get expose(): boolean {
    return this.status < 500 || this.code === 'unavailable';
  }
}

/** Normalises anything thrown into an AppError; unknown errors become `internal`. */
export function toAppError(err: unknown): AppError {
  return err instanceof AppError ? err : new AppError('internal', 'internal error');
}
