// Plain HTTP requests to Prosody's upload service (XEP-0363 slots under /file_share/), streamed
// both ways so that uploads up to the size limit never sit in memory. Node's HTTP parser has
// already framed the request (it refuses Content-Length with Transfer-Encoding, RFC 9112
// §6.3), so exactly one request goes to Prosody per client request, on its own connection,
// with headers the gateway chose (forwardedHeaders.ts).
import { request as httpRequest, type IncomingMessage, type ServerResponse } from 'node:http';
import type { Middleware } from 'koa';
import { AppError } from '../../errors.ts';
import type { Logger } from '../../log/logger.ts';
import { forwardedHeaders, type ForwardContext } from './forwardedHeaders.ts';
import { matchProxyRoute } from './routes.ts';
import type { UploadLimiter } from './uploadLimiter.ts';

export interface HttpProxyOptions extends ForwardContext {
  /** Prosody's internal HTTP origin, e.g. http://127.0.0.1:5280. */
  origin: string;
  /** No byte either way for this long: the exchange is abandoned. */
  idleTimeoutMs: number;
  uploads: UploadLimiter;
  log: Logger;
}

/** RFC 9110 §7.6.1 hop-by-hop response headers, which Node frames again itself. */
const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'proxy-connection', 'transfer-encoding', 'upgrade', 'te', 'trailer']);

export function prosodyHttpProxy(options: HttpProxyOptions): Middleware {
  const target = new URL(options.origin);
  const log = options.log.child({ module: 'http-proxy' });
  return async (ctx, next) => {
    const route = matchProxyRoute(ctx.method, ctx.path);
    if (route.kind === 'none') return next();
    // A refused request's body is never read: the connection closes after the answer
    // (RFC 9112 §9.6), instead of idling in keep-alive while the client sends it.
    const refuse = (err: AppError): never => {
      if (ctx.get('content-length') || ctx.get('transfer-encoding')) ctx.set('Connection', 'close');
      throw err;
    };
    if (route.kind === 'refused') {
      if (route.allow) ctx.set('Allow', route.allow);
      if (route.status === 426) ctx.set('Upgrade', 'websocket');
      const code = route.status === 405 ? 'method_not_allowed' : route.status === 426 ? 'upgrade_required' : 'not_found';
      return refuse(new AppError(code, route.message));
    }
    const { headers, address } = forwardedHeaders('file_share', ctx.req.headers, ctx.req.socket.remoteAddress, options);
    let release: (() => void) | undefined;
    if (ctx.method === 'PUT') {
      release = options.uploads.acquire(address);
      if (!release) {
        return refuse(new AppError('rate_limited', 'too many uploads at once from this address: wait for one to finish', { retryAfterSeconds: 5 }));
      }
    }
    ctx.respond = false;
    try {
      await relay(ctx.req, ctx.res, { host: target.hostname, port: Number(target.port), method: ctx.method, path: route.path, headers }, options.idleTimeoutMs, log);
    } finally {
      release?.();
    }
  };
}

interface Target {
  host: string;
  port: number;
  method: string;
  path: string;
  headers: Record<string, string>;
}

/** Streams one request to Prosody and its response back; resolves when both are done. */
function relay(req: IncomingMessage, res: ServerResponse, target: Target, idleTimeoutMs: number, log: Logger): Promise<void> {
  return new Promise<void>((resolve) => {
    let settled = false;
    const finish = () => {
      if (settled) return;
      settled = true;
      resolve();
    };
    const fail = (status: 502 | 504, message: string) => {
      if (!res.headersSent) {
        res.writeHead(status, { 'content-type': 'application/json', connection: 'close' });
        res.end(JSON.stringify({ error: { code: 'unavailable', message } }));
      } else res.destroy();
      finish();
    };
    const upstream = httpRequest({ ...target, agent: false }, (up) => {
      const headers: Record<string, string | string[]> = {};
      for (const [name, value] of Object.entries(up.headers)) {
        if (value !== undefined && !HOP_BY_HOP.has(name)) headers[name] = value;
      }
      res.writeHead(up.statusCode ?? 502, headers);
      up.pipe(res);
      up.on('error', (err) => {
        log.debug({ err: err.message, path: target.path }, 'Prosody response broke off');
        res.destroy();
        finish();
      });
    });
    // Idle on Prosody's side (the client's side is the HTTP server's idle timeout).
    upstream.setTimeout(idleTimeoutMs, () => {
      log.warn({ path: target.path }, 'Prosody HTTP idle: request abandoned');
      upstream.destroy();
      fail(504, 'the XMPP server did not answer in time');
    });
    upstream.on('error', (err) => {
      if (settled) return;
      log.warn({ err: err.message, path: target.path }, 'Prosody HTTP unreachable');
      fail(502, 'the XMPP server is not reachable');
    });
    // Done, or the client went away (or timed out) first: then stop Prosody's side too.
    res.on('close', () => {
      if (!res.writableFinished) upstream.destroy();
      finish();
    });
    req.pipe(upstream);
  });
}
