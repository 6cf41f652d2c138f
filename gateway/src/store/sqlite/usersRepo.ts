// Users in SQLite: `users` plus `user_roles` (one row per role, removed with the user).
import type { Role, UserRecord, UserStatus } from '../records.ts';
import type { UserPatch, UserQuery, UserRepository } from '../store.ts';
import { date, insertOrDuplicate, iso, likeEscape, type Db } from './rows.ts';

interface UserRow {
  username: string;
  status: UserStatus;
  created_at: string;
  updated_at: string;
  quota_bytes: number | null;
  source: UserRecord['source'];
  invite_id: string | null;
  roles: string | null;
}

const SELECT = `SELECT u.*, (SELECT group_concat(role, ',') FROM user_roles r WHERE r.username = u.username) AS roles FROM users u`;

function toRecord(row: UserRow): UserRecord {
  return {
    username: row.username,
    status: row.status,
    roles: row.roles ? (row.roles.split(',').sort() as Role[]) : [],
    createdAt: date(row.created_at),
    updatedAt: date(row.updated_at),
    quotaBytes: row.quota_bytes,
    source: row.source,
    inviteId: row.invite_id,
  };
}

export function sqliteUsers(db: Db): UserRepository {
  const getStmt = db.prepare<[string], UserRow>(`${SELECT} WHERE u.username = ?`);
  const insertUser = db.prepare(
    `INSERT INTO users (username, status, created_at, updated_at, quota_bytes, source, invite_id) VALUES (@username, @status, @created_at, @updated_at, @quota_bytes, @source, @invite_id)`,
  );
  const insertRole = db.prepare(`INSERT INTO user_roles (username, role) VALUES (?, ?)`);
  const deleteRoles = db.prepare(`DELETE FROM user_roles WHERE username = ?`);

  const setRoles = (username: string, roles: readonly Role[]) => {
    deleteRoles.run(username);
    for (const role of new Set(roles)) insertRole.run(username, role);
  };

  const insertTx = db.transaction((u: UserRecord) => {
    insertUser.run({
      username: u.username,
      status: u.status,
      created_at: iso(u.createdAt),
      updated_at: iso(u.updatedAt),
      quota_bytes: u.quotaBytes,
      source: u.source,
      invite_id: u.inviteId,
    });
    setRoles(u.username, u.roles);
  });

  const updateTx = db.transaction((username: string, patch: UserPatch, ifStatus?: UserStatus): boolean => {
    const sets = ['updated_at = @updated_at'];
    const params: Record<string, unknown> = { username, updated_at: iso(patch.updatedAt), if_status: ifStatus ?? null };
    if (patch.status !== undefined) { sets.push('status = @status'); params['status'] = patch.status; }
    if (patch.quotaBytes !== undefined) { sets.push('quota_bytes = @quota_bytes'); params['quota_bytes'] = patch.quotaBytes; }
    const res = db
      .prepare(`UPDATE users SET ${sets.join(', ')} WHERE username = @username AND (@if_status IS NULL OR status = @if_status)`)
      .run(params);
    if (res.changes === 0) return false;
    if (patch.roles !== undefined) setRoles(username, patch.roles);
    return true;
  });

  function where(q: { search?: string; status?: UserStatus; role?: Role }): { sql: string; params: unknown[] } {
    const clauses: string[] = [];
    const params: unknown[] = [];
    if (q.status) { clauses.push('u.status = ?'); params.push(q.status); }
    else clauses.push(`u.status != 'pending'`); // not index-usable on purpose: the list walks the primary key in order
    if (q.search) { clauses.push(`u.username LIKE ? ESCAPE '\\'`); params.push(`%${likeEscape(q.search.toLowerCase())}%`); }
    if (q.role) { clauses.push('u.username IN (SELECT username FROM user_roles WHERE role = ?)'); params.push(q.role); }
    return { sql: clauses.length ? `WHERE ${clauses.join(' AND ')}` : '', params };
  }

  return {
    async insert(user) {
      insertOrDuplicate(`user ${user.username}`, () => insertTx(user));
    },
    async get(username) {
      const row = getStmt.get(username);
      return row ? toRecord(row) : undefined;
    },
    async update(username, patch, ifStatus) {
      if (!updateTx(username, patch, ifStatus)) return undefined;
      return toRecord(getStmt.get(username)!);
    },
    async delete(username, ifStatus) {
      const res = db.prepare(`DELETE FROM users WHERE username = ? AND (? IS NULL OR status = ?)`).run(username, ifStatus ?? null, ifStatus ?? null);
      return res.changes > 0;
    },
    async list(q: UserQuery) {
      const w = where(q);
      const total = (db.prepare(`SELECT count(*) AS n FROM users u ${w.sql}`).get(...w.params) as { n: number }).n;
      // Page first (walking the primary-key index in order), roles only for that page.
      const rows = db
        .prepare<unknown[], UserRow>(
          `SELECT u.*, (SELECT group_concat(role, ',') FROM user_roles r WHERE r.username = u.username) AS roles
           FROM (SELECT * FROM users u ${w.sql} ORDER BY u.username LIMIT ? OFFSET ?) u ORDER BY u.username`,
        )
        .all(...w.params, q.limit, q.offset);
      return { items: rows.map(toRecord), total };
    },
    async count(filter = {}) {
      const w = where(filter);
      return (db.prepare(`SELECT count(*) AS n FROM users u ${w.sql}`).get(...w.params) as { n: number }).n;
    },
    async countCreatedByDay(since) {
      return db
        .prepare<[string], { day: string; count: number }>(
          `SELECT substr(created_at, 1, 10) AS day, count(*) AS count FROM users
           WHERE status IN ('active', 'disabled') AND created_at >= ? GROUP BY day ORDER BY day`,
        )
        .all(iso(since));
    },
    async listPending(before) {
      return db.prepare<[string], UserRow>(`${SELECT} WHERE u.status = 'pending' AND u.created_at < ? ORDER BY u.created_at`).all(iso(before)).map(toRecord);
    },
  };
}
