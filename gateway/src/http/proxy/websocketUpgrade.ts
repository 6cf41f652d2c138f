// WebSocket upgrades to Prosody's XMPP endpoint (RFC 7395), and nothing else: the gateway
// checks the client's opening handshake (websocketHandshake.ts), sends Prosody a handshake of
// its own (fresh headers, client address from forwardedHeaders.ts), and only once Prosody has
// accepted that very handshake (101 with the matching Sec-WebSocket-Accept) does it join the
// two connections. Until then not one client byte reaches Prosody, so requests pipelined after
// the handshake, or sent after a refusal, go nowhere; after it, client bytes must be WebSocket
// frames (websocketFrames.ts).
import type { IncomingMessage, Server } from 'node:http';
import { connect, type Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import type { Logger } from '../../log/logger.ts';
import { forwardedHeaders, type ForwardContext } from './forwardedHeaders.ts';
import { checkClientHandshake, isAcceptedUpgrade, parseResponseHead } from './websocketHandshake.ts';
import { createFrameValidator } from './websocketFrames.ts';
import { WEBSOCKET_PATH } from './routes.ts';

export interface WebSocketProxyOptions extends ForwardContext {
  origin: string;
  /** Bound on each silent step of the handshake (client or Prosody); none once upgraded. */
  idleTimeoutMs: number;
  /** Prosody's stanza size limit: longer frames are cut after their header (websocketFrames.ts). */
  stanzaSizeLimit: number;
  log: Logger;
}

const MAX_RESPONSE_HEAD = 16 * 1024;
const REASONS: Record<number, string> = { 400: 'Bad Request', 404: 'Not Found', 405: 'Method Not Allowed', 426: 'Upgrade Required', 502: 'Bad Gateway', 504: 'Gateway Timeout' };

export function attachWebSocketProxy(server: Server, options: WebSocketProxyOptions): void {
  const target = new URL(options.origin);
  const log = options.log.child({ module: 'websocket-proxy' });
  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    const client = socket as Socket;
    client.on('error', (err) => log.debug({ err: err.message }, 'WebSocket client connection error'));
    client.setTimeout(options.idleTimeoutMs, () => client.destroy());
    let pathname: string;
    try {
      pathname = new URL(req.url ?? '/', 'http://gateway.invalid').pathname;
    } catch {
      refuse(client, 400, 'bad_request', 'malformed request target');
      return;
    }
    const check = checkClientHandshake(req, pathname, WEBSOCKET_PATH);
    if (!check.ok) {
      refuse(client, check.status, check.status === 404 ? 'not_found' : check.status === 405 ? 'method_not_allowed' : check.status === 426 ? 'upgrade_required' : 'bad_request', check.message, check.headers);
      return;
    }
    // No client byte is read (so none is forwarded) until Prosody has accepted the upgrade.
    client.pause();
    const { headers } = forwardedHeaders('websocket', req.headers, req.socket.remoteAddress, options);
    const upstream = connect(Number(target.port), target.hostname);
    upstream.setNoDelay(true);
    upstream.setTimeout(options.idleTimeoutMs, () => {
      log.warn('Prosody did not answer a WebSocket handshake in time');
      upstream.destroy();
      refuse(client, 504, 'unavailable', 'the XMPP server did not answer in time');
    });
    let upgraded = false;
    upstream.on('error', (err) => {
      log.warn({ err: err.message }, 'WebSocket proxy: Prosody unreachable');
      // Once upgraded, flush what Prosody sent (e.g. a stream error before it closed) first.
      if (upgraded) client.end(() => client.destroy());
      else refuse(client, 502, 'unavailable', 'the XMPP server is not reachable');
    });
    client.on('close', () => upstream.destroy());
    upstream.on('connect', () => {
      const lines = [`GET ${WEBSOCKET_PATH} HTTP/1.1`, 'upgrade: websocket', 'connection: Upgrade', 'sec-websocket-protocol: xmpp'];
      for (const [name, value] of Object.entries(headers)) lines.push(`${name}: ${value}`);
      upstream.write(`${lines.join('\r\n')}\r\n\r\n`);
    });
    let answer = Buffer.alloc(0);
    const onAnswer = (data: Buffer) => {
      answer = Buffer.concat([answer, data]);
      const end = answer.indexOf('\r\n\r\n');
      if (end < 0) {
        if (answer.length > MAX_RESPONSE_HEAD) {
          upstream.destroy();
          refuse(client, 502, 'unavailable', 'the XMPP server answered the handshake with garbage');
        }
        return;
      }
      upstream.off('data', onAnswer);
      const parsed = parseResponseHead(answer.subarray(0, end).toString('latin1'));
      if (!parsed || !isAcceptedUpgrade(parsed, check.key)) {
        log.info({ status: parsed?.status }, 'Prosody refused a WebSocket handshake');
        upstream.destroy();
        const status = parsed && parsed.status >= 400 && parsed.status < 500 ? 400 : 502;
        refuse(client, status, status === 400 ? 'bad_request' : 'unavailable', 'the XMPP server refused the WebSocket handshake');
        return;
      }
      upgraded = true;
      upstream.setTimeout(0);
      client.setTimeout(0); // an idle XMPP session is normal; Prosody times out dead ones
      client.write(
        'HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n' +
          `Sec-WebSocket-Accept: ${parsed.headers.get('sec-websocket-accept')}\r\nSec-WebSocket-Protocol: xmpp\r\n\r\n`,
      );
      const early = answer.subarray(end + 4);
      if (early.length) client.write(early);
      splice(client, upstream, head, options.stanzaSizeLimit, log);
    };
    upstream.on('data', onAnswer);
  });
}

/** Joins the upgraded connections: frames both ways, each end closed after the other. */
function splice(client: Socket, upstream: Socket, head: Buffer, maxPayload: number, log: Logger): void {
  const frames = createFrameValidator({ maxPayload });
  frames.on('error', (err) => {
    log.info({ err: err.message }, 'WebSocket client sent something other than frames: connection closed');
    client.destroy();
    upstream.destroy();
  });
  upstream.pipe(client); // ends the client side once Prosody has sent its last bytes
  frames.pipe(upstream);
  if (head.length) frames.write(head);
  client.pipe(frames);
  client.resume();
  upstream.on('close', () => client.end(() => client.destroy()));
}

function refuse(client: Socket, status: number, code: string, message: string, extra: Record<string, string> = {}): void {
  if (client.destroyed) return;
  const body = JSON.stringify({ error: { code, message } });
  const headers = { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(body)), connection: 'close', ...extra };
  const lines = [`HTTP/1.1 ${status} ${REASONS[status] ?? 'Error'}`, ...Object.entries(headers).map(([k, v]) => `${k}: ${v}`)];
  // Whatever else the client sent is never read: the connection ends with this answer.
  client.end(`${lines.join('\r\n')}\r\n\r\n${body}`, () => client.destroy());
}
