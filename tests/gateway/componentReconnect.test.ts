// The gateway's component (XEP-0114) keeps trying until Prosody accepts it, even when an
// attempt stalls half-way: here a loopback relay in front of the real Prosody swallows the
// first connection (TCP accepted, stream header never answered), then relays the next ones.
import test from 'ava';
import { createServer, connect, type Server, type Socket } from 'node:net';
import pino from 'pino';
import { createComponent } from '../../gateway/src/xmpp/component.ts';
import { startStack, type TestStack } from '../harness/stack.ts';

let stack: TestStack;
let relay: Server;
const sockets = new Set<Socket>();
test.before(async () => {
  stack = await startStack();
});
test.after.always(async () => {
  for (const s of sockets) s.destroy();
  relay?.close();
  await stack?.stop();
});

/** Swallows the first `stall` connections, then pipes each new one to `port`. */
function startRelay(port: number, stall: number): Promise<{ port: number; connections: () => number }> {
  let seen = 0;
  relay = createServer((client) => {
    sockets.add(client);
    client.on('error', () => {});
    if (++seen <= stall) return; // accepted, read, never answered
    const upstream = connect({ host: '127.0.0.1', port });
    sockets.add(upstream);
    upstream.on('error', () => client.destroy());
    client.pipe(upstream).pipe(client);
  });
  return new Promise((resolve) => relay.listen(0, '127.0.0.1', () => resolve({ port: (relay.address() as { port: number }).port, connections: () => seen })));
}

test.serial('a stalled handshake is dropped and retried: the component comes online', async (t) => {
  const { config } = stack.prepared;
  // Prosody takes one connection per component address: the stack's own one steps aside.
  await stack.gateway.component.stop();
  const r = await startRelay(config.prosody.componentPort, 1);
  const component = createComponent({
    jid: config.component.jid,
    secret: config.component.secret,
    service: `xmpp://127.0.0.1:${r.port}`,
    log: pino({ level: 'silent' }),
    stepTimeoutMs: 1500,
  });
  try {
    component.start();
    await component.whenOnline();
    t.true(component.isOnline());
    t.true(r.connections() >= 2, 'the stalled attempt was dropped and another one made');
  } finally {
    await component.stop();
    stack.gateway.component.start();
    await stack.gateway.component.whenOnline();
  }
});

test.serial('a wrong component secret is retried, never online, and stops cleanly', async (t) => {
  const { config } = stack.prepared;
  const warnings: string[] = [];
  const log = pino({ level: 'debug' }, { write: (line: string) => void warnings.push(line) });
  const component = createComponent({
    jid: config.component.jid,
    secret: 'not-the-secret',
    service: `xmpp://127.0.0.1:${config.prosody.componentPort}`,
    log,
  });
  component.start();
  const failures = () => warnings.filter((l) => l.includes('cannot connect')).length;
  for (const deadline = Date.now() + 20_000; failures() < 2 && Date.now() < deadline; ) await new Promise((r) => setTimeout(r, 100));
  t.true(failures() >= 2, warnings.join(''));
  t.false(component.isOnline());
  const t0 = Date.now();
  await component.stop();
  t.true(Date.now() - t0 < 3000);
});
