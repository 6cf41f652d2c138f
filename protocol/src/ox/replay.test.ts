import test from 'ava';
import { createMemoryReplayCache } from './replay.ts';

test('new, then duplicate under the same or an unknown occurrence, replay under another known one', (t) => {
  const cache = createMemoryReplayCache({ now: () => 0 });
  const check = (digest: string, occurrence: string | undefined) => cache.checkAndRecord({ digest, occurrence, expiresAt: 100 });
  t.is(check('d1', 'S1'), 'new');
  t.is(check('d1', 'S1'), 'duplicate', 'same archive id: MAM re-sync');
  t.is(check('d1', undefined), 'duplicate', 'a copy without server id (e.g. a carbon)');
  t.is(check('d1', 'S2'), 'replay', 'another archived message with the same signcrypt');
});

test('an occurrence learned later is remembered', (t) => {
  const cache = createMemoryReplayCache({ now: () => 0 });
  const check = (occurrence: string | undefined) => cache.checkAndRecord({ digest: 'd', occurrence, expiresAt: 100 });
  t.is(check(undefined), 'new', 'live, without stanza-id');
  t.is(check('A1'), 'duplicate', 'then found in the archive');
  t.is(check('A2'), 'replay', 'then a second archived copy');
});

test('entries expire and the cache stays bounded', (t) => {
  let now = 0;
  const cache = createMemoryReplayCache({ maxEntries: 10, now: () => now });
  cache.checkAndRecord({ digest: 'old', occurrence: 'a', expiresAt: 50 });
  now = 60;
  t.is(cache.checkAndRecord({ digest: 'old', occurrence: 'b', expiresAt: 200 }), 'new', 'expired entry forgotten');
  for (let i = 0; i < 100; i++) cache.checkAndRecord({ digest: `d${i}`, occurrence: 'x', expiresAt: 1000 });
  t.true(cache.size() <= 10);
  t.is(cache.checkAndRecord({ digest: 'd99', occurrence: 'y', expiresAt: 1000 }), 'replay', 'recent entries kept');
});
