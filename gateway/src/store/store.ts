// The gateway's storage interface: one repository per aggregate, so later features add their
// own (issue 5's key directory adds `keys`) without touching the others. Two implementations,
// embedded SQLite (default, in the data folder) and MongoDB (SEALPOST_MONGODB_URI), pass the
// same contract tests (tests/gateway/storeContract*.ts). Every method is async so both fit.
import type {
  AuditRecord,
  DirectorySignerRecord,
  InviteRecord,
  KeyLogEntry,
  KeyRecord,
  KeyRefusalRecord,
  Page,
  Role,
  TokenKind,
  TokenRecord,
  UserRecord,
  UserStatus,
} from './records.ts';

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

export interface KeyQuery {
  /** Substring of the address (case-insensitive). */
  search?: string;
  /** Only keys marked compromised (true) or only the others (false). */
  compromised?: boolean;
  limit: number;
  offset: number;
}

/** What one directory update writes: key records, new log entries, and when it was checked. */
export interface KeyChange {
  address: string;
  /** Records to insert or replace (keyed by address and fingerprint). */
  records: KeyRecord[];
  /** Log entries to append; their `seq` must follow the current head exactly. */
  entries: KeyLogEntry[];
  /** When the address's PEP nodes were last read (null: leave as is). */
  checkedAt: Date | null;
}

/**
 * The key directory: current and past keys per address, the append-only change log, refusals
 * and the gateway's signing keys. `commit` is atomic in SQLite; in MongoDB it appends the log
 * entries first (unique `seq` and `address`+`addressSeq`, so a concurrent writer fails with
 * DuplicateKeyError instead of forking the chain), then writes the records.
 */
export interface KeyRepository {
  commit(change: KeyChange): Promise<void>;
  /** Current keys of the address, oldest first. */
  current(address: string): Promise<KeyRecord[]>;
  /** Every key the address ever had (removed ones too), oldest first. */
  history(address: string): Promise<KeyRecord[]>;
  /** Current keys with this fingerprint (normally one address). */
  byFingerprint(fingerprint: string): Promise<KeyRecord[]>;
  /** Current keys whose WKD hash is `hash`. */
  byWkdHash(hash: string): Promise<KeyRecord[]>;
  /** Current keys, sorted by address then fingerprint. */
  list(query: KeyQuery): Promise<Page<KeyRecord>>;
  /** When the address's PEP nodes were last read, if ever. */
  checkedAt(address: string): Promise<Date | undefined>;
  /** The address's log, oldest first (at most `limit` entries from `afterAddressSeq`). */
  log(address: string, options?: { afterAddressSeq?: number; limit?: number }): Promise<KeyLogEntry[]>;
  /** The last entry of the address's log. */
  addressHead(address: string): Promise<KeyLogEntry | undefined>;
  /** The last entry of the whole log. */
  head(): Promise<KeyLogEntry | undefined>;
  /** The whole log in `seq` order, from `afterSeq` (exclusive). */
  logRange(query: { afterSeq: number; limit: number }): Promise<KeyLogEntry[]>;
  /** Keeps the latest refusal per address and fingerprint (and at most 32 per address). */
  recordRefusal(refusal: KeyRefusalRecord): Promise<void>;
  /** Newest first. */
  refusals(address: string): Promise<KeyRefusalRecord[]>;
  /** Adds a signing key; adding the same id again is a no-op. */
  addSigner(signer: DirectorySignerRecord): Promise<void>;
  /** Oldest first. */
  signers(): Promise<DirectorySignerRecord[]>;
}

export interface Store {
  readonly kind: 'sqlite' | 'mongodb';
  readonly users: UserRepository;
  readonly invites: InviteRepository;
  readonly tokens: TokenRepository;
  readonly audit: AuditRepository;
  readonly keys: KeyRepository;
  /** Resolves when the store answers a trivial query; used by /api/health. */
  ping(): Promise<void>;
  close(): Promise<void>;
}
