// Mongoose schemas for the MongoDB store: storage shapes only (records.ts is the contract).
// Every collection uses our own string ids as `_id` (the username for users).
import { Schema, type Connection, type Model } from 'mongoose';
import type { AuditRecord, InviteRecord, TokenRecord, UserRecord } from '../records.ts';

export type UserDoc = Omit<UserRecord, 'username'> & { _id: string };
export type InviteDoc = Omit<InviteRecord, 'id'> & { _id: string };
export type TokenDoc = Omit<TokenRecord, 'id'> & { _id: string };
export type AuditDoc = Omit<AuditRecord, 'id'> & { _id: string };

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

export interface Models {
  User: Model<UserDoc>;
  Invite: Model<InviteDoc>;
  Token: Model<TokenDoc>;
  Audit: Model<AuditDoc>;
}

export function defineModels(conn: Connection): Models {
  return {
    User: conn.model<UserDoc>('User', userSchema),
    Invite: conn.model<InviteDoc>('Invite', inviteSchema),
    Token: conn.model<TokenDoc>('Token', tokenSchema),
    Audit: conn.model<AuditDoc>('Audit', auditSchema),
  };
}

/** MongoDB's duplicate-key error (E11000). */
export function isDuplicateKey(err: unknown): boolean {
  return (err as { code?: number }).code === 11000;
}

export const escapeRegex = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
