// The gateway's HTTP application (Koa): the REST API under /api, the web client's files,
// and a proxy to Prosody's HTTP services (WebSocket, file uploads) on the same origin.
import Koa from 'koa';
import Router from '@koa/router';
import type { Logger } from '../log/logger.ts';
import { errorHandler } from './middleware/errorHandler.ts';
import { securityHeaders } from './middleware/securityHeaders.ts';
import { serveStatic } from './middleware/serveStatic.ts';
import { healthRoutes, type HealthDeps } from './routes/health/routes.ts';
import { prosodyHttpProxy } from './prosodyProxy.ts';

export interface AppDeps extends HealthDeps {
  log: Logger;
  /** Folder with the built web client (index.html at its root). */
  webclientDir: string;
  /** Prosody's internal HTTP origin, e.g. http://127.0.0.1:5280. */
  prosodyHttpOrigin: string;
}

export function createApp(deps: AppDeps): Koa {
  const app = new Koa();
  const log = deps.log.child({ module: 'http' });
  app.proxy = false; // X-Forwarded-* is trusted only from configured proxies (see routes using it)
  app.silent = true; // errors are logged by errorHandler

  const api = new Router({ prefix: '/api' });
  healthRoutes(api, deps);

  app.use(errorHandler(log));
  app.use(securityHeaders());
  app.use(prosodyHttpProxy(deps.prosodyHttpOrigin, log));
  app.use(api.routes());
  app.use(api.allowedMethods());
  app.use(async (ctx, next) => {
    if (ctx.path === '/api' || ctx.path.startsWith('/api/')) {
      ctx.status = 404;
      ctx.body = { error: { code: 'not_found', message: `no API route ${ctx.method} ${ctx.path}` } };
      return;
    }
    await next();
  });
  app.use(serveStatic(deps.webclientDir));
  return app;
}
