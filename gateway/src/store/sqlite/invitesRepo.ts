// Invites in SQLite. `consume` is one conditional UPDATE, so two registrations racing for
// the last use of an invite cannot both win.
import type { InviteRecord } from '../records.ts';
import type { ConsumeResult, InviteRepository } from '../store.ts';
import { date, dateOrNull, insertOrDuplicate, iso, isoOrNull, type Db } from './rows.ts';

interface InviteRow {
  id: string;
  code_hash: string;
  created_by: string;
  created_at: string;
  expires_at: string | null;
  max_uses: number;
  uses: number;
  revoked_at: string | null;
  note: string | null;
}

function toRecord(r: InviteRow): InviteRecord {
  return {
    id: r.id,
    codeHash: r.code_hash,
    createdBy: r.created_by,
    createdAt: date(r.created_at),
    expiresAt: dateOrNull(r.expires_at),
    maxUses: r.max_uses,
    uses: r.uses,
    revokedAt: dateOrNull(r.revoked_at),
    note: r.note,
  };
}

export function classifyInvite(invite: InviteRecord | undefined, now: Date): ConsumeResult['status'] {
  if (!invite) return 'not_found';
  if (invite.revokedAt) return 'revoked';
  if (invite.expiresAt && invite.expiresAt.getTime() <= now.getTime()) return 'expired';
  if (invite.uses >= invite.maxUses) return 'used_up';
  return 'ok';
}

const ACTIVE = `revoked_at IS NULL AND uses < max_uses AND (expires_at IS NULL OR expires_at > @now)`;

export function sqliteInvites(db: Db): InviteRepository {
  const byHash = db.prepare<[string], InviteRow>(`SELECT * FROM invites WHERE code_hash = ?`);
  const byId = db.prepare<[string], InviteRow>(`SELECT * FROM invites WHERE id = ?`);
  return {
    async insert(i) {
      insertOrDuplicate(`invite ${i.id}`, () =>
        db
          .prepare(
            `INSERT INTO invites (id, code_hash, created_by, created_at, expires_at, max_uses, uses, revoked_at, note)
             VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
          )
          .run(i.id, i.codeHash, i.createdBy, iso(i.createdAt), isoOrNull(i.expiresAt), i.maxUses, i.uses, isoOrNull(i.revokedAt), i.note),
      );
    },
    async get(id) {
      const row = byId.get(id);
      return row ? toRecord(row) : undefined;
    },
    async consume(codeHash, now) {
      const res = db.prepare(`UPDATE invites SET uses = uses + 1 WHERE code_hash = @hash AND ${ACTIVE}`).run({ hash: codeHash, now: iso(now) });
      const row = byHash.get(codeHash);
      const invite = row ? toRecord(row) : undefined;
      if (res.changes === 1) return { status: 'ok', invite: invite! };
      const status = classifyInvite(invite, now);
      return { status: status === 'ok' ? 'used_up' : status, ...(invite ? { invite } : {}) };
    },
    async release(id) {
      db.prepare(`UPDATE invites SET uses = max(uses - 1, 0) WHERE id = ?`).run(id);
    },
    async list(q) {
      const filter = q.active ? `WHERE ${ACTIVE}` : '';
      const params = { now: iso(q.now), limit: q.limit, offset: q.offset };
      const total = (db.prepare(`SELECT count(*) AS n FROM invites ${filter}`).get(params) as { n: number }).n;
      const rows = db.prepare<Record<string, unknown>, InviteRow>(`SELECT * FROM invites ${filter} ORDER BY created_at DESC, id DESC LIMIT @limit OFFSET @offset`).all(params);
      return { items: rows.map(toRecord), total };
    },
    async revoke(id, at) {
      return db.prepare(`UPDATE invites SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL`).run(iso(at), id).changes > 0;
    },
  };
}
