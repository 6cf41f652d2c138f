// Same-origin access to Prosody's internal HTTP services for the web client: the XMPP
// WebSocket endpoint (RFC 7395, /xmpp-websocket) and XEP-0363 uploads (/file_share/...).
// Bodies are streamed both ways (uploads up to 512 MiB never sit in memory).
import { request as httpRequest, type IncomingMessage, type Server } from 'node:http';
import { connect } from 'node:net';
import type { Duplex } from 'node:stream';
import type { Middleware } from 'koa';
import type { Logger } from '../log/logger.ts';

const PROXIED = /^\/(xmpp-websocket|file_share)(\/|$)/;

export function isProxiedPath(path: string): boolean {
  return PROXIED.test(path);
}

/** Koa middleware for plain HTTP requests to the proxied paths. */
export function prosodyHttpProxy(origin: string, log: Logger): Middleware {
  const target = new URL(origin);
  return async (ctx, next) => {
    if (!isProxiedPath(ctx.path)) return next();
    ctx.respond = false;
    await new Promise<void>((resolve) => {
      const upstream = httpRequest(
        {
          host: target.hostname,
          port: target.port,
          method: ctx.method,
          path: ctx.url,
          headers: forwardHeaders(ctx.req, ctx.ip),
        },
        (res) => {
          ctx.res.writeHead(res.statusCode ?? 502, res.headers);
          res.pipe(ctx.res);
          res.on('end', resolve);
          res.on('error', () => resolve());
        },
      );
      upstream.on('error', (err) => {
        log.warn({ err: err.message, path: ctx.path }, 'Prosody HTTP unreachable');
        if (!ctx.res.headersSent) {
          ctx.res.writeHead(502, { 'content-type': 'application/json' });
          ctx.res.end(JSON.stringify({ error: { code: 'unavailable', message: 'the XMPP server is not reachable' } }));
        } else ctx.res.destroy();
        resolve();
      });
      ctx.req.on('aborted', () => upstream.destroy());
      ctx.req.pipe(upstream);
    });
  };
}

/** Forwards WebSocket upgrades on the proxied paths to Prosody as raw TCP. */
export function attachWebSocketProxy(server: Server, origin: string, log: Logger): void {
  const target = new URL(origin);
  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    if (!isProxiedPath(new URL(req.url ?? '/', 'http://x').pathname)) {
      socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\n\r\n');
      return;
    }
    let connected = false;
    const upstream = connect(Number(target.port), target.hostname, () => {
      connected = true;
      const headers = forwardHeaders(req, req.socket.remoteAddress ?? '');
      const lines = [`${req.method} ${req.url} HTTP/1.1`];
      for (const [k, v] of Object.entries(headers)) {
        for (const value of Array.isArray(v) ? v : [v]) if (value !== undefined) lines.push(`${k}: ${value}`);
      }
      upstream.write(lines.join('\r\n') + '\r\n\r\n');
      if (head.length) upstream.write(head);
      upstream.pipe(socket);
      socket.pipe(upstream);
    });
    upstream.setNoDelay(true);
    const close = () => {
      upstream.destroy();
      socket.destroy();
    };
    upstream.on('error', (err) => {
      log.warn({ err: err.message }, 'WebSocket proxy: Prosody unreachable');
      // Before the upgrade the browser still speaks HTTP; after it, only frames may be sent.
      if (connected) socket.destroy();
      else socket.end('HTTP/1.1 502 Bad Gateway\r\nConnection: close\r\n\r\n');
    });
    socket.on('error', close);
    upstream.on('close', () => socket.destroy());
    socket.on('close', () => upstream.destroy());
  });
}

function forwardHeaders(req: IncomingMessage, clientIp: string): Record<string, string | string[] | undefined> {
  const headers = { ...req.headers };
  // Prosody trusts X-Forwarded-For only from loopback (trusted_proxies); we set it ourselves.
  headers['x-forwarded-for'] = clientIp;
  headers['x-forwarded-proto'] = 'https';
  return headers;
}
