// The persistent replay memory against an in-memory IndexedDB (fake-indexeddb): it survives a
// new page (a new memory over the same database), entries are written only with their
// message, and the store stays bounded.
import 'fake-indexeddb/auto';
import test from 'ava';
import { openAccountStore } from '../storage/accountStore.ts';
import { openDatabase } from '../storage/idb.ts';
import { messageKey, MIGRATIONS, type MessageRecord, searchText, STORES } from '../storage/schema.ts';
import { createReplayMemory, replayRecord } from './replayMemory.ts';

let n = 0;
const jid = () => `replay${n++}@example.org`;

function msg(id: string, ts: number): MessageRecord {
  return { key: messageKey('mallory@x', id), id, peer: 'mallory@x', dir: 'in', ts, body: 'pay', security: 'ox', text: searchText('pay', undefined) };
}

test('a sighting stored with its message is remembered by the next page: the copy is a replay', async (t) => {
  const account = jid();
  const store = await openAccountStore(account);
  const memory = createReplayMemory({ store, now: () => 0 });
  t.is(await memory.checkAndRecord({ digest: 'd1', occurrence: 'S1', expiresAt: 100 }), 'new');
  const pending = memory.take('d1');
  t.truthy(pending);
  t.is(memory.take('d1'), undefined, 'taken once');
  await store.putMessage(msg('m1', 10), { countUnread: true, replay: replayRecord(pending!, messageKey('mallory@x', 'm1')) });
  store.close();

  const reopened = await openAccountStore(account); // a reload
  const next = createReplayMemory({ store: reopened, now: () => 50 });
  t.is(await next.checkAndRecord({ digest: 'd1', occurrence: 'S2', expiresAt: 100 }), 'replay');
  t.is(await next.checkAndRecord({ digest: 'd1', occurrence: undefined, expiresAt: 100 }), 'duplicate');
  t.is(next.take('d1')?.storedAs, messageKey('mallory@x', 'm1'), 'a duplicate points at the stored message');
  const late = createReplayMemory({ store: reopened, now: () => 100 });
  t.is(await late.checkAndRecord({ digest: 'd1', occurrence: 'S3', expiresAt: 300 }), 'new', 'expired with the accepted age');
  reopened.close();
});

test('a checked sighting whose message is never stored leaves nothing behind', async (t) => {
  const store = await openAccountStore(jid());
  const memory = createReplayMemory({ store, now: () => 0 });
  t.is(await memory.checkAndRecord({ digest: 'd1', occurrence: 'S1', expiresAt: 100 }), 'new');
  t.is(await store.getReplay('d1'), undefined);
  // The next check drops it (one message is ingested at a time).
  t.is(await memory.checkAndRecord({ digest: 'd2', occurrence: 'S2', expiresAt: 100 }), 'new');
  t.is(memory.take('d1'), undefined);
  store.close();
});

test('pruning drops expired entries, then the soonest to expire beyond the cap', async (t) => {
  const store = await openAccountStore(jid());
  for (let i = 0; i < 10; i++) await store.putReplay({ digest: `d${i}`, expiresAt: i * 10, messageKey: `k${i}` });
  t.is(await store.pruneReplay(25, 4), 6, 'd0..d2 expired, then d3..d5 over the cap');
  const left = [];
  for (let i = 0; i < 10; i++) if (await store.getReplay(`d${i}`)) left.push(i);
  t.deepEqual(left, [6, 7, 8, 9]);
  store.close();
});

test('migration 2 adds the replay memory to an existing database and keeps its messages', async (t) => {
  const account = jid();
  const old = await openDatabase(`sealpost:${account}`, MIGRATIONS.slice(0, 1));
  await new Promise<void>((resolve, reject) => {
    const tx = old.transaction(STORES.messages, 'readwrite');
    tx.objectStore(STORES.messages).put(msg('kept', 5));
    tx.oncomplete = () => resolve();
    tx.onerror = () => reject(tx.error);
  });
  old.close();
  const store = await openAccountStore(account);
  t.is(store.db.version, MIGRATIONS.length);
  t.true(store.db.objectStoreNames.contains(STORES.replay));
  t.is((await store.getMessage('mallory@x', 'kept'))?.body, 'pay');
  t.is(await store.getReplay('anything'), undefined);
  store.close();
});
