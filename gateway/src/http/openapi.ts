// The OpenAPI 3.1 description of the API, generated from the same route specs and zod
// schemas that validate requests (so it cannot drift from what the server accepts).
import { z } from 'zod';
import { errorCodes, type ErrorCode } from '../errors.ts';
import type { RouteSpec } from './routeKit.ts';

type JsonSchema = Record<string, unknown> & { properties?: Record<string, JsonSchema>; required?: string[] };

const toSchema = (schema: z.ZodType): JsonSchema => {
  const { $schema: _ignored, ...rest } = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as JsonSchema;
  return rest;
};

function parameters(schema: z.ZodType | undefined, location: 'path' | 'query') {
  if (!schema) return [];
  const json = toSchema(schema);
  return Object.entries(json.properties ?? {}).map(([name, s]) => ({
    name,
    in: location,
    required: location === 'path' || (json.required ?? []).includes(name),
    schema: s,
    ...(typeof s['description'] === 'string' ? { description: s['description'] } : {}),
  }));
}

const errorResponse = (code: ErrorCode) => ({ description: code, content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } });

export function buildOpenApi(specs: readonly RouteSpec[], info: { version: string; serverUrl: string }) {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const spec of specs) {
    const path = `/api${spec.path.replace(/:([A-Za-z_]+)/g, '{$1}')}`;
    const codes = new Set<ErrorCode>(['bad_request', ...(spec.errors ?? []), 'rate_limited', 'internal']);
    if (spec.auth === 'admin') { codes.add('unauthorized'); codes.add('forbidden'); }
    const responses: Record<string, unknown> = { [spec.success.status]: { description: spec.success.description, ...(spec.success.status === 204 ? {} : { content: { 'application/json': {} } }) } };
    for (const code of codes) responses[String(errorCodes[code].http)] ??= errorResponse(code);
    (paths[path] ??= {})[spec.method] = {
      summary: spec.summary,
      tags: [spec.tag],
      operationId: `${spec.method}${spec.path.replace(/[/:-]+(\w)/g, (_, c: string) => c.toUpperCase())}`,
      ...(spec.auth === 'admin' ? { security: [{ bearer: [] }] } : { security: [] }),
      parameters: [...parameters(spec.params, 'path'), ...parameters(spec.query, 'query')],
      ...(spec.body ? { requestBody: { required: true, content: { 'application/json': { schema: toSchema(spec.body) } } } } : {}),
      responses,
    };
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Sealpost gateway API',
      version: info.version,
      description:
        'Registration and administration of a Sealpost server. Admin routes take `Authorization: Bearer <token>`: ' +
        'a session token from the component over XMPP (urn:sealpost:gateway:token:0), an API token, or the local CLI token. ' +
        'Errors are `{ error: { code, message, field? } }`.',
    },
    servers: [{ url: info.serverUrl }],
    components: {
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } },
      schemas: {
        Error: {
          type: 'object',
          required: ['error'],
          properties: {
            error: {
              type: 'object',
              required: ['code', 'message'],
              properties: { code: { type: 'string', enum: Object.keys(errorCodes) }, message: { type: 'string' }, field: { type: 'string' } },
            },
          },
        },
      },
    },
    paths,
  };
}
