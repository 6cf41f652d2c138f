// The opening handshake a client must send before the gateway opens anything towards Prosody
// (RFC 6455 §4.1 and §4.2.1), with RFC 7395 §3.1's `xmpp` subprotocol, and the check of the
// server's answer (§4.1: 101, Upgrade, Connection, Sec-WebSocket-Accept).
import { createHash } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

const GUID = '258EAFA5-E914-47DA-95CA-C5AB0DC85B11';

export type HandshakeCheck =
  | { ok: true; key: string }
  | { ok: false; status: 400 | 404 | 405 | 426; message: string; headers?: Record<string, string> };

const tokens = (value: string | string[] | undefined): string[] =>
  (Array.isArray(value) ? value.join(',') : (value ?? '')).split(',').map((t) => t.trim().toLowerCase()).filter(Boolean);

export function checkClientHandshake(req: IncomingMessage, pathname: string, websocketPath: string): HandshakeCheck {
  if (pathname !== websocketPath) return { ok: false, status: 404, message: `no WebSocket endpoint at ${pathname}` };
  if (req.method !== 'GET') return { ok: false, status: 405, message: 'a WebSocket handshake is a GET (RFC 6455 §4.1)', headers: { allow: 'GET' } };
  if (req.httpVersionMajor !== 1 || req.httpVersionMinor < 1) return { ok: false, status: 400, message: 'HTTP/1.1 is required (RFC 6455 §4.1)' };
  if (!req.headers.host) return { ok: false, status: 400, message: 'Host is required (RFC 6455 §4.1)' };
  if (!tokens(req.headers.upgrade).includes('websocket') || tokens(req.headers.upgrade).length !== 1) {
    return { ok: false, status: 400, message: 'Upgrade: websocket is required (RFC 6455 §4.1)' };
  }
  if (!tokens(req.headers.connection).includes('upgrade')) return { ok: false, status: 400, message: 'Connection: Upgrade is required (RFC 6455 §4.1)' };
  if (req.headers['content-length'] !== undefined || req.headers['transfer-encoding'] !== undefined) {
    return { ok: false, status: 400, message: 'a WebSocket handshake has no body' };
  }
  const key = req.headers['sec-websocket-key'];
  if (typeof key !== 'string' || !/^[A-Za-z0-9+/]{22}==$/.test(key) || Buffer.from(key, 'base64').length !== 16) {
    return { ok: false, status: 400, message: 'Sec-WebSocket-Key must be 16 random bytes in base64 (RFC 6455 §4.1)' };
  }
  if (req.headers['sec-websocket-version'] !== '13') {
    return { ok: false, status: 426, message: 'Sec-WebSocket-Version 13 is required (RFC 6455 §4.4)', headers: { 'sec-websocket-version': '13' } };
  }
  if (!tokens(req.headers['sec-websocket-protocol']).includes('xmpp')) {
    return { ok: false, status: 400, message: 'the xmpp subprotocol is required (RFC 7395 §3.1)' };
  }
  return { ok: true, key };
}

export function acceptFor(key: string): string {
  return createHash('sha1').update(key + GUID).digest('base64');
}

export interface ServerAnswer {
  status: number;
  headers: Map<string, string>;
}

/** Parses a response head (status line and headers, without the final empty line). */
export function parseResponseHead(head: string): ServerAnswer | undefined {
  const [statusLine, ...lines] = head.split('\r\n');
  const m = /^HTTP\/1\.1 (\d{3})(?: .*)?$/.exec(statusLine ?? '');
  if (!m) return undefined;
  const headers = new Map<string, string>();
  for (const line of lines) {
    const i = line.indexOf(':');
    if (i <= 0) return undefined;
    const name = line.slice(0, i).trim().toLowerCase();
    const value = line.slice(i + 1).trim();
    headers.set(name, headers.has(name) ? `${headers.get(name)}, ${value}` : value);
  }
  return { status: Number(m[1]), headers };
}

/** Whether Prosody accepted this very handshake (RFC 6455 §4.1, the client's checks). */
export function isAcceptedUpgrade(answer: ServerAnswer, key: string): boolean {
  return (
    answer.status === 101 &&
    tokens(answer.headers.get('upgrade')).includes('websocket') &&
    tokens(answer.headers.get('connection')).includes('upgrade') &&
    answer.headers.get('sec-websocket-accept') === acceptFor(key) &&
    !answer.headers.has('sec-websocket-extensions') &&
    (answer.headers.get('sec-websocket-protocol') ?? 'xmpp').toLowerCase() === 'xmpp'
  );
}
