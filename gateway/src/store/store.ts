// The gateway's storage interface: one repository per aggregate, so later features add their
// own (issue 5's key directory adds `keys`) without touching the others. Two implementations,
// embedded SQLite (default, in the data folder) and MongoDB (SEALPOST_MONGODB_URI), pass the
// same contract tests (tests/gateway/storeContract*.ts). Every method is async so both fit.
import type { AuditRecord, InviteRecord, Page, Role, TokenKind, TokenRecord, UserRecord, UserStatus } from './records.ts';

export type * from './records.ts';

/** Thrown by `insert` when the key (username, id, hash) already exists. */
export class DuplicateKeyError extends Error {
  constructor(what: string) {
    super(`${what} already exists`);
    this.name = 'DuplicateKeyError';
  }
}

export interface UserQuery {
  /** Substring of the username (case-insensitive). */
  search?: string;
  /** Without it: active and disabled users (never pending ones). */
  status?: UserStatus;
  role?: Role;
  limit: number;
  offset: number;
}

export type UserPatch = Partial<Pick<UserRecord, 'status' | 'roles' | 'quotaBytes'>> & { updatedAt: Date };

export interface UserRepository {
  insert(user: UserRecord): Promise<void>;
  get(username: string): Promise<UserRecord | undefined>;
  /**
   * Applies the patch when the user exists (and has status `ifStatus`, when given: a
   * compare-and-set); returns the updated record, or undefined when nothing matched.
   */
  update(username: string, patch: UserPatch, ifStatus?: UserStatus): Promise<UserRecord | undefined>;
  /** Deletes the user (only with status `ifStatus`, when given); true when one was deleted. */
  delete(username: string, ifStatus?: UserStatus): Promise<boolean>;
  /** Sorted by username. */
  list(query: UserQuery): Promise<Page<UserRecord>>;
  count(filter?: { status?: UserStatus; role?: Role }): Promise<number>;
  /** Accounts (active or disabled) created per UTC day since `since`, oldest first; days without any are left out. */
  countCreatedByDay(since: Date): Promise<Array<{ day: string; count: number }>>;
  /** Pending records created before `before` (left by interrupted registrations). */
  listPending(before: Date): Promise<UserRecord[]>;
}

export type ConsumeResult =
  | { status: 'ok'; invite: InviteRecord }
  | { status: 'not_found' | 'revoked' | 'expired' | 'used_up'; invite?: InviteRecord };

export interface InviteRepository {
  insert(invite: InviteRecord): Promise<void>;
  get(id: string): Promise<InviteRecord | undefined>;
  /** Atomically takes one use of the invite with this code hash if it is usable at `now`. */
  consume(codeHash: string, now: Date): Promise<ConsumeResult>;
  /** Gives back one use taken by `consume` (the registration it was for failed). */
  release(id: string): Promise<void>;
  /** Newest first. `active`: only invites usable at `now`. */
  list(query: { active?: boolean; now: Date; limit: number; offset: number }): Promise<Page<InviteRecord>>;
  /** Marks the invite revoked; false when it does not exist or was already revoked. */
  revoke(id: string, at: Date): Promise<boolean>;
}

export interface TokenRepository {
  insert(token: TokenRecord): Promise<void>;
  findByHash(tokenHash: string): Promise<TokenRecord | undefined>;
  get(id: string): Promise<TokenRecord | undefined>;
  touch(id: string, at: Date): Promise<void>;
  /** Newest first; revoked and expired tokens are included only when asked. */
  list(query: { kind?: TokenKind; username?: string; includeInactive?: boolean; now: Date }): Promise<TokenRecord[]>;
  revoke(id: string, at: Date): Promise<boolean>;
  /** Revokes every active token matching the filter; returns how many. */
  revokeAll(filter: { kind?: TokenKind; username?: string }, at: Date): Promise<number>;
  /** Deletes tokens that expired or were revoked before `before`; returns how many. */
  purge(before: Date): Promise<number>;
}

export interface AuditQuery {
  actor?: string;
  action?: string;
  target?: string;
  since?: Date;
  until?: Date;
  limit: number;
  offset: number;
}

export interface AuditRepository {
  append(entry: AuditRecord): Promise<void>;
  /** Newest first. */
  list(query: AuditQuery): Promise<Page<AuditRecord>>;
}

export interface Store {
  readonly kind: 'sqlite' | 'mongodb';
  readonly users: UserRepository;
  readonly invites: InviteRepository;
  readonly tokens: TokenRepository;
  readonly audit: AuditRepository;
  /** Resolves when the store answers a trivial query; used by /api/health. */
  ping(): Promise<void>;
  close(): Promise<void>;
}
