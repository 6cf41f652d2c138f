// Attack: slow uploads (one byte every few seconds) held sockets to the gateway and to Prosody
// forever. Connections that go silent mid-request, and requests whose headers never end, are
// closed; one client address runs a bounded number of uploads at once (429 past it). Short
// bounds are configured so that the test waits seconds, not minutes.
import test from 'ava';
import { startStack, type TestStack } from '../harness/stack.ts';
import { rawHttp, statusLines, type RawHttp } from './rawClients.ts';

let stack: TestStack;
test.before(async () => {
  stack = await startStack({
    env: { SEALPOST_HTTP_IDLE_TIMEOUT: '2', SEALPOST_HTTP_HEADERS_TIMEOUT: '3', SEALPOST_UPLOADS_PER_ADDRESS: '3' },
  });
});
test.after.always(async () => {
  await stack?.stop();
});

const putHead = (i: number) =>
  `PUT /file_share/slot${i}/f.bin HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/octet-stream\r\nContent-Length: 100000\r\n\r\n`;

async function openAll(n: number, localAddress: string, start: (c: RawHttp, i: number) => void): Promise<RawHttp[]> {
  const conns: RawHttp[] = [];
  for (let i = 0; i < n; i++) {
    const c = await rawHttp(stack, localAddress);
    start(c, i);
    conns.push(c);
  }
  return conns;
}

/** Writes one byte to each open connection every `everyMs` until all are closed (bounded). */
function trickle(conns: RawHttp[], everyMs: number, data: string): () => void {
  const timer = setInterval(() => {
    for (const c of conns) if (!c.inbox.closed) c.write(data);
  }, everyMs);
  return () => clearInterval(timer);
}

test('uploads over the per-address cap get 429; silent ones are closed by the idle timeout', async (t) => {
  const conns = await openAll(20, '127.0.0.3', (c, i) => c.write(putHead(i)));
  // Each sends one body byte now, then nothing: silent for longer than the 2 s idle bound.
  for (const c of conns) c.write('x');
  await Promise.all(conns.map((c) => c.inbox.whenClosed(30_000)));
  const statuses = conns.map((c) => statusLines(c.inbox.text)[0]?.slice(9, 12) ?? 'closed');
  t.is(statuses.filter((s) => s === '429').length, 17, statuses.join(' '));
  t.true(conns.every((c) => c.inbox.closed));
  const refused = conns.find((c) => c.inbox.text.includes(' 429 '))!;
  t.regex(refused.inbox.text, /"code":"rate_limited"/);
  t.regex(refused.inbox.text, /too many uploads/);
});

test('headers sent one byte at a time are cut off by the headers timeout', async (t) => {
  const conns = await openAll(10, '127.0.0.4', (c) => c.write('PUT /file_share/s/f.bin HTTP/1.1\r\nHost: localhost\r\n'));
  // A byte every 500 ms is never idle for 2 s, but the headers never end within 3 s.
  const stop = trickle(conns, 500, 'X');
  try {
    await Promise.all(conns.map((c) => c.inbox.whenClosed(30_000)));
  } finally {
    stop();
  }
  t.true(conns.every((c) => c.inbox.closed));
  t.true(conns.every((c) => !c.inbox.text.includes(' 200 ')));
});

test('a slot freed by a closed upload can be used again', async (t) => {
  // After the idle closes above, the address's uploads are released: a new PUT reaches Prosody
  // (which answers 401 or 404 for a made-up slot, never our 429).
  const c = await rawHttp(stack, '127.0.0.3');
  c.write('PUT /file_share/slot-x/f.bin HTTP/1.1\r\nHost: localhost\r\nContent-Length: 3\r\nConnection: close\r\n\r\nabc');
  await c.inbox.whenClosed(30_000);
  const status = statusLines(c.inbox.text)[0]?.slice(9, 12);
  t.truthy(status);
  t.not(status, '429');
});
