// Refuses a request with 429 (and Retry-After) when any of the given limiters says so; a
// request refused by one limiter gives back what it took from the others.
import type { Context, Middleware } from 'koa';
import { AppError } from '../../errors.ts';
import type { RateLimiter } from '../../security/rateLimiter.ts';
import { stateOf } from '../state.ts';

export interface Limit {
  limiter: RateLimiter;
  key(ctx: Context): string;
}

export const perAddress = (limiter: RateLimiter): Limit => ({ limiter, key: (ctx) => stateOf(ctx).address });
export const overall = (limiter: RateLimiter): Limit => ({ limiter, key: () => '*' });

export function rateLimit(...limits: Limit[]): Middleware {
  return async (ctx, next) => {
    const taken: Array<[Limit, string]> = [];
    for (const limit of limits) {
      const key = limit.key(ctx);
      const wait = limit.limiter.take(key);
      if (wait > 0) {
        for (const [l, k] of taken) l.limiter.refund(k);
        throw new AppError('rate_limited', `too many requests; retry in ${wait} s`, { retryAfterSeconds: wait });
      }
      taken.push([limit, key]);
    }
    await next();
  };
}
