// The ordering rule: live messages sort by arrival or our own server's offline stamp (bounded),
// a sender's delay is only a claim; which date a message points out.
import test from 'ava';
import { claimedDate, DATE_NOTE_THRESHOLD_MS, dateNote, liveArrival } from './arrivalTime.ts';

const NOW = new Date('2026-12-02T10:00:00Z');
const HOUR = 3600_000;
const at = (ms: number) => new Date(NOW.getTime() + ms);

test('a live message without delay arrives now', (t) => {
  t.deepEqual(liveArrival({ delays: [], serverDomain: 'localhost', now: NOW }), { at: NOW, claimed: undefined });
});

test("the sender's own delay, future or past, is a claim and never the sort time", (t) => {
  for (const stamp of [at(3 * 365 * 24 * HOUR), new Date('2021-06-15T12:00:00Z')]) {
    for (const from of ['mallory@localhost', 'mallory@localhost/phone', undefined, 'evil.example']) {
      const r = liveArrival({ delays: [{ stamp, from }], serverDomain: 'localhost', now: NOW });
      t.deepEqual(r, { at: NOW, claimed: stamp }, `${stamp.toISOString()} from ${from}`);
    }
  }
});

test("our server's offline stamp is used, bounded by now and by what we already held", (t) => {
  const offline = { stamp: at(-2 * HOUR), from: 'localhost' };
  t.deepEqual(liveArrival({ delays: [offline], serverDomain: 'LocalHost', now: NOW, floor: NOW.getTime() - 5 * HOUR }).at, at(-2 * HOUR));
  // A sender forging from='localhost' cannot date it in the future...
  t.deepEqual(liveArrival({ delays: [{ stamp: at(HOUR), from: 'localhost' }], serverDomain: 'localhost', now: NOW }).at, NOW);
  // ...nor before the newest message we held when the session began.
  const floor = NOW.getTime() - HOUR;
  t.deepEqual(liveArrival({ delays: [{ stamp: new Date('2021-01-01T00:00:00Z'), from: 'localhost' }], serverDomain: 'localhost', now: NOW, floor }).at, new Date(floor));
  // A floor past now (data stored before this rule) never pushes a message into the future.
  t.deepEqual(liveArrival({ delays: [offline], serverDomain: 'localhost', now: NOW, floor: at(HOUR).getTime() }).at, NOW);
});

test("with the sender's delay and our server's, the server's (last) one dates it", (t) => {
  const claim = { stamp: at(1000 * HOUR), from: 'localhost' };
  const sender = { stamp: at(-1000 * HOUR), from: 'mallory@localhost' };
  const server = { stamp: at(-HOUR), from: 'localhost' };
  const r = liveArrival({ delays: [sender, claim, server], serverDomain: 'localhost', now: NOW });
  t.deepEqual(r, { at: at(-HOUR), claimed: sender.stamp });
  t.is(claimedDate([server], 'localhost'), undefined);
});

test('the note shows a claimed delay first, then a signed time, only when far from the sort time', (t) => {
  const ts = NOW.getTime();
  t.is(dateNote({ ts }), undefined);
  t.is(dateNote({ ts, signedAt: ts - DATE_NOTE_THRESHOLD_MS + 1000, claimedAt: ts + 1000 }), undefined);
  t.deepEqual(dateNote({ ts, signedAt: ts - 2 * 24 * HOUR }), { kind: 'signed', at: ts - 2 * 24 * HOUR });
  t.deepEqual(dateNote({ ts, signedAt: ts - 2 * 24 * HOUR, claimedAt: ts + 3 * HOUR }), { kind: 'claimed', at: ts + 3 * HOUR });
});
