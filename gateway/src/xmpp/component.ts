// The gateway's XMPP component (XEP-0114): connects to Prosody's component port, reconnects
// forever with backoff (its own loop, see below), answers IQs through registered handlers
// and sends IQ requests.
import { component as createXmppComponent, type Component as XmppComponent } from '@xmpp/component';
import { findForbiddenXmlChar, sanitizeXmlText, xml, type Element } from '@sealpost/protocol';
import type { Logger } from '../log/logger.ts';
import { AppError, errorCodes, toAppError } from '../errors.ts';
import { createIqTracker } from './iqTracker.ts';
import { assertSendable, StanzaRefusedError } from './stanzaGuard.ts';

/** The request was never sent (no connection): the server certainly did not act on it. */
export class NotConnectedError extends AppError {
  constructor() {
    super('unavailable', 'the XMPP server is not reachable');
    this.name = 'NotConnectedError';
  }
}

/** Whether a request failed before anything was written: the server cannot have acted on it. */
export function neverSent(err: unknown): boolean {
  return err instanceof NotConnectedError || err instanceof StanzaRefusedError;
}

export interface ComponentDeps {
  jid: string;
  secret: string;
  service: string; // xmpp://host:port of Prosody's component listener
  log: Logger;
  /** Timeout of each connection step (TCP, stream header, handshake); 10 s by default. */
  stepTimeoutMs?: number;
}

/** Receives the child element of an incoming IQ and the stamped sender; returns the reply child. */
export type IqHandler = (request: { from: string; element: Element; stanza: Element }) => Promise<Element | undefined> | Element | undefined;

export interface GatewayComponent {
  readonly jid: string;
  isOnline(): boolean;
  /** Starts connecting in the background; `whenOnline()` resolves on the next connection. */
  start(): void;
  whenOnline(): Promise<void>;
  stop(): Promise<void>;
  /** Sends an IQ get/set and resolves with the result stanza; rejects on error or timeout. */
  request(iq: Element, timeoutMs?: number): Promise<Element>;
  handle(type: 'get' | 'set', xmlns: string, name: string, handler: IqHandler): void;
  send(stanza: Element): Promise<void>;
}

type IqMiddleware = (ctx: { stanza: Element; element?: Element }, next: () => Promise<unknown>) => Promise<unknown>;

const RETRY_MIN_MS = 250;
const RETRY_MAX_MS = 5000;
/** Per step of a connection (TCP, stream header, XEP-0114 handshake); a busy Prosody can be slow. */
const STEP_TIMEOUT_MS = 10_000;
/** Failing to connect for this long is worth a warning (Prosody down, wrong secret). */
const WARN_AFTER_MS = 5000;

export function createComponent(deps: ComponentDeps): GatewayComponent {
  const log = deps.log.child({ module: 'component' });
  const xmpp = createXmppComponent({ service: deps.service, domain: deps.jid, password: deps.secret });
  const iqs = createIqTracker();
  const handlers = new Map<string, IqHandler>();
  let online = false;
  let stopped = true;
  let connecting = false;
  let failingSince: number | undefined;
  let retryTimer: NodeJS.Timeout | undefined;
  let retryDelay = RETRY_MIN_MS;
  let waiters: Array<() => void> = [];

  // We own reconnection. @xmpp/reconnect only retries after a socket close, and start() only
  // runs from the 'offline' state: a stream header or handshake that times out on a busy
  // Prosody would leave the connection open, never online, and never retried.
  xmpp.reconnect.stop();
  const stepTimeoutMs = deps.stepTimeoutMs ?? STEP_TIMEOUT_MS;
  xmpp.timeout = stepTimeoutMs;
  xmpp.on('online', () => {
    online = true;
    retryDelay = RETRY_MIN_MS;
    failingSince = undefined;
    log.info({ jid: deps.jid }, 'component online');
    for (const w of waiters.splice(0)) w();
  });
  xmpp.on('disconnect', () => {
    if (online) log.warn('component disconnected; reconnecting');
    online = false;
    iqs.failAll(new AppError('unavailable', 'XMPP server connection lost'));
    if (!connecting) scheduleConnect();
  });
  xmpp.on('error', (err: Error) => log.debug({ err: err.message }, 'component error'));
  xmpp.on('stanza', (stanza: Element) => {
    iqs.settle(stanza);
  });
  // Incoming IQ get/set: @xmpp/component's own iq callee (always installed) parses the query
  // and sends exactly one reply from what this middleware returns: an element (result
  // payload), `true` (empty result) or an <error/> (error reply). Answering from a 'stanza'
  // listener instead would race that callee's automatic service-unavailable reply.
  (xmpp as unknown as { middleware: { use(fn: IqMiddleware): void } }).middleware.use(async (ctx, next) => {
    const { stanza, element } = ctx;
    if (stanza.name !== 'iq' || (stanza.attrs.type !== 'get' && stanza.attrs.type !== 'set') || !element) return next();
    const handler = handlers.get(key(stanza.attrs.type, element.getNS() ?? '', element.name));
    if (!handler) return errorElement('cancel', 'service-unavailable');
    try {
      const reply = await handler({ from: stanza.attrs.from ?? '', element, stanza });
      // A reply with a character XML forbids would close our stream (stanzaGuard.ts).
      const forbidden = reply ? findForbiddenXmlChar(reply) : undefined;
      if (forbidden) {
        log.error({ forbidden, request: element.name }, 'iq reply not sent: a character XML 1.0 forbids');
        return errorElement('wait', 'internal-server-error');
      }
      return reply ?? true;
    } catch (err) {
      const e = toAppError(err);
      if (!e.expose) log.error({ err }, 'iq handler failed');
      const spec = errorCodes[e.code];
      return errorElement(spec.type, spec.xmpp, e.expose ? sanitizeXmlText(e.message) : undefined);
    }
  });

  /** One attempt: TCP, stream header, handshake (XEP-0114 §3); on failure the socket is dropped. */
  async function connect(): Promise<void> {
    if (stopped || online || connecting) return;
    connecting = true;
    try {
      // The 'online' wait bounds the whole attempt, a TCP connect that never completes included.
      const steps = (async () => {
        await xmpp.connect(deps.service);
        await xmpp.open({ domain: deps.jid, lang: 'en' });
      })();
      await Promise.all([steps, untilOnline(xmpp, stepTimeoutMs * 2)]);
    } catch (err) {
      failingSince ??= Date.now();
      const reason = (err as Error).message || String(err);
      const fields = { err: reason, service: deps.service, retryInMs: retryDelay };
      if (Date.now() - failingSince >= WARN_AFTER_MS) log.warn(fields, 'component cannot connect to Prosody (is it running, and is SEALPOST_COMPONENT_SECRET the same on both sides?)');
      else log.debug(fields, 'component cannot connect yet');
      await xmpp.disconnect(1000).catch(() => {});
      xmpp.socket?.destroy();
      connecting = false;
      scheduleConnect();
      return;
    }
    connecting = false;
  }

  /** At most one retry is pending; each one waits twice as long, up to RETRY_MAX_MS. */
  function scheduleConnect(): void {
    if (stopped || retryTimer) return;
    retryTimer = setTimeout(() => {
      retryTimer = undefined;
      void connect();
    }, retryDelay);
    retryDelay = Math.min(RETRY_MAX_MS, retryDelay * 2);
  }

  return {
    jid: deps.jid,
    isOnline: () => online,
    start() {
      if (!stopped) return;
      stopped = false;
      retryDelay = RETRY_MIN_MS;
      void connect();
    },
    whenOnline: () => (online ? Promise.resolve() : new Promise((resolve) => waiters.push(resolve))),
    async stop() {
      stopped = true;
      clearTimeout(retryTimer);
      retryTimer = undefined;
      iqs.failAll(new AppError('unavailable', 'gateway stopping'));
      await Promise.race([xmpp.stop().catch(() => {}), new Promise((r) => setTimeout(r, 2000))]);
      online = false;
    },
    async request(iq, timeoutMs = 10_000) {
      assertSendable(iq);
      if (!online) throw new NotConnectedError();
      const pending = iqs.track(iq, timeoutMs);
      await xmpp.send(iq).catch((err: Error) => iqs.fail(iq.attrs.id!, new AppError('unavailable', err.message)));
      return pending;
    },
    handle(type, xmlns, name, handler) {
      handlers.set(key(type, xmlns, name), handler);
    },
    async send(stanza) {
      assertSendable(stanza);
      if (!online) throw new NotConnectedError();
      await xmpp.send(stanza);
    },
  };
}

function key(type: string, xmlns: string, name: string): string {
  return `${type} ${xmlns} ${name}`;
}

/** Resolves on the component's 'online' event; rejects on its first 'error' or after `ms`. */
function untilOnline(xmpp: XmppComponent, ms: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const done = (err?: Error) => {
      clearTimeout(timer);
      xmpp.off('online', onOnline);
      xmpp.off('error', onError);
      if (err) reject(err);
      else resolve();
    };
    const onOnline = () => done();
    const onError = (err: Error) => done(err);
    const timer = setTimeout(() => done(new Error(`not online within ${ms} ms`)), ms);
    xmpp.on('online', onOnline);
    xmpp.on('error', onError);
  });
}

function errorElement(type: string, condition: string, text?: string): Element {
  const NS = 'urn:ietf:params:xml:ns:xmpp-stanzas';
  return xml('error', { type }, xml(condition, { xmlns: NS }), text ? xml('text', { xmlns: NS }, text) : null);
}
