// The gateway's HTTP application (Koa): the REST API under /api, the web client's files,
// and a proxy to Prosody's HTTP services (WebSocket, file uploads) on the same origin.
import Koa from 'koa';
import Router from '@koa/router';
import type { AccountsContext } from '../accounts/context.ts';
import type { DirectoryContext } from '../directory/context.ts';
import type { RateLimit } from '../config/config.ts';
import type { Logger } from '../log/logger.ts';
import { createAddressResolver } from '../security/clientAddress.ts';
import { createRateLimiter } from '../security/rateLimiter.ts';
import { requireAdmin } from './middleware/auth.ts';
import { clientAddress } from './middleware/clientAddress.ts';
import { cors } from './middleware/cors.ts';
import { errorHandler } from './middleware/errorHandler.ts';
import { overall, perAddress, rateLimit } from './middleware/rateLimit.ts';
import { securityHeaders } from './middleware/securityHeaders.ts';
import { serveStatic } from './middleware/serveStatic.ts';
import { createApi } from './routeKit.ts';
import { healthRoutes, type HealthDeps } from './routes/health/routes.ts';
import { registerRoutes } from './routes/register/routes.ts';
import { adminUserRoutes } from './routes/admin/users/routes.ts';
import { adminInviteRoutes } from './routes/admin/invites/routes.ts';
import { adminTokenRoutes } from './routes/admin/tokens/routes.ts';
import { adminAuditRoutes } from './routes/admin/audit/routes.ts';
import { adminStatsRoutes } from './routes/admin/stats/routes.ts';
import { openApiRoutes } from './routes/openapi/routes.ts';
import { keyRoutes } from './routes/keys/routes.ts';
import { lookupGuard } from './routes/keys/guard.ts';
import { wkdRoutes } from './routes/wkd/routes.ts';
import { adminKeyRoutes } from './routes/admin/keys/routes.ts';
import { prosodyHttpProxy } from './proxy/httpProxy.ts';
import type { UploadLimiter } from './proxy/uploadLimiter.ts';

export interface AppDeps extends HealthDeps {
  log: Logger;
  /** Folder with the built web client (index.html at its root). */
  webclientDir: string;
  /** Prosody's internal HTTP origin, e.g. http://127.0.0.1:5280. */
  prosodyHttpOrigin: string;
  /** The proxy to Prosody's uploads: its Host (the XMPP domain), idle bound and upload cap. */
  proxy: { host: string; idleTimeoutMs: number; uploads: UploadLimiter };
  accounts: AccountsContext;
  directory: DirectoryContext;
  publicUrl: string;
  trustedProxies: readonly string[];
  corsOrigins: readonly string[];
  rates: { registerPerAddress: RateLimit; registerTotal: RateLimit; apiPerAddress: RateLimit; directoryPerAddress: RateLimit };
}

export function createApp(deps: AppDeps): Koa {
  const app = new Koa();
  const log = deps.log.child({ module: 'http' });
  app.proxy = false; // the client address comes from clientAddress (trusted proxies only)
  app.silent = true; // errors are logged by errorHandler

  const router = new Router({ prefix: '/api' });
  const defaultRateLimit = rateLimit(perAddress(createRateLimiter(deps.rates.apiPerAddress)));
  healthRoutes(router, { ...deps, rateLimit: defaultRateLimit });
  const api = createApi(router, { requireAdmin: requireAdmin(deps.accounts), defaultRateLimit });
  registerRoutes(api, {
    accounts: deps.accounts,
    rateLimit: rateLimit(perAddress(createRateLimiter(deps.rates.registerPerAddress)), overall(createRateLimiter(deps.rates.registerTotal))),
  });
  adminUserRoutes(api, deps.accounts);
  adminInviteRoutes(api, deps.accounts);
  adminTokenRoutes(api, deps.accounts);
  adminAuditRoutes(api, deps.accounts);
  adminStatsRoutes(api, deps.accounts);
  // The key directory: lookups (API and Web Key Directory) share one per-address limit.
  const guard = lookupGuard(createRateLimiter(deps.rates.directoryPerAddress));
  keyRoutes(api, { directory: deps.directory, guard });
  adminKeyRoutes(api, deps.directory);
  const wellKnown = new Router();
  wkdRoutes(wellKnown, { directory: deps.directory, guard });
  openApiRoutes(api, { version: deps.version, serverUrl: deps.publicUrl });

  app.use(errorHandler(log));
  app.use(securityHeaders());
  const resolveAddress = createAddressResolver(deps.trustedProxies);
  app.use(clientAddress(resolveAddress));
  app.use(cors(deps.corsOrigins));
  app.use(prosodyHttpProxy({ origin: deps.prosodyHttpOrigin, resolveAddress, log, ...deps.proxy }));
  app.use(wellKnown.routes());
  app.use(router.routes());
  app.use(router.allowedMethods());
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
