// Attack: the gateway's upgrade handling as a raw tunnel to Prosody's internal HTTP port. An
// `Upgrade` request to /file_share/... became a TCP pipe: requests written after it reached any
// Prosody path with any X-Forwarded-For. Only a real RFC 6455 §4.1 handshake on /xmpp-websocket
// is upgraded, nothing the client sends reaches Prosody before Prosody accepts it, and other
// smuggling tricks (pipelining, Content-Length with Transfer-Encoding) reach nothing either.
import test from 'ava';
import { randomBytes } from 'node:crypto';
import { startStack, type TestStack } from '../harness/stack.ts';
import { rawHttp, statusLines } from './rawClients.ts';

let stack: TestStack;
test.before(async () => {
  stack = await startStack();
});
test.after.always(async () => {
  await stack?.stop();
});

const key = () => randomBytes(16).toString('base64');
/** What Prosody's own HTTP pages say; the gateway never answers with them. */
const PROSODY_PAGE = /It works|Prosody|point your WebSocket/i;
const handshake = (path: string, extra = '', protocol = 'xmpp') =>
  `GET ${path} HTTP/1.1\r\nHost: localhost\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n` +
  `Sec-WebSocket-Key: ${key()}\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Protocol: ${protocol}\r\n${extra}\r\n`;
const pipelinedProsodyRequest = 'GET /xmpp-websocket HTTP/1.1\r\nHost: localhost\r\n\r\n';

/** Sends `data` on a fresh connection (from `localAddress`) and returns all it got until closed. */
async function exchange(data: string, localAddress?: string): Promise<string> {
  const c = await rawHttp(stack, localAddress);
  c.write(data);
  await c.inbox.whenClosed(30_000);
  return c.inbox.text;
}

test('an Upgrade to /file_share is refused and a request pipelined after it reaches nothing', async (t) => {
  const got = await exchange(handshake('/file_share/abc/x.bin') + pipelinedProsodyRequest);
  t.deepEqual(statusLines(got).map((l) => l.slice(9, 12)), ['404'], got);
  t.notRegex(got, PROSODY_PAGE);
});

test('a handshake Prosody would refuse is refused by the gateway, and nothing pipelined is forwarded', async (t) => {
  // Without the xmpp subprotocol Prosody answers 501 and keeps the connection for more requests.
  const got = await exchange(handshake('/xmpp-websocket', '', 'chat') + pipelinedProsodyRequest);
  t.deepEqual(statusLines(got).map((l) => l.slice(9, 12)), ['400'], got);
  t.notRegex(got, PROSODY_PAGE);
});

test('a smuggled handshake with a forged X-Forwarded-For never reaches Prosody', async (t) => {
  // From 127.0.0.2 (not the gateway's loopback address): the forged header claims 127.0.0.1.
  const smuggled = handshake('/xmpp-websocket', 'X-Forwarded-For: 127.0.0.1\r\n');
  const got = await exchange(handshake('/file_share/abc/x.bin') + smuggled, '127.0.0.2');
  t.false(statusLines(got).some((l) => l.includes(' 101 ')), got);
  t.notRegex(got, PROSODY_PAGE);
});

test('after a real upgrade, an HTTP request instead of frames closes the connection', async (t) => {
  const got = await exchange(handshake('/xmpp-websocket') + pipelinedProsodyRequest);
  t.deepEqual(statusLines(got).map((l) => l.slice(9, 12)), ['101'], got);
  t.notRegex(got, PROSODY_PAGE);
});

test('handshakes that are not RFC 6455 are refused', async (t) => {
  const bad: Array<[string, string]> = [
    ['400', handshake('/xmpp-websocket').replace('Sec-WebSocket-Key: ', 'X-Key: ')],
    ['426', handshake('/xmpp-websocket').replace('Version: 13', 'Version: 8')],
    ['405', handshake('/xmpp-websocket').replace(/^GET/, 'POST')],
    ['400', handshake('/xmpp-websocket').replace('Upgrade: websocket', 'Upgrade: h2c')],
    ['404', handshake('/xmpp-websocket/../file_share/a/b')],
  ];
  for (const [status, request] of bad) {
    const got = await exchange(request + pipelinedProsodyRequest);
    t.deepEqual(statusLines(got).map((l) => l.slice(9, 12)), [status], request.split('\r\n')[0]);
    t.notRegex(got, PROSODY_PAGE);
  }
});

test('Content-Length with Transfer-Encoding (request smuggling) is refused before Prosody', async (t) => {
  const got = await exchange(
    'PUT /file_share/abc/x.bin HTTP/1.1\r\nHost: localhost\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n' +
      pipelinedProsodyRequest,
  );
  t.is(statusLines(got)[0]?.slice(9, 12), '400', got);
  t.notRegex(got, PROSODY_PAGE);
});

test('only upload paths and methods are proxied', async (t) => {
  const base = stack.gatewayUrl;
  const cases: Array<[string, string, number]> = [
    ['GET', '/xmpp-websocket', 426],
    ['GET', '/file_share/', 404],
    ['GET', '/file_share/a/%2e%2e', 404],
    ['GET', '/file_share/a/b%2fc', 404],
    ['DELETE', '/file_share/abc/x.bin', 405],
    ['POST', '/file_share/abc/x.bin', 405],
  ];
  for (const [method, path, status] of cases) {
    const res = await fetch(`${base}${path}`, { method });
    const body = await res.text();
    t.is(res.status, status, `${method} ${path}`);
    t.notRegex(body, PROSODY_PAGE);
  }
  // A real slot path still reaches Prosody (unknown slot: Prosody's 404, not ours).
  const res = await fetch(`${base}/file_share/no-such-slot/x.bin`);
  t.is(res.status, 404);
});
