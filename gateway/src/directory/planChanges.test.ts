import test from 'ava';
import type { KeyRecord } from '../store/store.ts';
import { type FetchedKey, planChanges } from './planChanges.ts';

const T = new Date('2030-01-01T00:00:00.000Z');
const NOW = new Date('2030-02-01T00:00:00.000Z');
const fpr = (c: string) => c.repeat(40);
const fetched = (c: string, keyHash = `h${c}`): FetchedKey => ({ fingerprint: fpr(c), bytes: new Uint8Array([1]), keyHash, createdAt: T, wkdHash: null });
const record = (c: string, over: Partial<KeyRecord> = {}): KeyRecord => ({
  address: 'a@x', fingerprint: fpr(c), keyData: new Uint8Array([1]), keyHash: `h${c}`, createdAt: T, firstSeenAt: T, lastSeenAt: T,
  source: 'published', wkdHash: null, removedAt: null, compromisedAt: null, compromisedReason: null, ...over,
});
const plan = (history: KeyRecord[], keys: FetchedKey[]) => planChanges(history, keys, { address: 'a@x', now: NOW, source: 'lookup' });
const actions = (p: ReturnType<typeof plan>) => p.changes.map((c) => [c.action, c.fingerprint.slice(0, 1), c.previousFingerprint?.slice(0, 1) ?? null]);

test('new keys are added, unchanged keys only touched', (t) => {
  const first = plan([], [fetched('A'), fetched('B')]);
  t.deepEqual(actions(first), [['added', 'A', null], ['added', 'B', null]]);
  t.like(first.records[0], { address: 'a@x', firstSeenAt: NOW, source: 'lookup' });
  const same = plan([record('A')], [fetched('A')]);
  t.deepEqual(same.changes, []);
  t.like(same.records[0], { firstSeenAt: T, lastSeenAt: NOW, source: 'published' });
});

test('keys gone while others arrived pair up as replacements; the rest are added or removed', (t) => {
  t.deepEqual(actions(plan([record('A')], [fetched('B')])), [['replaced', 'B', 'A']]);
  t.deepEqual(actions(plan([record('A'), record('B')], [fetched('C')])), [['replaced', 'C', 'A'], ['removed', 'B', null]]);
  t.deepEqual(actions(plan([record('A')], [fetched('B'), fetched('C')])), [['replaced', 'B', 'A'], ['added', 'C', null]]);
  const removed = plan([record('A')], []);
  t.deepEqual(removed.changes.map((c) => c.reason), ['no longer published']);
  t.deepEqual(removed.records[0]!.removedAt, NOW);
});

test('new bytes under a known fingerprint are an update; a removed key coming back keeps its compromise mark', (t) => {
  t.deepEqual(actions(plan([record('A')], [fetched('A', 'other')])), [['updated', 'A', null]]);
  const back = plan([record('A', { removedAt: T, compromisedAt: T, compromisedReason: 'leak' })], [fetched('A')]);
  t.deepEqual(actions(back), [['added', 'A', null]]);
  t.like(back.records[0], { removedAt: null, compromisedAt: T, compromisedReason: 'leak', firstSeenAt: NOW });
});
