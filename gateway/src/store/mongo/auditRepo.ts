// The audit log in MongoDB: append-only, listed newest first (ids are time-ordered).
import type { AuditRecord } from '../records.ts';
import { DuplicateKeyError, type AuditQuery, type AuditRepository } from '../store.ts';
import { escapeRegex, isDuplicateKey, type AuditDoc, type Models } from './models.ts';

const toRecord = ({ _id, ...r }: AuditDoc): AuditRecord => ({
  id: _id,
  at: r.at,
  actor: r.actor,
  action: r.action,
  target: r.target ?? null,
  address: r.address ?? null,
  details: r.details ?? {},
});

export function mongoAudit({ Audit }: Models): AuditRepository {
  return {
    async append(e) {
      const { id, ...rest } = e;
      try {
        await Audit.create({ _id: id, ...rest });
      } catch (err) {
        if (isDuplicateKey(err)) throw new DuplicateKeyError(`audit entry ${id}`);
        throw err;
      }
    },
    async list(q: AuditQuery) {
      const at: Record<string, Date> = {};
      if (q.since) at['$gte'] = q.since;
      if (q.until) at['$lt'] = q.until;
      const filter: Record<string, unknown> = {
        ...(q.actor ? { actor: q.actor } : {}),
        // `user` matches `user.*`; `user.disable` matches exactly.
        ...(q.action ? { action: q.action.includes('.') ? q.action : { $regex: `^${escapeRegex(q.action)}(\\.|$)` } } : {}),
        ...(q.target ? { target: q.target } : {}),
        ...(q.since || q.until ? { at } : {}),
      };
      const [docs, total] = await Promise.all([
        Audit.find(filter).sort({ at: -1, _id: -1 }).skip(q.offset).limit(q.limit).lean<AuditDoc[]>().exec(),
        Audit.countDocuments(filter).exec(),
      ]);
      return { items: docs.map(toRecord), total };
    },
  };
}
