// Turns thrown errors into JSON responses through the error registry; 5xx details stay in logs.
import type { Middleware } from 'koa';
import type { Logger } from '../../log/logger.ts';
import { toAppError } from '../../errors.ts';

export function errorHandler(log: Logger): Middleware {
  return async (ctx, next) => {
    try {
      await next();
    } catch (err) {
      const e = toAppError(err);
      if (!e.expose) log.error({ err, method: ctx.method, path: ctx.path }, 'request failed');
      ctx.status = e.status;
      if (e.code === 'unauthorized') ctx.set('WWW-Authenticate', 'Bearer realm="sealpost"');
      if (typeof e.details['retryAfterSeconds'] === 'number') ctx.set('Retry-After', String(e.details['retryAfterSeconds']));
      ctx.body = {
        error: e.expose
          ? { code: e.code, message: e.message, ...(e.details.field ? { field: e.details.field } : {}) }
          : { code: e.code, message: 'internal error' },
      };
    }
  };
}
