import test from 'ava';
import Database from 'better-sqlite3';
import { migrate, schemaVersion } from './migrate.ts';
import { migrations } from './migrations/index.ts';

test('migrations apply in order, once, and record the schema version', (t) => {
  const db = new Database(':memory:');
  const applied = migrate(db, migrations);
  t.deepEqual(applied, migrations.map((m) => m.version));
  t.is(schemaVersion(db), migrations.length);
  t.deepEqual(migrate(db, migrations), [], 'a second run applies nothing');
});

test('migration 001 creates the meta table with the creation time', (t) => {
  const db = new Database(':memory:');
  migrate(db, migrations.slice(0, 1));
  const row = db.prepare(`SELECT value FROM meta WHERE key = 'created_at'`).get() as { value: string };
  t.false(Number.isNaN(Date.parse(row.value)));
});

test('a failing migration rolls back and leaves the version unchanged', (t) => {
  const db = new Database(':memory:');
  migrate(db, migrations);
  const before = schemaVersion(db);
  const broken = { version: before + 1, name: 'broken', up: (d: Database.Database) => { d.exec('CREATE TABLE half (x)'); throw new Error('boom'); } };
  t.throws(() => migrate(db, [...migrations, broken]), { message: 'boom' });
  t.is(schemaVersion(db), before);
  t.is(db.prepare(`SELECT name FROM sqlite_master WHERE name = 'half'`).get(), undefined);
});

test('gaps in the numbering are refused', (t) => {
  const db = new Database(':memory:');
  const gap = { version: migrations.length + 2, name: 'gap', up: () => {} };
  t.throws(() => migrate(db, [...migrations, gap]), { message: /gap or duplicate/ });
});
