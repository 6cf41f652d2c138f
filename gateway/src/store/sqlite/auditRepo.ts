// The audit log in SQLite: append-only, listed newest first.
import type { AuditRecord } from '../records.ts';
import type { AuditQuery, AuditRepository } from '../store.ts';
import { date, insertOrDuplicate, iso, type Db } from './rows.ts';

interface AuditRow {
  id: string;
  at: string;
  actor: string;
  action: string;
  target: string | null;
  address: string | null;
  details: string;
}

const toRecord = (r: AuditRow): AuditRecord => ({
  id: r.id,
  at: date(r.at),
  actor: r.actor,
  action: r.action,
  target: r.target,
  address: r.address,
  details: JSON.parse(r.details) as Record<string, unknown>,
});

export function sqliteAudit(db: Db): AuditRepository {
  const insert = db.prepare(`INSERT INTO audit_log (id, at, actor, action, target, address, details) VALUES (?, ?, ?, ?, ?, ?, ?)`);
  return {
    async append(e) {
      insertOrDuplicate(`audit entry ${e.id}`, () => insert.run(e.id, iso(e.at), e.actor, e.action, e.target, e.address, JSON.stringify(e.details)));
    },
    async list(q: AuditQuery) {
      const clauses: string[] = [];
      const params: unknown[] = [];
      if (q.actor) { clauses.push('actor = ?'); params.push(q.actor); }
      if (q.action) {
        // `user` matches `user.*`; `user.disable` matches exactly.
        clauses.push(q.action.includes('.') ? 'action = ?' : `(action = ? OR action LIKE ? ESCAPE '\\')`);
        params.push(q.action);
        if (!q.action.includes('.')) params.push(`${q.action.replace(/[\\%_]/g, (c) => `\\${c}`)}.%`);
      }
      if (q.target) { clauses.push('target = ?'); params.push(q.target); }
      if (q.since) { clauses.push('at >= ?'); params.push(iso(q.since)); }
      if (q.until) { clauses.push('at < ?'); params.push(iso(q.until)); }
      const where = clauses.length ? `WHERE ${clauses.join(' AND ')}` : '';
      const total = (db.prepare(`SELECT count(*) AS n FROM audit_log ${where}`).get(...params) as { n: number }).n;
      const rows = db.prepare<unknown[], AuditRow>(`SELECT * FROM audit_log ${where} ORDER BY at DESC, seq DESC LIMIT ? OFFSET ?`).all(...params, q.limit, q.offset);
      return { items: rows.map(toRecord), total };
    },
  };
}
