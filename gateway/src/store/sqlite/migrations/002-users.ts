import type { Migration } from './index.ts';

/** 002: user records and their roles. Times are ISO-8601 UTC text (sortable). */
export const migration002: Migration = {
  version: 2,
  name: 'users',
  up(db) {
    db.exec(`
      CREATE TABLE users (
        username TEXT PRIMARY KEY,
        status TEXT NOT NULL CHECK (status IN ('pending', 'active', 'disabled')),
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        quota_bytes INTEGER CHECK (quota_bytes IS NULL OR quota_bytes >= 0),
        source TEXT NOT NULL,
        invite_id TEXT
      ) STRICT;
      CREATE INDEX users_status_created ON users (status, created_at);
      CREATE TABLE user_roles (
        username TEXT NOT NULL REFERENCES users (username) ON DELETE CASCADE,
        role TEXT NOT NULL,
        PRIMARY KEY (username, role)
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX user_roles_role ON user_roles (role, username);
    `);
  },
};
