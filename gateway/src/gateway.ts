// The composition root: builds the store, the XMPP component and the HTTP app from the
// configuration and wires them together. Nothing connects at import time.
import { createServer, type Server } from 'node:http';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Config } from './config/config.ts';
import type { Logger } from './log/logger.ts';
import { createApp } from './http/app.ts';
import { attachWebSocketProxy } from './http/proxy/websocketUpgrade.ts';
import { createUploadLimiter } from './http/proxy/uploadLimiter.ts';
import { createAddressResolver } from './security/clientAddress.ts';
import { createComponent, type GatewayComponent } from './xmpp/component.ts';
import { probeTcp } from './xmpp/probe.ts';
import { createHealthCheck } from './health/healthCheck.ts';
import { registerServiceDiscovery } from './xmpp/serviceDiscovery.ts';
import { openStore } from './store/openStore.ts';
import type { Store } from './store/store.ts';
import { createAccountsContext, type AccountsContext } from './accounts/context.ts';
import { startHousekeeping } from './accounts/housekeeping.ts';
import { issueCliToken, issueSessionToken } from './accounts/tokens.ts';
import { removeCliCredential, writeCliCredential } from './cli/credential.ts';
import { createIdGenerator } from './security/ids.ts';
import { createRateLimiter } from './security/rateLimiter.ts';
import { createProsodyAccounts } from './xmpp/prosodyAccounts.ts';
import { registerTokenService } from './xmpp/tokenService.ts';
import { NS_DIRECTORY, NS_GATEWAY_TOKEN } from '@sealpost/protocol';
import { openDirectory, type DirectoryContext } from './directory/context.ts';
import { registerDirectoryService } from './directory/directoryService.ts';
import { loadOrCreateSigner } from './directory/signer.ts';

const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

export interface Gateway {
  readonly server: Server;
  readonly component: GatewayComponent;
  readonly store: Store;
  readonly accounts: AccountsContext;
  readonly directory: DirectoryContext;
  /** The URL the HTTP server listens on (resolved port when configured as 0). */
  readonly url: string;
  stop(): Promise<void>;
}

export async function startGateway(config: Config & { component: { secret: string } }, log: Logger): Promise<Gateway> {
  const store = await openStore(config);
  const component = createComponent({
    jid: config.component.jid,
    secret: config.component.secret,
    service: `xmpp://${config.prosody.host}:${config.prosody.componentPort}`,
    log,
  });
  registerServiceDiscovery(component, () => [NS_GATEWAY_TOKEN, NS_DIRECTORY]);
  const accounts = createAccountsContext({
    store,
    prosody: createProsodyAccounts(component, config.domain),
    domain: config.domain,
    publicUrl: config.http.publicUrl,
    registrationMode: config.registration.mode,
    sessionTokenTtlSeconds: config.api.sessionTokenTtlSeconds,
    now: () => new Date(),
    newId: createIdGenerator(),
    log,
  });
  registerTokenService(component, {
    domain: config.domain,
    limiter: createRateLimiter({ count: 30, windowMs: 60_000 }),
    issue: (username) => issueSessionToken(accounts, username),
  });
  const { signer, created: signerCreated } = loadOrCreateSigner(config.directory.signingKeyFile);
  if (signerCreated) log.info({ signer: signer.id }, 'key directory signing key created');
  const directory = await openDirectory({
    store,
    domain: config.domain,
    signer,
    pep: (iq) => {
      iq.attrs.from ??= component.jid; // PEP reads come from the component's own JID
      return component.request(iq, 5000);
    },
    refreshAfterMs: config.directory.refreshAfterSeconds * 1000,
    now: () => new Date(),
    newId: createIdGenerator(),
    log,
  });
  registerDirectoryService(component, directory, {
    noticeLimiter: createRateLimiter({ count: 20, windowMs: 60_000 }),
    lookupLimiter: createRateLimiter({ count: 120, windowMs: 60_000 }),
  });
  const prosodyHttpOrigin = `http://${config.prosody.host}:${config.prosody.httpPort}`;
  const app = createApp({
    log,
    webclientDir: config.webclientDir ?? defaultWebclientDir(),
    prosodyHttpOrigin,
    proxy: { host: config.domain, idleTimeoutMs: config.http.idleTimeoutMs, uploads: createUploadLimiter(config.http.uploadsPerAddress) },
    health: createHealthCheck({
      checkProsody: () => probeTcp(config.prosody.host, config.prosody.c2sPort),
      componentOnline: () => component.isOnline(),
      store,
    }),
    store,
    version: gatewayVersion(),
    startedAt: new Date(),
    accounts,
    directory,
    publicUrl: config.http.publicUrl,
    trustedProxies: config.http.trustedProxies,
    corsOrigins: config.api.corsOrigins,
    rates: {
      registerPerAddress: config.registration.ratePerAddress,
      registerTotal: config.registration.rateTotal,
      apiPerAddress: config.api.ratePerAddress,
      directoryPerAddress: config.directory.ratePerAddress,
    },
  });

  const { idleTimeoutMs, headersTimeoutMs } = config.http;
  const server = createServer(
    // Expired header timeouts are found by a periodic sweep: sweep often enough for the bound.
    { connectionsCheckingInterval: Math.max(250, Math.min(30_000, Math.floor(headersTimeoutMs / 4))) },
    app.callback(),
  );
  server.keepAliveTimeout = 65_000;
  // No bound on a whole request (a large upload streams for as long as it needs), but slow
  // headers and connections that go silent mid-request (no byte either way) are closed.
  server.requestTimeout = 0;
  server.headersTimeout = headersTimeoutMs;
  server.timeout = idleTimeoutMs;
  attachWebSocketProxy(server, {
    origin: prosodyHttpOrigin,
    host: config.domain,
    resolveAddress: createAddressResolver(config.http.trustedProxies),
    idleTimeoutMs,
    stanzaSizeLimit: config.prosody.stanzaSizeLimit,
    log,
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.http.port, config.http.listen, () => resolve());
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : config.http.port;
  component.start();
  const url = `http://${hostForUrl(config.http.listen)}:${port}`;
  // The local CLI's credential (cli/credential.ts): a fresh token, the old one revoked.
  const cliToken = await issueCliToken(accounts);
  writeCliCredential(config.dataDir, { url, token: cliToken, pid: process.pid });
  const housekeeping = startHousekeeping(accounts);
  log.info({ port, domain: config.domain, store: store.kind, registration: config.registration.mode }, 'gateway listening');

  return {
    server,
    component,
    store,
    accounts,
    directory,
    url,
    async stop() {
      housekeeping.stop();
      removeCliCredential(config.dataDir, cliToken);
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      await component.stop();
      await store.close();
    },
  };
}

/** Where this machine reaches the server: loopback when it listens on every interface. */
function hostForUrl(listen: string): string {
  if (listen === '0.0.0.0' || listen === '') return '127.0.0.1';
  if (listen === '::') return '[::1]';
  return listen.includes(':') ? `[${listen}]` : listen;
}

/** The built web client when there is one (webclient/dist), else its static placeholder. */
function defaultWebclientDir(): string {
  const built = join(repoRoot, 'webclient', 'dist');
  return existsSync(join(built, 'index.html')) ? built : join(repoRoot, 'webclient', 'public');
}

function gatewayVersion(): string {
  return (JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as { version: string }).version;
}
