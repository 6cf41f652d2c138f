// Bearer tokens in MongoDB (hashes only).
import type { TokenRecord } from '../records.ts';
import { DuplicateKeyError, type TokenRepository } from '../store.ts';
import { isDuplicateKey, type Models, type TokenDoc } from './models.ts';

const toRecord = ({ _id, ...r }: TokenDoc): TokenRecord => ({
  id: _id,
  tokenHash: r.tokenHash,
  kind: r.kind,
  name: r.name,
  username: r.username ?? null,
  createdAt: r.createdAt,
  expiresAt: r.expiresAt ?? null,
  lastUsedAt: r.lastUsedAt ?? null,
  revokedAt: r.revokedAt ?? null,
});

export function mongoTokens({ Token }: Models): TokenRepository {
  return {
    async insert(t) {
      const { id, ...rest } = t;
      try {
        await Token.create({ _id: id, ...rest });
      } catch (err) {
        if (isDuplicateKey(err)) throw new DuplicateKeyError(`token ${id}`);
        throw err;
      }
    },
    async findByHash(tokenHash) {
      const doc = await Token.findOne({ tokenHash }).lean<TokenDoc>().exec();
      return doc ? toRecord(doc) : undefined;
    },
    async get(id) {
      const doc = await Token.findById(id).lean<TokenDoc>().exec();
      return doc ? toRecord(doc) : undefined;
    },
    async touch(id, at) {
      await Token.updateOne({ _id: id }, { $set: { lastUsedAt: at } }).exec();
    },
    async list(q) {
      const filter: Record<string, unknown> = {
        ...(q.kind ? { kind: q.kind } : {}),
        ...(q.username ? { username: q.username } : {}),
        ...(q.includeInactive ? {} : { revokedAt: null, $or: [{ expiresAt: null }, { expiresAt: { $gt: q.now } }] }),
      };
      const docs = await Token.find(filter).sort({ createdAt: -1, _id: -1 }).lean<TokenDoc[]>().exec();
      return docs.map(toRecord);
    },
    async revoke(id, at) {
      const res = await Token.updateOne({ _id: id, revokedAt: null }, { $set: { revokedAt: at } }).exec();
      return res.modifiedCount > 0;
    },
    async revokeAll(filter, at) {
      const res = await Token.updateMany(
        { revokedAt: null, ...(filter.kind ? { kind: filter.kind } : {}), ...(filter.username ? { username: filter.username } : {}) },
        { $set: { revokedAt: at } },
      ).exec();
      return res.modifiedCount;
    },
    async purge(before) {
      const res = await Token.deleteMany({ $or: [{ revokedAt: { $ne: null, $lt: before } }, { expiresAt: { $ne: null, $lt: before } }] }).exec();
      return res.deletedCount;
    },
  };
}
