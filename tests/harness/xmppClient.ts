// A connected @xmpp/client session for tests: STARTTLS on the client port (verified against
// the test certificate) or WebSocket through the gateway; PLAIN over TLS for a fast login.
import { client, xml, type Client, type Element } from '@xmpp/client';
import { WebSocket } from 'ws';

export interface ConnectOptions {
  service: string;
  domain: string;
  username: string;
  password: string;
  resource?: string;
  /** Send initial presence (without it, messages to the bare JID go to offline storage). */
  presence?: boolean;
}

export interface TestClient {
  xmpp: Client;
  jid: string;
  /** Resolves with the next stanza matching `filter` (rejects after `timeoutMs`). */
  next(filter: (stanza: Element) => boolean, timeoutMs?: number): Promise<Element>;
  stop(): Promise<void>;
}

export async function connectClient(opts: ConnectOptions): Promise<TestClient> {
  if (opts.service.startsWith('ws')) {
    // Node 20 has no global WebSocket; @xmpp/websocket uses the global one.
    (globalThis as { WebSocket?: unknown }).WebSocket ??= WebSocket;
  }
  const xmpp = client({
    service: opts.service,
    domain: opts.domain,
    resource: opts.resource ?? `test-${Math.random().toString(36).slice(2, 8)}`,
    credentials: (authenticate: (c: object, mechanism: string) => Promise<void>, mechanisms: string[]) =>
      authenticate({ username: opts.username, password: opts.password }, mechanisms.includes('PLAIN') ? 'PLAIN' : mechanisms[0]!),
  });
  xmpp.reconnect.stop();
  const received: Element[] = [];
  const waiters = new Set<{ filter: (s: Element) => boolean; resolve: (s: Element) => void }>();
  xmpp.on('error', () => {});
  xmpp.on('stanza', (stanza: Element) => {
    for (const w of waiters) {
      if (w.filter(stanza)) {
        waiters.delete(w);
        w.resolve(stanza);
        return;
      }
    }
    received.push(stanza);
  });
  const address = await xmpp.start();
  const jid = address.toString();
  const self: TestClient = {
    xmpp,
    jid,
    next(filter, timeoutMs = 10_000) {
      const i = received.findIndex(filter);
      if (i >= 0) return Promise.resolve(received.splice(i, 1)[0]!);
      return new Promise((resolve, reject) => {
        const w = { filter, resolve: (s: Element) => { clearTimeout(timer); resolve(s); } };
        const timer = setTimeout(() => {
          waiters.delete(w);
          reject(new Error(`no matching stanza within ${timeoutMs} ms`));
        }, timeoutMs);
        waiters.add(w);
      });
    },
    async stop() {
      await xmpp.stop().catch(() => {});
    },
  };
  if (opts.presence !== false) {
    // Available once Prosody reflects our initial presence back to us (RFC 6121 §4.2.2).
    const echoed = self.next((s) => s.name === 'presence' && s.attrs.from === jid);
    await xmpp.send(xml('presence'));
    await echoed;
  }
  return self;
}
