// Bearer tokens in SQLite (hashes only).
import type { TokenRecord } from '../records.ts';
import type { TokenRepository } from '../store.ts';
import { date, dateOrNull, insertOrDuplicate, iso, isoOrNull, type Db } from './rows.ts';

interface TokenRow {
  id: string;
  token_hash: string;
  kind: TokenRecord['kind'];
  name: string;
  username: string | null;
  created_at: string;
  expires_at: string | null;
  last_used_at: string | null;
  revoked_at: string | null;
}

function toRecord(r: TokenRow): TokenRecord {
  return {
    id: r.id,
    tokenHash: r.token_hash,
    kind: r.kind,
    name: r.name,
    username: r.username,
    createdAt: date(r.created_at),
    expiresAt: dateOrNull(r.expires_at),
    lastUsedAt: dateOrNull(r.last_used_at),
    revokedAt: dateOrNull(r.revoked_at),
  };
}

export function sqliteTokens(db: Db): TokenRepository {
  const byHash = db.prepare<[string], TokenRow>(`SELECT * FROM tokens WHERE token_hash = ?`);
  const byId = db.prepare<[string], TokenRow>(`SELECT * FROM tokens WHERE id = ?`);
  return {
    async insert(t) {
      insertOrDuplicate(`token ${t.id}`, () =>
        db
          .prepare(
            `INSERT INTO tokens (id, token_hash, kind, name, username, created_at, expires_at, last_used_at, revoked_at)
             VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
          )
          .run(t.id, t.tokenHash, t.kind, t.name, t.username, iso(t.createdAt), isoOrNull(t.expiresAt), isoOrNull(t.lastUsedAt), isoOrNull(t.revokedAt)),
      );
    },
    async findByHash(hash) {
      const row = byHash.get(hash);
      return row ? toRecord(row) : undefined;
    },
    async get(id) {
      const row = byId.get(id);
      return row ? toRecord(row) : undefined;
    },
    async touch(id, at) {
      db.prepare(`UPDATE tokens SET last_used_at = ? WHERE id = ?`).run(iso(at), id);
    },
    async list(q) {
      const clauses: string[] = [];
      const params: unknown[] = [];
      if (q.kind) { clauses.push('kind = ?'); params.push(q.kind); }
      if (q.username) { clauses.push('username = ?'); params.push(q.username); }
      if (!q.includeInactive) { clauses.push('revoked_at IS NULL AND (expires_at IS NULL OR expires_at > ?)'); params.push(iso(q.now)); }
      const where = clauses.length ? `WHERE ${clauses.join(' AND ')}` : '';
      return db.prepare<unknown[], TokenRow>(`SELECT * FROM tokens ${where} ORDER BY created_at DESC, id DESC`).all(...params).map(toRecord);
    },
    async revoke(id, at) {
      return db.prepare(`UPDATE tokens SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL`).run(iso(at), id).changes > 0;
    },
    async revokeAll(filter, at) {
      const clauses = ['revoked_at IS NULL'];
      const params: unknown[] = [iso(at)];
      if (filter.kind) { clauses.push('kind = ?'); params.push(filter.kind); }
      if (filter.username) { clauses.push('username = ?'); params.push(filter.username); }
      return db.prepare(`UPDATE tokens SET revoked_at = ? WHERE ${clauses.join(' AND ')}`).run(...params).changes;
    },
    async purge(before) {
      const b = iso(before);
      return db.prepare(`DELETE FROM tokens WHERE (revoked_at IS NOT NULL AND revoked_at < ?) OR (expires_at IS NOT NULL AND expires_at < ?)`).run(b, b).changes;
    },
  };
}
