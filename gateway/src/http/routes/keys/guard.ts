// What every public lookup (API and Web Key Directory) passes before its handler: readable
// from any origin (CORS `*`, GET only, no credentials), rate-limited per client address, and
// misses (400 and 404) answered no sooner than a fixed floor, so that neither a malformed
// name, an unknown one, nor one that needed a PEP read can be told apart by timing.
import type { Middleware } from 'koa';
import { AppError } from '../../../errors.ts';
import type { RateLimiter } from '../../../security/rateLimiter.ts';
import { perAddress, rateLimit } from '../../middleware/rateLimit.ts';

export const MISS_FLOOR_MS = 25;

export function lookupGuard(limiter: RateLimiter, missFloorMs = MISS_FLOOR_MS): Middleware {
  const limit = rateLimit(perAddress(limiter));
  return async (ctx, next) => {
    ctx.set('Access-Control-Allow-Origin', '*');
    ctx.remove('Vary');
    const started = performance.now();
    await limit(ctx, async () => {
      try {
        await next();
      } catch (err) {
        const status = err instanceof AppError ? err.status : 500;
        if (status === 400 || status === 404) {
          const wait = missFloorMs - (performance.now() - started);
          if (wait > 0) await new Promise((r) => setTimeout(r, wait));
        }
        throw err;
      }
    });
  };
}
