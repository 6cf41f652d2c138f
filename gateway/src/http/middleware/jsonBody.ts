// Reads a JSON request body (application/json only, at most `limit` bytes) into ctx.state.body.
import type { Middleware } from 'koa';
import { AppError } from '../../errors.ts';
import { stateOf } from '../state.ts';

export function jsonBody(limit = 64 * 1024): Middleware {
  return async (ctx, next) => {
    const length = Number(ctx.get('content-length') || 0);
    if (length === 0 && !ctx.get('transfer-encoding')) {
      stateOf(ctx).body = {};
      return next();
    }
    if (!ctx.is('application/json')) throw new AppError('unsupported_media_type', 'the body must be application/json');
    if (length > limit) throw new AppError('payload_too_large', `the body must be at most ${limit} bytes`);
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of ctx.req as AsyncIterable<Buffer>) {
      size += chunk.length;
      if (size > limit) throw new AppError('payload_too_large', `the body must be at most ${limit} bytes`);
      chunks.push(chunk);
    }
    try {
      stateOf(ctx).body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
    } catch {
      throw new AppError('bad_request', 'the body is not valid JSON');
    }
    await next();
  };
}
