// The gateway's configuration: read from the environment in this one module, validated once
// at start-up with every problem listed (house rule 5). README.md documents each variable.
import { isIP } from 'node:net';
import { join, resolve } from 'node:path';
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

/** A rate such as `5/hour`, `60/min`, `10/30s`: a count per window. */
const RATE = /^(\d+)\/(\d+)?(s|secs?|seconds?|m|mins?|minutes?|h|hours?|d|days?)$/;
const rate = z
  .string()
  .regex(RATE, 'a rate such as 5/hour, 60/minute or 10/30s')
  .transform((s): RateLimit => {
    const [, count, n, unit] = RATE.exec(s)!;
    const unitMs = { s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 }[unit![0] as 's' | 'm' | 'h' | 'd'];
    return { count: Number(count), windowMs: Number(n ?? 1) * unitMs };
  });
/** An IP address or CIDR range (v4 or v6). */
const addressOrRange = z.string().refine((s) => {
  const [ip, bits, ...rest] = s.split('/');
  const family = isIP(ip ?? '');
  return family !== 0 && rest.length === 0 && (bits === undefined || (/^\d+$/.test(bits) && Number(bits) <= (family === 4 ? 32 : 128)));
}, 'an IP address or CIDR range, e.g. 10.0.0.0/8');

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
  SEALPOST_TRUSTED_PROXIES: list.pipe(z.array(addressOrRange)).default([]),
  SEALPOST_REGISTRATION: z.enum(['open', 'invite', 'closed']).default('invite'),
  SEALPOST_REGISTRATION_RATE_PER_ADDRESS: rate.default({ count: 5, windowMs: 3_600_000 }),
  SEALPOST_REGISTRATION_RATE_TOTAL: rate.default({ count: 60, windowMs: 3_600_000 }),
  SEALPOST_API_RATE_PER_ADDRESS: rate.default({ count: 600, windowMs: 60_000 }),
  SEALPOST_ADMIN_SESSION_TTL: z.coerce.number().int().min(60).max(86_400).default(900),
  SEALPOST_CORS_ORIGINS: list.pipe(z.array(z.url({ protocol: /^https?$/ }))).default([]),
  SEALPOST_DIRECTORY_REFRESH_AFTER: z.coerce.number().int().min(1).max(30 * 86_400).default(3600),
  SEALPOST_DIRECTORY_RATE_PER_ADDRESS: rate.default({ count: 300, windowMs: 60_000 }),
  SEALPOST_DIRECTORY_SIGNING_KEY: z.string().min(1).optional(),
  SEALPOST_HTTP_IDLE_TIMEOUT: z.coerce.number().int().min(1).max(3600).default(30),
  SEALPOST_HTTP_HEADERS_TIMEOUT: z.coerce.number().int().min(1).max(600).default(20),
  SEALPOST_UPLOADS_PER_ADDRESS: z.coerce.number().int().min(1).max(1000).default(4),
  SEALPOST_STANZA_SIZE_LIMIT: z.coerce.number().int().min(10_000).max(16 * 1024 * 1024).default(512 * 1024),
});

export interface RateLimit {
  count: number;
  windowMs: number;
}

export interface Config {
  domain: string;
  dataDir: string;
  http: {
    listen: string;
    port: number;
    publicUrl: string;
    trustedProxies: string[];
    /** A connection (or proxied request) that moves no byte for this long is closed. */
    idleTimeoutMs: number;
    /** Time a client has to send a request's headers. */
    headersTimeoutMs: number;
    /** Uploads (PUT /file_share/...) one client address may run at once. */
    uploadsPerAddress: number;
  };
  prosody: {
    host: string;
    c2sPort: number;
    c2sDirectTlsPort: number;
    s2sPort: number;
    componentPort: number;
    httpPort: number;
    /** Largest stanza Prosody accepts on c2s, WebSocket and s2s (read by prosody.cfg.lua too). */
    stanzaSizeLimit: number;
  };
  component: { jid: string; secret: string | undefined };
  mongodbUri: string | undefined;
  logLevel: z.infer<typeof schema>['SEALPOST_LOG_LEVEL'];
  webclientDir: string | undefined;
  registration: {
    /** `open`: anyone; `invite`: with an invite code; `closed`: only admins create accounts. */
    mode: 'open' | 'invite' | 'closed';
    ratePerAddress: RateLimit;
    rateTotal: RateLimit;
  };
  api: {
    ratePerAddress: RateLimit;
    /** Lifetime in seconds of the bearer tokens the component issues over XMPP. */
    sessionTokenTtlSeconds: number;
    /** Origins allowed to call the API from a browser (CORS); none by default. */
    corsOrigins: string[];
  };
  directory: {
    /** Seconds after which a lookup re-reads an address's PEP nodes. */
    refreshAfterSeconds: number;
    /** Key lookups (API and Web Key Directory) per client address. */
    ratePerAddress: RateLimit;
    /** PEM file of the Ed25519 key that signs the change log (created on first start). */
    signingKeyFile: string;
  };
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
      idleTimeoutMs: e.SEALPOST_HTTP_IDLE_TIMEOUT * 1000,
      headersTimeoutMs: e.SEALPOST_HTTP_HEADERS_TIMEOUT * 1000,
      uploadsPerAddress: e.SEALPOST_UPLOADS_PER_ADDRESS,
    },
    prosody: {
      host: e.SEALPOST_PROSODY_HOST,
      c2sPort: e.SEALPOST_C2S_PORT,
      c2sDirectTlsPort: e.SEALPOST_C2S_DIRECT_TLS_PORT,
      s2sPort: e.SEALPOST_S2S_PORT,
      componentPort: e.SEALPOST_COMPONENT_PORT,
      httpPort: e.SEALPOST_XMPP_HTTP_PORT,
      stanzaSizeLimit: e.SEALPOST_STANZA_SIZE_LIMIT,
    },
    component: { jid: e.SEALPOST_GATEWAY_JID ?? `gateway.${e.SEALPOST_DOMAIN}`, secret: e.SEALPOST_COMPONENT_SECRET },
    mongodbUri: e.SEALPOST_MONGODB_URI,
    logLevel: e.SEALPOST_LOG_LEVEL,
    webclientDir: e.SEALPOST_WEBCLIENT_DIR,
    registration: {
      mode: e.SEALPOST_REGISTRATION,
      ratePerAddress: e.SEALPOST_REGISTRATION_RATE_PER_ADDRESS,
      rateTotal: e.SEALPOST_REGISTRATION_RATE_TOTAL,
    },
    api: {
      ratePerAddress: e.SEALPOST_API_RATE_PER_ADDRESS,
      sessionTokenTtlSeconds: e.SEALPOST_ADMIN_SESSION_TTL,
      corsOrigins: e.SEALPOST_CORS_ORIGINS.map((o) => new URL(o).origin),
    },
    directory: {
      refreshAfterSeconds: e.SEALPOST_DIRECTORY_REFRESH_AFTER,
      ratePerAddress: e.SEALPOST_DIRECTORY_RATE_PER_ADDRESS,
      signingKeyFile: resolve(e.SEALPOST_DIRECTORY_SIGNING_KEY ?? join(resolve(e.SEALPOST_DATA_DIR), 'gateway', 'directory-signing-key.pem')),
    },
  };
}
