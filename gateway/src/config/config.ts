// The gateway's configuration: read from the environment in this one module, validated once
// at start-up with every problem listed (house rule 5). README.md documents each variable.
import { resolve } from 'node:path';
import { z } from 'zod';

const port = (fallback: number) => z.coerce.number().int().min(1).max(65535).default(fallback);
const domainName = z
  .string()
  .min(1)
  .max(253)
  .regex(/^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*$/, 'a lowercase DNS name, e.g. example.org');
const list = z
  .string()
  .transform((s) => s.split(/[\s,]+/).filter(Boolean));

const schema = z.object({
  SEALPOST_DOMAIN: domainName.default('localhost'),
  SEALPOST_DATA_DIR: z.string().min(1).default('./var'),
  SEALPOST_HTTP_LISTEN: z.string().min(1).default('127.0.0.1'),
  SEALPOST_HTTP_PORT: port(8080),
  SEALPOST_PUBLIC_URL: z.url({ protocol: /^https?$/ }).optional(),
  SEALPOST_PROSODY_HOST: z.string().min(1).default('127.0.0.1'),
  SEALPOST_C2S_PORT: port(5222),
  SEALPOST_C2S_DIRECT_TLS_PORT: port(5223),
  SEALPOST_S2S_PORT: port(5269),
  SEALPOST_COMPONENT_PORT: port(5347),
  SEALPOST_XMPP_HTTP_PORT: port(5280),
  SEALPOST_GATEWAY_JID: domainName.optional(),
  SEALPOST_COMPONENT_SECRET: z.string().min(16, 'at least 16 characters').optional(),
  SEALPOST_MONGODB_URI: z.string().regex(/^mongodb(\+srv)?:\/\//, 'a mongodb:// URI').optional(),
  SEALPOST_LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  SEALPOST_WEBCLIENT_DIR: z.string().min(1).optional(),
  SEALPOST_TRUSTED_PROXIES: list.default([]),
});

export interface Config {
  domain: string;
  dataDir: string;
  http: { listen: string; port: number; publicUrl: string; trustedProxies: string[] };
  prosody: {
    host: string;
    c2sPort: number;
    c2sDirectTlsPort: number;
    s2sPort: number;
    componentPort: number;
    httpPort: number;
  };
  component: { jid: string; secret: string | undefined };
  mongodbUri: string | undefined;
  logLevel: z.infer<typeof schema>['SEALPOST_LOG_LEVEL'];
  webclientDir: string | undefined;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/**
 * Reads and validates the configuration; throws a ConfigError listing every problem.
 * The gateway itself needs the component secret; the launcher reads the rest before making one.
 */
export function readConfig(
  env: Record<string, string | undefined> = process.env,
  options: { requireSecret?: boolean } = {},
): Config {
  // An empty variable means "not set", as in shells and compose files.
  const present = Object.fromEntries(Object.entries(env).filter(([k, v]) => k.startsWith('SEALPOST_') && v !== ''));
  const parsed = schema.safeParse(present);
  const problems = parsed.success ? [] : parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
  if (options.requireSecret && !present['SEALPOST_COMPONENT_SECRET']) {
    problems.push('SEALPOST_COMPONENT_SECRET: required (npm start generates one in the data folder)');
  }
  if (!parsed.success || problems.length > 0) throw new ConfigError(problems);
  const e = parsed.data;
  return {
    domain: e.SEALPOST_DOMAIN,
    dataDir: resolve(e.SEALPOST_DATA_DIR),
    http: {
      listen: e.SEALPOST_HTTP_LISTEN,
      port: e.SEALPOST_HTTP_PORT,
      publicUrl: (e.SEALPOST_PUBLIC_URL ?? `http://localhost:${e.SEALPOST_HTTP_PORT}`).replace(/\/+$/, ''),
      trustedProxies: e.SEALPOST_TRUSTED_PROXIES,
    },
    prosody: {
      host: e.SEALPOST_PROSODY_HOST,
      c2sPort: e.SEALPOST_C2S_PORT,
      c2sDirectTlsPort: e.SEALPOST_C2S_DIRECT_TLS_PORT,
      s2sPort: e.SEALPOST_S2S_PORT,
      componentPort: e.SEALPOST_COMPONENT_PORT,
      httpPort: e.SEALPOST_XMPP_HTTP_PORT,
    },
    component: { jid: e.SEALPOST_GATEWAY_JID ?? `gateway.${e.SEALPOST_DOMAIN}`, secret: e.SEALPOST_COMPONENT_SECRET },
    mongodbUri: e.SEALPOST_MONGODB_URI,
    logLevel: e.SEALPOST_LOG_LEVEL,
    webclientDir: e.SEALPOST_WEBCLIENT_DIR,
  };
}
