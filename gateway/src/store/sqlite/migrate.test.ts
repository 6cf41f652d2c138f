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

const upTo = (version: number) => {
  const db = new Database(':memory:');
  db.pragma('foreign_keys = ON');
  migrate(db, migrations.slice(0, version));
  return db;
};
const columns = (db: Database.Database, table: string) =>
  (db.prepare(`SELECT name FROM pragma_table_info(?)`).all(table) as Array<{ name: string }>).map((c) => c.name);

test('migration 002 creates users and roles; roles go with their user; statuses are checked', (t) => {
  const db = upTo(2);
  t.deepEqual(columns(db, 'users'), ['username', 'status', 'created_at', 'updated_at', 'quota_bytes', 'source', 'invite_id']);
  const now = new Date().toISOString();
  db.prepare(`INSERT INTO users VALUES ('a', 'active', ?, ?, NULL, 'register', NULL)`).run(now, now);
  db.prepare(`INSERT INTO user_roles VALUES ('a', 'admin')`).run();
  t.throws(() => db.prepare(`INSERT INTO users VALUES ('b', 'weird', ?, ?, NULL, 'register', NULL)`).run(now, now), { any: true, message: /CHECK/ });
  t.throws(() => db.prepare(`INSERT INTO user_roles VALUES ('ghost', 'admin')`).run(), { any: true, message: /FOREIGN KEY/ });
  db.prepare(`DELETE FROM users WHERE username = 'a'`).run();
  t.is((db.prepare(`SELECT count(*) AS n FROM user_roles`).get() as { n: number }).n, 0);
});

test('migration 003 creates invites with a unique code hash and bounded uses', (t) => {
  const db = upTo(3);
  t.deepEqual(columns(db, 'invites'), ['id', 'code_hash', 'created_by', 'created_at', 'expires_at', 'max_uses', 'uses', 'revoked_at', 'note']);
  const insert = db.prepare(`INSERT INTO invites (id, code_hash, created_by, created_at, max_uses) VALUES (?, ?, 'root', '2030-01-01', ?)`);
  insert.run('i1', 'h1', 1);
  t.throws(() => insert.run('i2', 'h1', 1), { any: true, message: /UNIQUE/ });
  t.throws(() => insert.run('i3', 'h3', 0), { any: true, message: /CHECK/ });
});

test('migration 004 creates tokens with a unique hash and known kinds', (t) => {
  const db = upTo(4);
  t.deepEqual(columns(db, 'tokens'), ['id', 'token_hash', 'kind', 'name', 'username', 'created_at', 'expires_at', 'last_used_at', 'revoked_at']);
  const insert = db.prepare(`INSERT INTO tokens (id, token_hash, kind, name, created_at) VALUES (?, ?, ?, 'n', '2030-01-01')`);
  insert.run('t1', 'h1', 'api');
  t.throws(() => insert.run('t2', 'h1', 'api'), { any: true, message: /UNIQUE/ });
  t.throws(() => insert.run('t3', 'h3', 'root'), { any: true, message: /CHECK/ });
});

test('migration 005 creates the audit log, ordered by insertion among equal times', (t) => {
  const db = upTo(5);
  t.deepEqual(columns(db, 'audit_log'), ['seq', 'id', 'at', 'actor', 'action', 'target', 'address', 'details']);
  const insert = db.prepare(`INSERT INTO audit_log (id, at, actor, action) VALUES (?, '2030-01-01', 'root', 'x')`);
  insert.run('b');
  insert.run('a');
  t.deepEqual((db.prepare(`SELECT id FROM audit_log ORDER BY seq`).all() as Array<{ id: string }>).map((r) => r.id), ['b', 'a']);
  t.is((db.prepare(`SELECT details FROM audit_log WHERE id = 'a'`).get() as { details: string }).details, '{}');
});

test('migration 006 creates the key directory; its log refuses updates and deletes', (t) => {
  const db = upTo(6);
  t.deepEqual(columns(db, 'directory_keys'), [
    'address', 'fingerprint', 'key_data', 'key_hash', 'created_at', 'first_seen_at', 'last_seen_at', 'source', 'wkd_hash', 'removed_at', 'compromised_at', 'compromised_reason',
  ]);
  t.deepEqual(columns(db, 'directory_log'), [
    'seq', 'address', 'address_seq', 'at', 'action', 'fingerprint', 'previous_fingerprint', 'key_hash', 'reason', 'prev_hash', 'prev_global_hash', 'hash', 'signer', 'signature',
  ]);
  t.deepEqual(columns(db, 'directory_addresses'), ['address', 'checked_at']);
  t.deepEqual(columns(db, 'directory_refusals'), ['address', 'fingerprint', 'code', 'reason', 'at', 'source']);
  t.deepEqual(columns(db, 'directory_signers'), ['id', 'algorithm', 'public_key', 'created_at']);
  const fpr = 'A'.repeat(40);
  const key = db.prepare(`INSERT INTO directory_keys VALUES ('a@x', ?, x'00', 'h', 't', 't', 't', ?, NULL, NULL, NULL, NULL)`);
  key.run(fpr, 'published');
  t.throws(() => key.run('B'.repeat(40), 'somewhere'), { any: true, message: /CHECK/ });
  t.throws(() => key.run('short', 'lookup'), { any: true, message: /CHECK/ });
  const entry = db.prepare(`INSERT INTO directory_log VALUES (?, 'a@x', ?, 't', ?, ?, NULL, NULL, NULL, 'p', 'g', ?, 's', 'sig')`);
  entry.run(1, 1, 'added', fpr, 'h1');
  t.throws(() => entry.run(2, 1, 'added', fpr, 'h2'), { any: true, message: /UNIQUE/ }, 'address sequence is unique');
  t.throws(() => entry.run(2, 2, 'rewritten', fpr, 'h2'), { any: true, message: /CHECK/ });
  t.throws(() => db.prepare(`UPDATE directory_log SET fingerprint = 'x' WHERE seq = 1`).run(), { any: true, message: /append-only/ });
  t.throws(() => db.prepare(`DELETE FROM directory_log`).run(), { any: true, message: /append-only/ });
  t.is((db.prepare(`SELECT count(*) AS n FROM directory_log`).get() as { n: number }).n, 1);
});
