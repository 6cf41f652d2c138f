// Declares an API route once: the Koa pipeline `rateLimit -> auth -> body -> validate(schema)
// -> handler`, and its OpenAPI description (openapi.ts) from the same zod schemas. Every
// input is validated with strict schemas: unknown fields are refused, and the first problem
// is answered with 400 naming the field.
import type Router from '@koa/router';
import type { Context, Middleware } from 'koa';
import type { z } from 'zod';
import { AppError, type ErrorCode, errorCodes } from '../errors.ts';
import { jsonBody } from './middleware/jsonBody.ts';
import { stateOf } from './state.ts';

type Schema = z.ZodType;
type Infer<S> = S extends z.ZodType ? z.output<S> : undefined;

export interface RouteSpec<P extends Schema | undefined = Schema | undefined, Q extends Schema | undefined = Schema | undefined, B extends Schema | undefined = Schema | undefined> {
  method: 'get' | 'post' | 'put' | 'patch' | 'delete';
  /** Koa path under /api, e.g. `/admin/users/:username`. */
  path: string;
  summary: string;
  tag: string;
  auth: 'none' | 'admin';
  /** Replaces the API's default per-address limit. */
  rateLimit?: Middleware;
  params?: P;
  query?: Q;
  body?: B;
  /** Success status and description (errors come from the registry). */
  success: { status: number; description: string };
  /** Error codes this route may answer with, besides validation and auth. */
  errors?: ErrorCode[];
  handler(ctx: Context, input: { params: Infer<P>; query: Infer<Q>; body: Infer<B> }): Promise<unknown>;
}

export interface Api {
  route<P extends Schema | undefined, Q extends Schema | undefined, B extends Schema | undefined>(spec: RouteSpec<P, Q, B>): void;
  readonly specs: readonly RouteSpec[];
}

export function createApi(router: Router, deps: { requireAdmin: Middleware; defaultRateLimit: Middleware }): Api {
  const specs: RouteSpec[] = [];
  return {
    specs,
    route(spec) {
      specs.push(spec as unknown as RouteSpec);
      const pipeline: Middleware[] = [spec.rateLimit ?? deps.defaultRateLimit];
      if (spec.auth === 'admin') pipeline.push(deps.requireAdmin);
      if (spec.body) pipeline.push(jsonBody());
      pipeline.push(async (ctx) => {
        const input = {
          params: parse(spec.params, ctx.params, 'path'),
          query: parse(spec.query, { ...ctx.query }, 'query'),
          body: parse(spec.body, stateOf(ctx).body, 'body'),
        };
        const result = await spec.handler(ctx, input as Parameters<typeof spec.handler>[1]);
        ctx.set('Cache-Control', 'no-store');
        ctx.status = spec.success.status;
        if (spec.success.status !== 204) ctx.body = result;
      });
      router[spec.method](spec.path, ...pipeline);
    },
  };
}

function parse(schema: Schema | undefined, value: unknown, where: string): unknown {
  if (!schema) return undefined;
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issue = result.error.issues[0]!;
  const field = issue.path.length ? issue.path.join('.') : issue.code === 'unrecognized_keys' ? (issue as { keys: string[] }).keys.join(',') : where;
  const custom = (issue as { params?: { code?: string } }).params?.code;
  const code = custom && custom in errorCodes ? (custom as ErrorCode) : 'bad_request';
  const message = issue.code === 'unrecognized_keys' ? `unknown field in ${where}: ${field}` : `${field}: ${issue.message}`;
  return raise(code, message, field);
}

function raise(code: ErrorCode, message: string, field: string): never {
  throw new AppError(code, message, { field });
}
