import type { Migration } from './index.ts';

/** 005: the audit log, append-only; `seq` keeps insertion order among equal times. */
export const migration005: Migration = {
  version: 5,
  name: 'audit-log',
  up(db) {
    db.exec(`
      CREATE TABLE audit_log (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        id TEXT NOT NULL UNIQUE,
        at TEXT NOT NULL,
        actor TEXT NOT NULL,
        action TEXT NOT NULL,
        target TEXT,
        address TEXT,
        details TEXT NOT NULL DEFAULT '{}'
      ) STRICT;
      CREATE INDEX audit_at ON audit_log (at);
      CREATE INDEX audit_actor ON audit_log (actor, at);
      CREATE INDEX audit_target ON audit_log (target, at);
      CREATE INDEX audit_action ON audit_log (action, at);
    `);
  },
};
