// The CLI's HTTP client for the running gateway's API.

export class CliError extends Error {
  constructor(message: string, readonly exitCode: number) {
    super(message);
    this.name = 'CliError';
  }
}

export interface ApiClient {
  call<T = Record<string, unknown>>(method: string, path: string, body?: unknown): Promise<T>;
}

export function createApiClient(baseUrl: string, token: string): ApiClient {
  return {
    async call(method, path, body) {
      let res: Response;
      try {
        res = await fetch(`${baseUrl}/api${path}`, {
          method,
          headers: { authorization: `Bearer ${token}`, ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
          ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
        });
      } catch (err) {
        throw new CliError(`cannot reach the gateway at ${baseUrl} (${(err as Error).cause ?? (err as Error).message}): is it running?`, 3);
      }
      const text = await res.text();
      const json = text ? (JSON.parse(text) as Record<string, unknown>) : {};
      if (!res.ok) {
        const error = (json['error'] ?? {}) as { code?: string; message?: string };
        const hint = res.status === 401 ? ' (the credential is stale: restart the gateway, or check --url / SEALPOST_API_TOKEN)' : '';
        throw new CliError(`${error.message ?? res.statusText} [${error.code ?? res.status}]${hint}`, 1);
      }
      return json as never;
    },
  };
}
