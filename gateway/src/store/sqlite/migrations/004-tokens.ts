import type { Migration } from './index.ts';

/** 004: bearer tokens (API, session, CLI); only a hash of each token is kept. */
export const migration004: Migration = {
  version: 4,
  name: 'tokens',
  up(db) {
    db.exec(`
      CREATE TABLE tokens (
        id TEXT PRIMARY KEY,
        token_hash TEXT NOT NULL UNIQUE,
        kind TEXT NOT NULL CHECK (kind IN ('api', 'session', 'cli')),
        name TEXT NOT NULL,
        username TEXT,
        created_at TEXT NOT NULL,
        expires_at TEXT,
        last_used_at TEXT,
        revoked_at TEXT
      ) STRICT;
      CREATE INDEX tokens_username ON tokens (username);
      CREATE INDEX tokens_kind_created ON tokens (kind, created_at);
    `);
  },
};
