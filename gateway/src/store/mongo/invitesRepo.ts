// Invites in MongoDB. `consume` is one conditional findOneAndUpdate ($inc), atomic per document.
import type { InviteRecord } from '../records.ts';
import { DuplicateKeyError, type InviteRepository } from '../store.ts';
import { classifyInvite } from '../sqlite/invitesRepo.ts';
import { isDuplicateKey, type InviteDoc, type Models } from './models.ts';

const toRecord = ({ _id, ...r }: InviteDoc): InviteRecord => ({
  id: _id,
  codeHash: r.codeHash,
  createdBy: r.createdBy,
  createdAt: r.createdAt,
  expiresAt: r.expiresAt ?? null,
  maxUses: r.maxUses,
  uses: r.uses,
  revokedAt: r.revokedAt ?? null,
  note: r.note ?? null,
});

const usableAt = (now: Date) => ({
  revokedAt: null,
  $expr: { $lt: ['$uses', '$maxUses'] },
  $or: [{ expiresAt: null }, { expiresAt: { $gt: now } }],
});

export function mongoInvites({ Invite }: Models): InviteRepository {
  return {
    async insert(i) {
      const { id, ...rest } = i;
      try {
        await Invite.create({ _id: id, ...rest });
      } catch (err) {
        if (isDuplicateKey(err)) throw new DuplicateKeyError(`invite ${id}`);
        throw err;
      }
    },
    async get(id) {
      const doc = await Invite.findById(id).lean<InviteDoc>().exec();
      return doc ? toRecord(doc) : undefined;
    },
    async consume(codeHash, now) {
      const taken = await Invite.findOneAndUpdate({ codeHash, ...usableAt(now) }, { $inc: { uses: 1 } }, { returnDocument: 'after' })
        .lean<InviteDoc>()
        .exec();
      if (taken) return { status: 'ok', invite: toRecord(taken) };
      const doc = await Invite.findOne({ codeHash }).lean<InviteDoc>().exec();
      const invite = doc ? toRecord(doc) : undefined;
      const status = classifyInvite(invite, now);
      return { status: status === 'ok' ? 'used_up' : status, ...(invite ? { invite } : {}) };
    },
    async release(id) {
      await Invite.updateOne({ _id: id, uses: { $gt: 0 } }, { $inc: { uses: -1 } }).exec();
    },
    async list(q) {
      const filter = q.active ? usableAt(q.now) : {};
      const [docs, total] = await Promise.all([
        Invite.find(filter).sort({ createdAt: -1, _id: -1 }).skip(q.offset).limit(q.limit).lean<InviteDoc[]>().exec(),
        Invite.countDocuments(filter).exec(),
      ]);
      return { items: docs.map(toRecord), total };
    },
    async revoke(id, at) {
      const res = await Invite.updateOne({ _id: id, revokedAt: null }, { $set: { revokedAt: at } }).exec();
      return res.modifiedCount > 0;
    },
  };
}
