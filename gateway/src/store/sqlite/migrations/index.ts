// Numbered SQLite migrations, applied in order inside one transaction each. A migration is
// never edited once released: add the next number instead. Each has a test beside it.
import type { Database } from 'better-sqlite3';
import { migration001 } from './001-meta.ts';

export interface Migration {
  readonly version: number;
  readonly name: string;
  up(db: Database): void;
}

export const migrations: readonly Migration[] = [migration001];
