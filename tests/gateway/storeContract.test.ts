// Runs the store contract on SQLite (always, in memory and on disk) and on MongoDB when
// SEALPOST_MONGODB_URI is set; without it the MongoDB run shows up as skipped, saying why.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import test from 'ava';
import { openSqliteStore } from '../../gateway/src/store/sqlite/sqliteStore.ts';
import { storeContract } from './storeContract.ts';

storeContract(test, 'sqlite (memory)', async () => openSqliteStore(':memory:'));

storeContract(test, 'sqlite (file, WAL)', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'sealpost-store-'));
  const store = openSqliteStore(join(dir, 'gateway', 'sealpost.sqlite'));
  return Object.assign(store, { dispose: async () => { await store.close(); rmSync(dir, { recursive: true, force: true }); } });
});

test('sqlite (file): the database is in WAL mode', (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'sealpost-store-'));
  const store = openSqliteStore(join(dir, 'x.sqlite'));
  t.is(store.db.pragma('journal_mode', { simple: true }), 'wal');
  void store.close();
  rmSync(dir, { recursive: true, force: true });
});

const mongoUri = process.env['SEALPOST_MONGODB_URI'];
if (mongoUri) {
  const { openMongoStore } = await import('../../gateway/src/store/mongo/mongoStore.ts');
  let n = 0;
  storeContract(test, 'mongodb', async () => {
    // A throwaway database per test, dropped afterwards.
    const store = await openMongoStore(mongoUri, { dbName: `sealpost_contract_${process.pid}_${Date.now()}_${n++}`, serverSelectionTimeoutMS: 5000 });
    return Object.assign(store, { dispose: () => store.dropDatabase() });
  });
} else {
  test.skip('mongodb: store contract skipped, SEALPOST_MONGODB_URI is not set (set it to a mongodb:// URI to run it)', () => {});
}
