// The one module that drives @xmpp/client (house rule 2): an RFC 7395 WebSocket session on
// the page's own origin, SCRAM with one-call PBKDF2 (./scram.ts), XEP-0198 stream management
// with resumption, and reconnection with exponential backoff and jitter.
import { client, type Client } from '@xmpp/client';
import type { Element } from '@sealpost/protocol';
import { plainPassword } from './plainPassword.ts';
import { type ScramClient, type ScramKeys, scramMechanism } from './scram.ts';

export type ConnectionStatus = 'connecting' | 'online' | 'offline' | 'reconnecting';

export interface ConnectionOptions {
  /** ws(s)://host/xmpp-websocket */
  service: string;
  domain: string;
  username: string;
  password?: string;
  scramKeys?: ScramKeys;
  resource: string;
  onStanza(stanza: Element): void;
  onStatus(status: ConnectionStatus): void;
  /** A new session (false) or a resumed one (true, XEP-0198 §5). */
  onOnline(resumed: boolean): void;
  /** Keys derived during SCRAM, worth caching for password-less reconnects. */
  onScramKeys?(keys: ScramKeys): void;
  /** The server acknowledged this stanza (XEP-0198 §4). */
  onAcked?(stanza: Element): void;
  /** The stanza was not acknowledged and the session could not be resumed. */
  onUnacked?(stanza: Element): void;
}

export interface Connection {
  readonly jid: string;
  send(stanza: Element): Promise<void>;
  iq(request: Element, timeoutMs?: number): Promise<Element>;
  isOnline(): boolean;
  /** Try now instead of waiting for the next backoff step (e.g. the browser went online). */
  reconnectNow(): void;
  stop(): Promise<void>;
}

export class AuthenticationError extends Error {
  override readonly name = 'AuthenticationError';
}

const NS_SASL = 'urn:ietf:params:xml:ns:xmpp-sasl';
const MIN_DELAY = 1000;
const MAX_DELAY = 30_000;

export function webSocketUrl(origin: string): string {
  return origin.replace(/^http/, 'ws') + '/xmpp-websocket';
}

export async function connect(options: ConnectionOptions): Promise<Connection> {
  let scram: ScramClient | undefined;
  const xmpp: Client = client({
    service: options.service,
    domain: options.domain,
    resource: options.resource,
    credentials: async (authenticate: (c: object, m: string) => Promise<void>, mechanisms: string[]) => {
      const mech = ['SCRAM-SHA-256', 'SCRAM-SHA-1', 'PLAIN'].find((m) => mechanisms.includes(m));
      if (!mech) throw new AuthenticationError('no supported SASL mechanism');
      if (mech === 'PLAIN' && options.password === undefined) throw new AuthenticationError('password needed');
      const creds: Record<string, unknown> = { username: options.username };
      if (options.password !== undefined) creds['password'] = mech === 'PLAIN' ? plainPassword(options.password) : options.password;
      if (options.scramKeys) creds['keys'] = options.scramKeys;
      await authenticate(creds, mech);
    },
  });
  xmpp.saslFactory.use(scramMechanism('SHA-256', (c) => (scram = c)));
  xmpp.saslFactory.use(scramMechanism('SHA-1', (c) => (scram = c)));

  let stopped = false;
  let delay = MIN_DELAY;
  let online = false;

  // RFC 5802 §5.1: check the server's proof before trusting the session.
  xmpp.on('nonza', (el: Element) => {
    if (el.name === 'success' && el.getNS() === NS_SASL && scram) {
      const text = el.getText();
      try {
        if (text) scram.verifyServerFinal(atob(text));
        if (scram.outcome.keys) options.onScramKeys?.(scram.outcome.keys);
      } catch {
        void xmpp.disconnect().catch(() => {});
      }
    }
  });
  xmpp.on('stanza', (stanza: Element) => {
    try {
      options.onStanza(stanza);
    } catch {
      // A handler bug must not take the connection down.
    }
  });
  xmpp.on('error', () => {});
  xmpp.on('online', () => {
    online = true;
    delay = MIN_DELAY;
    xmpp.reconnect.delay = delay;
    options.onStatus('online');
    options.onOnline(false);
  });
  xmpp.streamManagement.on('resumed', () => {
    online = true;
    delay = MIN_DELAY;
    xmpp.reconnect.delay = delay;
    options.onStatus('online');
    options.onOnline(true);
  });
  // Ask for the server's ack soon after a message goes out (default 250 ms), so "sent" shows quickly.
  (xmpp.streamManagement as unknown as { requestAckDebounce: number }).requestAckDebounce = 30;
  xmpp.streamManagement.on('ack', (stanza: Element) => options.onAcked?.(stanza));
  xmpp.streamManagement.on('fail', (stanza: Element) => options.onUnacked?.(stanza));
  xmpp.on('disconnect', () => {
    online = false;
    if (stopped) return;
    options.onStatus('reconnecting');
    // Exponential backoff with jitter for the next attempt (@xmpp/reconnect reads `delay`).
    xmpp.reconnect.delay = Math.round(delay * (0.75 + Math.random() * 0.5));
    delay = Math.min(MAX_DELAY, delay * 2);
  });
  xmpp.on('offline', () => {
    online = false;
    options.onStatus('offline');
  });

  options.onStatus('connecting');
  try {
    await xmpp.start();
  } catch (err) {
    stopped = true;
    xmpp.reconnect.stop();
    await xmpp.stop().catch(() => {});
    const message = err instanceof Error ? err.message : String(err);
    const condition = (err as { condition?: string }).condition;
    if (condition === 'not-authorized' || /not-authorized|password needed|SCRAM/.test(message)) {
      throw new AuthenticationError(condition ?? message);
    }
    throw err;
  }
  const jid = xmpp.jid?.toString() ?? '';

  return {
    jid,
    send: (stanza) => xmpp.send(stanza),
    iq: (request, timeoutMs = 20_000) => xmpp.iqCaller.request(request, timeoutMs),
    isOnline: () => online && xmpp.status === 'online',
    reconnectNow() {
      if (stopped || xmpp.status !== 'disconnect') return;
      delay = MIN_DELAY;
      xmpp.reconnect.delay = 0;
      xmpp.reconnect.stop();
      xmpp.reconnect.start();
      void (xmpp.reconnect as unknown as { reconnect(): Promise<void> }).reconnect().catch(() => {});
    },
    async stop() {
      stopped = true;
      xmpp.reconnect.stop();
      await xmpp.stop().catch(() => {});
    },
  };
}
