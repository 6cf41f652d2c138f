// The composition root: builds the store, the XMPP component and the HTTP app from the
// configuration and wires them together. Nothing connects at import time.
import { createServer, type Server } from 'node:http';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Config } from './config/config.ts';
import type { Logger } from './log/logger.ts';
import { createApp } from './http/app.ts';
import { attachWebSocketProxy } from './http/prosodyProxy.ts';
import { createComponent, type GatewayComponent } from './xmpp/component.ts';
import { probeTcp } from './xmpp/probe.ts';
import { registerServiceDiscovery } from './xmpp/serviceDiscovery.ts';
import { openStore } from './store/openStore.ts';
import type { Store } from './store/store.ts';

const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

export interface Gateway {
  readonly server: Server;
  readonly component: GatewayComponent;
  readonly store: Store;
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
  registerServiceDiscovery(component, () => []);
  const prosodyHttpOrigin = `http://${config.prosody.host}:${config.prosody.httpPort}`;
  const app = createApp({
    log,
    webclientDir: config.webclientDir ?? defaultWebclientDir(),
    prosodyHttpOrigin,
    checkProsody: () => probeTcp(config.prosody.host, config.prosody.c2sPort),
    componentOnline: () => component.isOnline(),
    store,
    version: gatewayVersion(),
    startedAt: new Date(),
  });

  const server = createServer(app.callback());
  server.keepAliveTimeout = 65_000;
  server.requestTimeout = 0; // large uploads stream through for as long as they need
  attachWebSocketProxy(server, prosodyHttpOrigin, log);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.http.port, config.http.listen, () => resolve());
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : config.http.port;
  component.start();
  log.info({ port, domain: config.domain, store: store.kind }, 'gateway listening');

  return {
    server,
    component,
    store,
    url: `http://${config.http.listen.includes(':') ? `[${config.http.listen}]` : config.http.listen}:${port}`,
    async stop() {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      await component.stop();
      await store.close();
    },
  };
}

/** The built web client when there is one (webclient/dist), else its static placeholder. */
function defaultWebclientDir(): string {
  const built = join(repoRoot, 'webclient', 'dist');
  return existsSync(join(built, 'index.html')) ? built : join(repoRoot, 'webclient', 'public');
}

function gatewayVersion(): string {
  return (JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as { version: string }).version;
}
