import type { Migration } from './index.ts';

/** 001: a key-value table for the store's own facts (instance id, creation time). */
export const migration001: Migration = {
  version: 1,
  name: 'meta',
  up(db) {
    db.exec(`CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) STRICT`);
    db.prepare(`INSERT INTO meta (key, value) VALUES ('created_at', ?)`).run(new Date().toISOString());
  },
};
