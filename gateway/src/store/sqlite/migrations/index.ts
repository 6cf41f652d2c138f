// Numbered SQLite migrations, applied in order inside one transaction each. A migration is
// never edited once released: add the next number instead. Each has a test beside it.
import type { Database } from 'better-sqlite3';
import { migration001 } from './001-meta.ts';
import { migration002 } from './002-users.ts';
import { migration003 } from './003-invites.ts';
import { migration004 } from './004-tokens.ts';
import { migration005 } from './005-audit-log.ts';
import { migration006 } from './006-key-directory.ts';

export interface Migration {
  readonly version: number;
  readonly name: string;
  up(db: Database): void;
}

export const migrations: readonly Migration[] = [migration001, migration002, migration003, migration004, migration005, migration006];
