import type { Migration } from './index.ts';

/** 003: invites; only a hash of each code is kept. */
export const migration003: Migration = {
  version: 3,
  name: 'invites',
  up(db) {
    db.exec(`
      CREATE TABLE invites (
        id TEXT PRIMARY KEY,
        code_hash TEXT NOT NULL UNIQUE,
        created_by TEXT NOT NULL,
        created_at TEXT NOT NULL,
        expires_at TEXT,
        max_uses INTEGER NOT NULL CHECK (max_uses >= 1),
        uses INTEGER NOT NULL DEFAULT 0 CHECK (uses >= 0),
        revoked_at TEXT,
        note TEXT
      ) STRICT;
      CREATE INDEX invites_created ON invites (created_at);
    `);
  },
};
