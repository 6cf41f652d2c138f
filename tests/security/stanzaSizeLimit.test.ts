// Attack: stanzas over c2s_stanza_size_limit (512 KiB). Prosody checks the limit after each
// socket read, and reads up to 1 MiB at a time here, so 600 KiB and 1 MiB messages were routed.
// One limit on every path: a stanza just under it is delivered; one over it closes the sender's
// stream with <policy-violation/> (RFC 6120 §4.9.3.12) and reaches nobody.
import test from 'ava';
import { xml, type Element } from '@xmpp/client';
import { startStack, type TestStack } from '../harness/stack.ts';
import type { TestClient } from '../harness/xmppClient.ts';

const LIMIT = 512 * 1024;
let stack: TestStack;
let bob: TestClient;
/** Body sizes of every message Bob received. */
const received: number[] = [];

test.before(async () => {
  stack = await startStack();
  await stack.createUser('alice', 'alice-Password-1');
  await stack.createUser('bob', 'bob-Password-1');
  bob = await stack.xmppClient('bob', 'bob-Password-1');
  bob.xmpp.on('stanza', (s: Element) => {
    if (s.name === 'message') received.push(s.getChildText('body')?.length ?? 0);
  });
});
test.after.always(async () => {
  await bob?.stop();
  await stack?.stop();
});

const service = (path: 'c2s' | 'websocket') =>
  path === 'websocket' ? { service: `${stack.gatewayUrl.replace(/^http/, 'ws')}/xmpp-websocket` } : {};

const message = (id: string, bodyBytes: number) =>
  xml('message', { to: 'bob@localhost', type: 'chat', id }, xml('body', {}, 'a'.repeat(bodyBytes)));

async function sendsAndDelivers(path: 'c2s' | 'websocket', id: string, bodyBytes: number): Promise<void> {
  const alice = await stack.xmppClient('alice', 'alice-Password-1', { ...service(path), presence: false });
  try {
    const got = bob.next((s) => s.name === 'message' && s.attrs.id === id, 60_000);
    await alice.xmpp.send(message(id, bodyBytes));
    await got;
  } finally {
    await alice.stop();
  }
}

for (const path of ['c2s', 'websocket'] as const) {
  test.serial(`${path}: a message just under the limit is delivered`, async (t) => {
    await sendsAndDelivers(path, `${path}-under`, LIMIT - 8 * 1024);
    t.pass();
  });

  for (const size of [600 * 1024, 1024 * 1024]) {
    test.serial(`${path}: a ${size / 1024} KiB message closes the stream with policy-violation and is not delivered`, async (t) => {
      const alice = await stack.xmppClient('alice', 'alice-Password-1', { ...service(path), presence: false });
      const closed = new Promise<string>((resolve) => {
        alice.xmpp.on('error', (err: { condition?: string }) => resolve(err.condition ?? String(err)));
        alice.xmpp.on('disconnect', () => resolve('disconnected'));
      });
      const id = `${path}-over-${size}`;
      await alice.xmpp.send(message(id, size)).catch(() => undefined); // the stream may close mid-write
      const outcome = await Promise.race([closed, new Promise<string>((r) => setTimeout(() => r('still open'), 60_000))]);
      await alice.stop();
      t.is(outcome, 'policy-violation', `outcome: ${outcome}`);
      // Prosody routes in order: a marker sent afterwards by the same sender arrives after
      // anything routed before it, so once the marker is in, the big message never will be.
      await sendsAndDelivers(path, `${id}-marker`, 10);
      t.false(received.includes(size), 'the oversized message reached nobody');
    });
  }
}
