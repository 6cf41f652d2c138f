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

// ---- Key directory (issue 5): server-verified address-to-key bindings ----

/** How a key entered the directory: the owner's notice, a lookup, or an admin's refresh. */
export type KeySource = 'published' | 'lookup' | 'admin';
export const KEY_SOURCES: readonly KeySource[] = ['published', 'lookup', 'admin'];

/** One OpenPGP public key of one address (current unless `removedAt` is set). */
export interface KeyRecord {
  /** Normalised bare JID, `user@domain`. */
  address: string;
  /** XEP-0373 v4 fingerprint: 40 uppercase hex digits. */
  fingerprint: string;
  /** The binary transferable public key as read from PEP (never secret material). */
  keyData: Uint8Array;
  /** SHA-256 (hex) of `keyData`: what the change log commits to. */
  keyHash: string;
  /** The key's own creation time. */
  createdAt: Date;
  firstSeenAt: Date;
  lastSeenAt: Date;
  source: KeySource;
  /** Web Key Directory hash of the local part when the key carries `<address>`; else null. */
  wkdHash: string | null;
  removedAt: Date | null;
  compromisedAt: Date | null;
  compromisedReason: string | null;
}

export type KeyLogAction = 'added' | 'replaced' | 'updated' | 'removed' | 'compromised';
export const KEY_LOG_ACTIONS: readonly KeyLogAction[] = ['added', 'replaced', 'updated', 'removed', 'compromised'];

/**
 * One entry of the append-only change log. Entries form two hash chains: per address
 * (`prevHash`, `addressSeq`) and over the whole directory (`prevGlobalHash`, `seq`); `hash`
 * and `signature` are computed by directory/logEntry.ts and never change once written.
 */
export interface KeyLogEntry {
  /** Position in the whole directory's log, from 1. */
  seq: number;
  address: string;
  /** Position in this address's log, from 1. */
  addressSeq: number;
  at: Date;
  action: KeyLogAction;
  fingerprint: string;
  /** The key replaced (action `replaced`), else null. */
  previousFingerprint: string | null;
  /** SHA-256 (hex) of the key bytes now served (added, replaced, updated), else null. */
  keyHash: string | null;
  /** Why (removals and compromise marks), else null. */
  reason: string | null;
  prevHash: string;
  prevGlobalHash: string;
  hash: string;
  /** Id of the gateway signing key (see DirectorySignerRecord). */
  signer: string;
  /** Base64 Ed25519 signature over the 32 bytes of `hash`. */
  signature: string;
}

/** A key the import policy refused, the latest verdict per address and fingerprint. */
export interface KeyRefusalRecord {
  address: string;
  fingerprint: string;
  /** KeyPolicyError code, or `fetch-failed` / `too-many-keys` / `wrong-key`. */
  code: string;
  reason: string;
  at: Date;
  source: KeySource;
}

/** A public key the gateway signed log entries with (kept for verification after rotation). */
export interface DirectorySignerRecord {
  id: string;
  algorithm: 'ed25519';
  /** Base64 of the raw 32-byte Ed25519 public key. */
  publicKey: string;
  createdAt: Date;
}
