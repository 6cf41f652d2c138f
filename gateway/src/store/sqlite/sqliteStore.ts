// The embedded SQLite store (better-sqlite3, synchronous, WAL mode) in the data folder: one
// repository per aggregate over one connection.
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import type { Store } from '../store.ts';
import { migrate } from './migrate.ts';
import { migrations } from './migrations/index.ts';
import { sqliteUsers } from './usersRepo.ts';
import { sqliteInvites } from './invitesRepo.ts';
import { sqliteTokens } from './tokensRepo.ts';
import { sqliteAudit } from './auditRepo.ts';
import { sqliteKeys } from './keysRepo.ts';

export interface SqliteStore extends Store {
  readonly kind: 'sqlite';
  readonly db: Database.Database;
}

export function openSqliteStore(file: string): SqliteStore {
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
  const db = new Database(file);
  db.pragma('journal_mode = WAL'); // readers never block the writer
  db.pragma('synchronous = NORMAL'); // durable across application crashes; WAL keeps it consistent
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  // Public key lookups read random rows: keep hot pages in memory (32 MiB page cache) and read
  // the rest through a memory map instead of one read() per page.
  db.pragma('cache_size = -32768');
  db.pragma('mmap_size = 268435456');
  migrate(db, migrations);
  return {
    kind: 'sqlite',
    db,
    users: sqliteUsers(db),
    invites: sqliteInvites(db),
    tokens: sqliteTokens(db),
    audit: sqliteAudit(db),
    keys: sqliteKeys(db),
    async ping() {
      db.prepare('SELECT 1').get();
    },
    async close() {
      if (db.open) db.close();
    },
  };
}
