// GET /api/openapi.json: the API's OpenAPI description (built once, on first request, after
// every route has been declared).
import type { Api } from '../../routeKit.ts';
import { buildOpenApi } from '../../openapi.ts';

export function openApiRoutes(api: Api, info: { version: string; serverUrl: string }): void {
  let doc: unknown;
  api.route({
    method: 'get',
    path: '/openapi.json',
    summary: 'This description',
    tag: 'meta',
    auth: 'none',
    success: { status: 200, description: 'OpenAPI 3.1 document' },
    async handler() {
      doc ??= buildOpenApi(api.specs, info);
      return doc;
    },
  });
}
