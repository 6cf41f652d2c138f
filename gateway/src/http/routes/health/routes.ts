// GET /api/health: Prosody, component and store status. 200 when all are up, 503 otherwise.
import type Router from '@koa/router';

export interface HealthDeps {
  /** Resolves when Prosody accepts connections; rejects otherwise. */
  checkProsody(): Promise<void>;
  componentOnline(): boolean;
  store: { kind: string; ping(): Promise<void> };
  version: string;
  startedAt: Date;
}

type Status = 'up' | 'down';

export function healthRoutes(router: Router, deps: HealthDeps): void {
  router.get('/health', async (ctx) => {
    const [prosody, store] = await Promise.all([
      settle(deps.checkProsody()),
      settle(withTimeout(deps.store.ping(), 2000)),
    ]);
    const component: Status = deps.componentOnline() ? 'up' : 'down';
    const ok = prosody === 'up' && component === 'up' && store === 'up';
    ctx.status = ok ? 200 : 503;
    ctx.set('Cache-Control', 'no-store');
    ctx.body = {
      status: ok ? 'up' : 'down',
      checks: { prosody, component, store },
      store: deps.store.kind,
      version: deps.version,
      uptimeSeconds: Math.round((Date.now() - deps.startedAt.getTime()) / 1000),
    };
  });
}

async function settle(p: Promise<unknown>): Promise<Status> {
  try {
    await p;
    return 'up';
  } catch {
    return 'down';
  }
}

function withTimeout<T>(p: Promise<T>, ms: number): Promise<T> {
  return Promise.race([p, new Promise<never>((_, reject) => setTimeout(() => reject(new Error('timeout')), ms).unref())]);
}
