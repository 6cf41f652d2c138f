// The gateway's XMPP component (XEP-0114): connects to Prosody's component port, reconnects
// forever with backoff, answers IQs through registered handlers and sends IQ requests.
import { component as createXmppComponent } from '@xmpp/component';
import { xml, type Element } from '@sealpost/protocol';
import type { Logger } from '../log/logger.ts';
import { AppError, errorCodes, toAppError } from '../errors.ts';
import { createIqTracker } from './iqTracker.ts';

/** The request was never sent (no connection): the server certainly did not act on it. */
export class NotConnectedError extends AppError {
  constructor() {
    super('unavailable', 'the XMPP server is not reachable');
    this.name = 'NotConnectedError';
  }
}

export interface ComponentDeps {
  jid: string;
  secret: string;
  service: string; // xmpp://host:port of Prosody's component listener
  log: Logger;
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

export function createComponent(deps: ComponentDeps): GatewayComponent {
  const log = deps.log.child({ module: 'component' });
  const xmpp = createXmppComponent({ service: deps.service, domain: deps.jid, password: deps.secret });
  const iqs = createIqTracker();
  const handlers = new Map<string, IqHandler>();
  let online = false;
  let stopped = true;
  let retryTimer: NodeJS.Timeout | undefined;
  let retryDelay = RETRY_MIN_MS;
  let waiters: Array<() => void> = [];

  xmpp.reconnect.delay = 1000;
  xmpp.on('online', () => {
    online = true;
    retryDelay = RETRY_MIN_MS;
    log.info({ jid: deps.jid }, 'component online');
    for (const w of waiters.splice(0)) w();
  });
  xmpp.on('offline', () => {
    online = false;
  });
  xmpp.on('disconnect', () => {
    if (online) log.warn('component disconnected; reconnecting');
    online = false;
    iqs.failAll(new AppError('unavailable', 'XMPP server connection lost'));
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
      return (await handler({ from: stanza.attrs.from ?? '', element, stanza })) ?? true;
    } catch (err) {
      const e = toAppError(err);
      if (!e.expose) log.error({ err }, 'iq handler failed');
      const spec = errorCodes[e.code];
      return errorElement(spec.type, spec.xmpp, e.expose ? e.message : undefined);
    }
  });

  async function connect(): Promise<void> {
    if (stopped) return;
    try {
      await xmpp.start();
    } catch (err) {
      if (stopped) return;
      log.debug({ err: (err as Error).message, retryInMs: retryDelay }, 'component cannot connect yet');
      retryTimer = setTimeout(() => void connect(), retryDelay);
      retryDelay = Math.min(RETRY_MAX_MS, retryDelay * 2);
    }
  }

  return {
    jid: deps.jid,
    isOnline: () => online,
    start() {
      if (!stopped) return;
      stopped = false;
      void connect();
    },
    whenOnline: () => (online ? Promise.resolve() : new Promise((resolve) => waiters.push(resolve))),
    async stop() {
      stopped = true;
      clearTimeout(retryTimer);
      iqs.failAll(new AppError('unavailable', 'gateway stopping'));
      xmpp.reconnect.stop();
      await Promise.race([xmpp.stop().catch(() => {}), new Promise((r) => setTimeout(r, 2000))]);
      online = false;
    },
    async request(iq, timeoutMs = 10_000) {
      if (!online) throw new NotConnectedError();
      const pending = iqs.track(iq, timeoutMs);
      await xmpp.send(iq).catch((err: Error) => iqs.fail(iq.attrs.id!, new AppError('unavailable', err.message)));
      return pending;
    },
    handle(type, xmlns, name, handler) {
      handlers.set(key(type, xmlns, name), handler);
    },
    async send(stanza) {
      if (!online) throw new NotConnectedError();
      await xmpp.send(stanza);
    },
  };
}

function key(type: string, xmlns: string, name: string): string {
  return `${type} ${xmlns} ${name}`;
}

function errorElement(type: string, condition: string, text?: string): Element {
  const NS = 'urn:ietf:params:xml:ns:xmpp-stanzas';
  return xml('error', { type }, xml(condition, { xmlns: NS }), text ? xml('text', { xmlns: NS }, text) : null);
}
