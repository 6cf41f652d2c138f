// The records the gateway keeps, as the store hands them out (plain data, Dates for times).
// Storage schemas (SQLite tables, mongoose schemas) map to these; presenters turn them into
// API DTOs. Nothing here is sent to clients as is.

/** `pending` marks an account being created (record first, then XMPP, then `active`). */
export type UserStatus = 'pending' | 'active' | 'disabled';
export type Role = 'admin';
export const ROLES: readonly Role[] = ['admin'];

export interface UserRecord {
  /** The normalised XMPP localpart (lowercase); the primary key. */
  username: string;
  status: UserStatus;
  roles: Role[];
  createdAt: Date;
  updatedAt: Date;
  /** Storage quota in bytes; null means the server default. */
  quotaBytes: number | null;
  /** How the account came to be. */
  source: 'register' | 'admin' | 'cli';
  /** The invite used to register, if any. */
  inviteId: string | null;
}

export interface InviteRecord {
  id: string;
  /** SHA-256 (hex) of the invite code: the code itself is shown once and never stored. */
  codeHash: string;
  createdBy: string;
  createdAt: Date;
  expiresAt: Date | null;
  maxUses: number;
  uses: number;
  revokedAt: Date | null;
  note: string | null;
}

/**
 * `api`: long-lived, created by an admin for scripts; `session`: short-lived, issued to a
 * logged-in user over XMPP; `cli`: the local CLI credential written at start-up.
 */
export type TokenKind = 'api' | 'session' | 'cli';

export interface TokenRecord {
  id: string;
  /** SHA-256 (hex) of the bearer token; the token is shown once and never stored. */
  tokenHash: string;
  kind: TokenKind;
  name: string;
  /** The user the token acts for; null for the CLI credential. */
  username: string | null;
  createdAt: Date;
  expiresAt: Date | null;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
}

export interface AuditRecord {
  id: string;
  at: Date;
  /** Who: a username, `cli`, or `anonymous`. */
  actor: string;
  /** What, dotted: `user.register`, `user.disable`, `invite.create`, ... */
  action: string;
  /** On whom or what: a username, an invite or token id; null when none. */
  target: string | null;
  /** From where: the client address, when known. */
  address: string | null;
  details: Record<string, unknown>;
}

export interface Page<T> {
  items: T[];
  total: number;
}
