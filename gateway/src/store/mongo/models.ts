// Mongoose schemas for the MongoDB store: storage shapes only (records.ts is the contract).
// Every collection uses our own string ids as `_id` (the username for users).
import { Schema, type Connection, type Model } from 'mongoose';
import type { AuditRecord, DirectorySignerRecord, InviteRecord, KeyLogEntry, KeyRecord, KeyRefusalRecord, TokenRecord, UserRecord } from '../records.ts';

export type UserDoc = Omit<UserRecord, 'username'> & { _id: string };
export type InviteDoc = Omit<InviteRecord, 'id'> & { _id: string };
export type TokenDoc = Omit<TokenRecord, 'id'> & { _id: string };
export type AuditDoc = Omit<AuditRecord, 'id'> & { _id: string };
/** `_id` is `address fingerprint`; key bytes are stored as BSON binary. */
export type DirectoryKeyDoc = Omit<KeyRecord, 'keyData'> & { _id: string; keyData: Buffer };
export interface DirectoryAddressDoc { _id: string; checkedAt: Date }
/** `_id` is the global `seq`. */
export type DirectoryLogDoc = Omit<KeyLogEntry, 'seq'> & { _id: number };
export type DirectoryRefusalDoc = KeyRefusalRecord & { _id: string };
export type DirectorySignerDoc = Omit<DirectorySignerRecord, 'id'> & { _id: string };

const options = { versionKey: false, strict: 'throw', id: false } as const;
const nullableDate = { type: Date, default: null };
const nullableString = { type: String, default: null };

const userSchema = new Schema<UserDoc>(
  {
    _id: { type: String, required: true },
    status: { type: String, enum: ['pending', 'active', 'disabled'], required: true },
    roles: { type: [String], default: [] },
    createdAt: { type: Date, required: true },
    updatedAt: { type: Date, required: true },
    quotaBytes: { type: Number, default: null, min: 0 },
    source: { type: String, enum: ['register', 'admin', 'cli'], required: true },
    inviteId: nullableString,
  },
  { ...options, collection: 'users' },
);
userSchema.index({ status: 1, createdAt: 1 });
userSchema.index({ roles: 1 });

const inviteSchema = new Schema<InviteDoc>(
  {
    _id: { type: String, required: true },
    codeHash: { type: String, required: true, unique: true },
    createdBy: { type: String, required: true },
    createdAt: { type: Date, required: true },
    expiresAt: nullableDate,
    maxUses: { type: Number, required: true, min: 1 },
    uses: { type: Number, required: true, min: 0, default: 0 },
    revokedAt: nullableDate,
    note: nullableString,
  },
  { ...options, collection: 'invites' },
);
inviteSchema.index({ createdAt: -1 });

const tokenSchema = new Schema<TokenDoc>(
  {
    _id: { type: String, required: true },
    tokenHash: { type: String, required: true, unique: true },
    kind: { type: String, enum: ['api', 'session', 'cli'], required: true },
    name: { type: String, required: true },
    username: nullableString,
    createdAt: { type: Date, required: true },
    expiresAt: nullableDate,
    lastUsedAt: nullableDate,
    revokedAt: nullableDate,
  },
  { ...options, collection: 'tokens' },
);
tokenSchema.index({ username: 1 });
tokenSchema.index({ kind: 1, createdAt: -1 });

const auditSchema = new Schema<AuditDoc>(
  {
    _id: { type: String, required: true },
    at: { type: Date, required: true },
    actor: { type: String, required: true },
    action: { type: String, required: true },
    target: nullableString,
    address: nullableString,
    details: { type: Schema.Types.Mixed, default: {} },
  },
  { ...options, collection: 'audit_log', minimize: false },
);
auditSchema.index({ at: -1, _id: -1 });
auditSchema.index({ actor: 1, at: -1 });
auditSchema.index({ target: 1, at: -1 });
auditSchema.index({ action: 1, at: -1 });

const fingerprint = { type: String, required: true, match: /^[0-9A-F]{40}$/ };

const directoryKeySchema = new Schema<DirectoryKeyDoc>(
  {
    _id: { type: String, required: true },
    address: { type: String, required: true },
    fingerprint,
    keyData: { type: Buffer, required: true },
    keyHash: { type: String, required: true },
    createdAt: { type: Date, required: true },
    firstSeenAt: { type: Date, required: true },
    lastSeenAt: { type: Date, required: true },
    source: { type: String, enum: ['published', 'lookup', 'admin'], required: true },
    wkdHash: nullableString,
    removedAt: nullableDate,
    compromisedAt: nullableDate,
    compromisedReason: nullableString,
  },
  { ...options, collection: 'directory_keys' },
);
directoryKeySchema.index({ address: 1, firstSeenAt: 1 });
directoryKeySchema.index({ fingerprint: 1 });
directoryKeySchema.index({ wkdHash: 1 }, { partialFilterExpression: { wkdHash: { $type: 'string' } } });

const directoryAddressSchema = new Schema<DirectoryAddressDoc>(
  { _id: { type: String, required: true }, checkedAt: { type: Date, required: true } },
  { ...options, collection: 'directory_addresses' },
);

const directoryLogSchema = new Schema<DirectoryLogDoc>(
  {
    _id: { type: Number, required: true, min: 1 },
    address: { type: String, required: true },
    addressSeq: { type: Number, required: true, min: 1 },
    at: { type: Date, required: true },
    action: { type: String, enum: ['added', 'replaced', 'updated', 'removed', 'compromised'], required: true },
    fingerprint,
    previousFingerprint: nullableString,
    keyHash: nullableString,
    reason: nullableString,
    prevHash: { type: String, required: true },
    prevGlobalHash: { type: String, required: true },
    hash: { type: String, required: true, unique: true },
    signer: { type: String, required: true },
    signature: { type: String, required: true },
  },
  { ...options, collection: 'directory_log' },
);
directoryLogSchema.index({ address: 1, addressSeq: 1 }, { unique: true });

const directoryRefusalSchema = new Schema<DirectoryRefusalDoc>(
  {
    _id: { type: String, required: true },
    address: { type: String, required: true },
    fingerprint: { type: String, required: true },
    code: { type: String, required: true },
    reason: { type: String, required: true },
    at: { type: Date, required: true },
    source: { type: String, required: true },
  },
  { ...options, collection: 'directory_refusals' },
);
directoryRefusalSchema.index({ address: 1, at: -1 });

const directorySignerSchema = new Schema<DirectorySignerDoc>(
  {
    _id: { type: String, required: true },
    algorithm: { type: String, enum: ['ed25519'], required: true },
    publicKey: { type: String, required: true },
    createdAt: { type: Date, required: true },
  },
  { ...options, collection: 'directory_signers' },
);

export interface Models {
  User: Model<UserDoc>;
  Invite: Model<InviteDoc>;
  Token: Model<TokenDoc>;
  Audit: Model<AuditDoc>;
  DirectoryKey: Model<DirectoryKeyDoc>;
  DirectoryAddress: Model<DirectoryAddressDoc>;
  DirectoryLog: Model<DirectoryLogDoc>;
  DirectoryRefusal: Model<DirectoryRefusalDoc>;
  DirectorySigner: Model<DirectorySignerDoc>;
}

export function defineModels(conn: Connection): Models {
  return {
    User: conn.model<UserDoc>('User', userSchema),
    Invite: conn.model<InviteDoc>('Invite', inviteSchema),
    Token: conn.model<TokenDoc>('Token', tokenSchema),
    Audit: conn.model<AuditDoc>('Audit', auditSchema),
    DirectoryKey: conn.model<DirectoryKeyDoc>('DirectoryKey', directoryKeySchema),
    DirectoryAddress: conn.model<DirectoryAddressDoc>('DirectoryAddress', directoryAddressSchema),
    DirectoryLog: conn.model<DirectoryLogDoc>('DirectoryLog', directoryLogSchema),
    DirectoryRefusal: conn.model<DirectoryRefusalDoc>('DirectoryRefusal', directoryRefusalSchema),
    DirectorySigner: conn.model<DirectorySignerDoc>('DirectorySigner', directorySignerSchema),
  };
}

/** MongoDB's duplicate-key error (E11000). */
export function isDuplicateKey(err: unknown): boolean {
  return (err as { code?: number }).code === 11000;
}

export const escapeRegex = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
