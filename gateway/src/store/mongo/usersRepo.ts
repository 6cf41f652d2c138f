// Users in MongoDB (`users` collection, `_id` = username).
import type { Role, UserRecord, UserStatus } from '../records.ts';
import { DuplicateKeyError, type UserQuery, type UserRepository } from '../store.ts';
import { escapeRegex, isDuplicateKey, type Models, type UserDoc } from './models.ts';

const toRecord = ({ _id, ...rest }: UserDoc): UserRecord => ({
  username: _id,
  status: rest.status,
  roles: [...rest.roles].sort() as Role[],
  createdAt: rest.createdAt,
  updatedAt: rest.updatedAt,
  quotaBytes: rest.quotaBytes ?? null,
  source: rest.source,
  inviteId: rest.inviteId ?? null,
});

function filterOf(q: { search?: string; status?: UserStatus; role?: Role }): Record<string, unknown> {
  return {
    status: q.status ?? { $in: ['active', 'disabled'] },
    ...(q.search ? { _id: { $regex: escapeRegex(q.search.toLowerCase()) } } : {}),
    ...(q.role ? { roles: q.role } : {}),
  };
}

export function mongoUsers({ User }: Models): UserRepository {
  return {
    async insert(u) {
      const { username, ...rest } = u;
      try {
        await User.create({ _id: username, ...rest, roles: [...new Set(rest.roles)] });
      } catch (err) {
        if (isDuplicateKey(err)) throw new DuplicateKeyError(`user ${username}`);
        throw err;
      }
    },
    async get(username) {
      const doc = await User.findById(username).lean<UserDoc>().exec();
      return doc ? toRecord(doc) : undefined;
    },
    async update(username, patch, ifStatus) {
      const $set: Record<string, unknown> = { updatedAt: patch.updatedAt };
      if (patch.status !== undefined) $set['status'] = patch.status;
      if (patch.quotaBytes !== undefined) $set['quotaBytes'] = patch.quotaBytes;
      if (patch.roles !== undefined) $set['roles'] = [...new Set(patch.roles)];
      const doc = await User.findOneAndUpdate({ _id: username, ...(ifStatus ? { status: ifStatus } : {}) }, { $set }, { returnDocument: 'after' })
        .lean<UserDoc>()
        .exec();
      return doc ? toRecord(doc) : undefined;
    },
    async delete(username, ifStatus) {
      const res = await User.deleteOne({ _id: username, ...(ifStatus ? { status: ifStatus } : {}) }).exec();
      return res.deletedCount > 0;
    },
    async list(q: UserQuery) {
      const filter = filterOf(q);
      const [docs, total] = await Promise.all([
        User.find(filter).sort({ _id: 1 }).skip(q.offset).limit(q.limit).lean<UserDoc[]>().exec(),
        User.countDocuments(filter).exec(),
      ]);
      return { items: docs.map(toRecord), total };
    },
    async count(filter = {}) {
      return User.countDocuments(filterOf(filter)).exec();
    },
    async countCreatedByDay(since) {
      const rows = await User.aggregate<{ _id: string; count: number }>([
        { $match: { status: { $in: ['active', 'disabled'] }, createdAt: { $gte: since } } },
        { $group: { _id: { $dateToString: { format: '%Y-%m-%d', date: '$createdAt', timezone: 'UTC' } }, count: { $sum: 1 } } },
        { $sort: { _id: 1 } },
      ]).exec();
      return rows.map((r) => ({ day: r._id, count: r.count }));
    },
    async listPending(before) {
      const docs = await User.find({ status: 'pending', createdAt: { $lt: before } }).sort({ createdAt: 1 }).lean<UserDoc[]>().exec();
      return docs.map(toRecord);
    },
  };
}
