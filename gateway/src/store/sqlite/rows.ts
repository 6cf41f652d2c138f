// Conversions between SQLite rows and records: times are ISO-8601 UTC text.
import type { Database } from 'better-sqlite3';
import { DuplicateKeyError } from '../store.ts';

export const iso = (d: Date): string => d.toISOString();
export const isoOrNull = (d: Date | null): string | null => (d ? d.toISOString() : null);
export const date = (s: string): Date => new Date(s);
export const dateOrNull = (s: string | null): Date | null => (s === null ? null : new Date(s));

/** Escapes `%`, `_` and `\` for a LIKE pattern with ESCAPE '\'. */
export const likeEscape = (s: string): string => s.replace(/[\\%_]/g, (c) => `\\${c}`);

/** Runs an insert, turning a unique-constraint violation into a DuplicateKeyError. */
export function insertOrDuplicate(what: string, run: () => void): void {
  try {
    run();
  } catch (err) {
    const code = (err as { code?: string }).code;
    if (code === 'SQLITE_CONSTRAINT_PRIMARYKEY' || code === 'SQLITE_CONSTRAINT_UNIQUE') throw new DuplicateKeyError(what);
    throw err;
  }
}

export type Db = Database;
