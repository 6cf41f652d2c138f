// GET /api/health: Prosody, component and store status. 200 when all are up, 503 otherwise.
// Public and cheap: answered from the shared health check (health/healthCheck.ts, at most one
// probe of Prosody per half second whatever the request rate) and rate-limited per client
// address, except for requests from this machine (the launcher and local monitoring).
import type Router from '@koa/router';
import type { Middleware } from 'koa';
import type { HealthCheck } from '../../../health/healthCheck.ts';
import { stateOf } from '../../state.ts';

export interface HealthDeps {
  health: HealthCheck;
  store: { kind: string };
  version: string;
  startedAt: Date;
}

export function healthRoutes(router: Router, deps: HealthDeps & { rateLimit: Middleware }): void {
  const limitRemote: Middleware = (ctx, next) => (stateOf(ctx).local ? next() : deps.rateLimit(ctx, next));
  router.get('/health', limitRemote, async (ctx) => {
    const checks = await deps.health();
    const ok = checks.prosody === 'up' && checks.component === 'up' && checks.store === 'up';
    ctx.status = ok ? 200 : 503;
    ctx.set('Cache-Control', 'no-store');
    ctx.body = {
      status: ok ? 'up' : 'down',
      checks,
      store: deps.store.kind,
      version: deps.version,
      uptimeSeconds: Math.round((Date.now() - deps.startedAt.getTime()) / 1000),
    };
  });
}
