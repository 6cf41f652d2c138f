// Raw clients for the proxy and registration attack tests: an XMPP stream over TCP (STARTTLS
// or direct TLS) or over the gateway's WebSocket, and a plain socket speaking hand-written
// HTTP. They send exactly what an attacker types, with no library deciding for them.
import { connect as tcpConnect, type Socket } from 'node:net';
import { connect as tlsConnect, type TLSSocket } from 'node:tls';
import { readFileSync } from 'node:fs';
import { WebSocket } from 'ws';
import { TEST_CA_FILE, type TestStack } from '../harness/stack.ts';

const STREAM_NS = "xmlns='jabber:client' xmlns:stream='http://etherx.jabber.org/streams'";

/** Accumulates text and resolves waits on a pattern, with a bound. */
class Inbox {
  text = '';
  closed = false;
  private waiters = new Set<() => void>();
  push(chunk: string): void {
    this.text += chunk;
    this.wake();
  }
  close(): void {
    this.closed = true;
    this.wake();
  }
  private wake(): void {
    for (const w of this.waiters) w();
  }
  /** The first match of `pattern` in what arrived after `from` (or rejects after `timeoutMs`). */
  waitFor(pattern: RegExp, timeoutMs = 20_000, from = 0): Promise<RegExpExecArray> {
    return new Promise((resolve, reject) => {
      const check = (): boolean => {
        const m = pattern.exec(this.text.slice(from));
        if (m) {
          done();
          resolve(m);
          return true;
        }
        if (this.closed) {
          done();
          reject(new Error(`closed before ${pattern}; got: ${this.text.slice(-500)}`));
          return true;
        }
        return false;
      };
      const timer = setTimeout(() => {
        done();
        reject(new Error(`no ${pattern} within ${timeoutMs} ms; got: ${this.text.slice(-500)}`));
      }, timeoutMs);
      const done = () => {
        clearTimeout(timer);
        this.waiters.delete(check);
      };
      if (!check()) this.waiters.add(check);
    });
  }
  whenClosed(timeoutMs = 20_000): Promise<void> {
    return new Promise((resolve, reject) => {
      const check = (): boolean => {
        if (!this.closed) return false;
        clearTimeout(timer);
        this.waiters.delete(check);
        resolve();
        return true;
      };
      const timer = setTimeout(() => {
        this.waiters.delete(check);
        reject(new Error(`still open after ${timeoutMs} ms; got: ${this.text.slice(-500)}`));
      }, timeoutMs);
      if (!check()) this.waiters.add(check);
    });
  }
}

export interface RawXmpp {
  inbox: Inbox;
  send(xml: string): void;
  /** Sends an iq and resolves with its reply (the whole `<iq .../>` element as text). */
  iq(id: string, xml: string): Promise<string>;
  close(): void;
}

function iqReply(inbox: Inbox, id: string): Promise<string> {
  const re = new RegExp(`<iq[^>]*\\bid=['"]${id}['"][^>]*?(?:/>|>[\\s\\S]*?</iq>)`);
  return inbox.waitFor(re).then((m) => m[0]);
}

const ca = () => readFileSync(TEST_CA_FILE);

/** An unauthenticated c2s stream to Prosody over direct TLS (XEP-0368) or STARTTLS (RFC 6120 §5). */
export async function rawC2s(stack: TestStack, mode: 'direct-tls' | 'starttls'): Promise<RawXmpp> {
  const inbox = new Inbox();
  const open = `<?xml version='1.0'?><stream:stream to='${stack.domain}' version='1.0' ${STREAM_NS}>`;
  let socket: Socket | TLSSocket;
  const attach = (s: Socket | TLSSocket) => {
    s.setEncoding('utf8');
    s.on('data', (d: string) => inbox.push(d));
    s.on('close', () => inbox.close());
    s.on('error', () => inbox.close()); // the test sees it as a closed stream
  };
  if (mode === 'direct-tls') {
    socket = tlsConnect({ host: stack.host, port: stack.c2sDirectTlsPort, servername: stack.domain, ca: ca() });
    attach(socket);
    await new Promise<void>((resolve, reject) => (socket as TLSSocket).once('secureConnect', resolve).once('error', reject));
  } else {
    const plain = tcpConnect(stack.c2sPort, stack.host);
    await new Promise<void>((resolve, reject) => plain.once('connect', resolve).once('error', reject));
    const pre = new Inbox();
    plain.setEncoding('utf8');
    const onData = (d: string) => pre.push(d);
    plain.on('data', onData);
    plain.write(open);
    await pre.waitFor(/<\/stream:features>/);
    plain.write("<starttls xmlns='urn:ietf:params:xml:ns:xmpp-tls'/>");
    await pre.waitFor(/<proceed\b/);
    plain.off('data', onData);
    socket = tlsConnect({ socket: plain, servername: stack.domain, ca: ca() });
    attach(socket);
    await new Promise<void>((resolve, reject) => (socket as TLSSocket).once('secureConnect', resolve).once('error', reject));
  }
  socket.write(open);
  await inbox.waitFor(/<\/stream:features>/);
  return {
    inbox,
    send: (xml) => socket.write(xml),
    iq(id, xml) {
      const reply = iqReply(inbox, id);
      socket.write(xml);
      return reply;
    },
    close: () => socket.destroy(),
  };
}

/** An unauthenticated XMPP stream over the gateway's WebSocket endpoint (RFC 7395). */
export async function rawWebSocket(stack: TestStack): Promise<RawXmpp> {
  const inbox = new Inbox();
  const ws = new WebSocket(`${stack.gatewayUrl.replace(/^http/, 'ws')}/xmpp-websocket`, ['xmpp']);
  ws.on('message', (d) => inbox.push(d.toString()));
  ws.on('close', () => inbox.close());
  ws.on('error', () => inbox.close()); // the test sees it as a closed stream
  await new Promise<void>((resolve, reject) => ws.once('open', resolve).once('error', reject));
  ws.send(`<open xmlns='urn:ietf:params:xml:ns:xmpp-framing' to='${stack.domain}' version='1.0'/>`);
  await inbox.waitFor(/<\/stream:features>/);
  return {
    inbox,
    send: (xml) => ws.send(xml),
    iq(id, xml) {
      const reply = iqReply(inbox, id);
      ws.send(xml);
      return reply;
    },
    close: () => ws.terminate(),
  };
}

export interface RawHttp {
  inbox: Inbox;
  socket: Socket;
  write(data: string | Buffer): void;
  close(): void;
}

/** A plain TCP connection to the gateway's HTTP port, optionally from another loopback address. */
export async function rawHttp(stack: TestStack, localAddress?: string): Promise<RawHttp> {
  const inbox = new Inbox();
  const socket = tcpConnect({ port: stack.httpPort, host: stack.host, ...(localAddress ? { localAddress } : {}) });
  socket.setEncoding('latin1');
  socket.on('data', (d: string) => inbox.push(d));
  socket.on('close', () => inbox.close());
  socket.on('error', () => inbox.close()); // a reset is a close for these tests
  await new Promise<void>((resolve, reject) => socket.once('connect', resolve).once('error', reject));
  return { inbox, socket, write: (d) => socket.write(d), close: () => socket.destroy() };
}

/** HTTP status lines in what a raw connection received. */
export function statusLines(text: string): string[] {
  return [...text.matchAll(/HTTP\/1\.[01] (\d{3})[^\r\n]*/g)].map((m) => m[0]);
}

export const registerSet = (id: string, username: string, password: string) =>
  `<iq xmlns='jabber:client' type='set' id='${id}'><query xmlns='jabber:iq:register'><username>${username}</username><password>${password}</password></query></iq>`;

/** RFC 6120 §6 with SASL PLAIN (RFC 4616) on a fresh direct-TLS stream: whether the login succeeds. */
export async function plainLoginSucceeds(stack: TestStack, username: string, password: string): Promise<boolean> {
  const c = await rawC2s(stack, 'direct-tls');
  try {
    const start = c.inbox.text.length;
    c.send(`<auth xmlns='urn:ietf:params:xml:ns:xmpp-sasl' mechanism='PLAIN'>${Buffer.from(`\0${username}\0${password}`).toString('base64')}</auth>`);
    const m = await c.inbox.waitFor(/<(success|failure)\b/, 20_000, start);
    return m[1] === 'success';
  } finally {
    c.close();
  }
}
