// One Sealpost stack on this machine: Prosody and the gateway, from SEALPOST_* variables.
// Used by `npm start` (runLocal.ts) and by the tests (tests/harness/); Docker runs the same
// two commands in two containers.
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readConfig, type Config } from '../../gateway/src/config/config.ts';
import { prepareLocalFiles, type LocalFiles } from './localConfig.ts';
import { startProcess, tail, tcpOpen, waitUntil, type Supervised } from './processes.ts';
import { startProsody } from './prosody.ts';

export const REPO_ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

export interface Stack {
  config: Config;
  files: LocalFiles;
  /** The full environment both processes were started with. */
  env: NodeJS.ProcessEnv;
  prosody: Supervised;
  gateway: Supervised;
  /** Gateway base URL on loopback, e.g. http://127.0.0.1:8080 */
  gatewayUrl: string;
  stop(): Promise<void>;
}

export interface PreparedStack {
  /** The gateway's configuration, with the component secret filled in. */
  config: Config & { component: { secret: string } };
  files: LocalFiles;
  /** The full environment both processes run with. */
  env: NodeJS.ProcessEnv;
}

/** Validates the variables, checks the ports are free and prepares the data folder. */
export async function prepareStack(vars: Record<string, string | undefined>): Promise<PreparedStack> {
  const config = readConfig(vars);
  const ports = {
    SEALPOST_HTTP_PORT: config.http.port,
    SEALPOST_C2S_PORT: config.prosody.c2sPort,
    SEALPOST_C2S_DIRECT_TLS_PORT: config.prosody.c2sDirectTlsPort,
    SEALPOST_COMPONENT_PORT: config.prosody.componentPort,
    SEALPOST_XMPP_HTTP_PORT: config.prosody.httpPort,
    ...(isLocalDomain(config.domain) ? {} : { SEALPOST_S2S_PORT: config.prosody.s2sPort }),
  };
  await assertPortsFree(ports);
  const files = prepareLocalFiles({
    dataDir: config.dataDir,
    domain: config.domain,
    certFile: vars['SEALPOST_TLS_CERT'],
    keyFile: vars['SEALPOST_TLS_KEY'],
    componentSecret: vars['SEALPOST_COMPONENT_SECRET'],
  });
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    ...vars,
    SEALPOST_DOMAIN: config.domain,
    SEALPOST_DATA_DIR: config.dataDir,
    SEALPOST_PROSODY_DATA_DIR: files.prosodyDataDir,
    SEALPOST_TLS_CERT: files.certFile,
    SEALPOST_TLS_KEY: files.keyFile,
    SEALPOST_COMPONENT_SECRET: files.componentSecret,
    SEALPOST_PUBLIC_URL: config.http.publicUrl,
    SEALPOST_GATEWAY_JID: config.component.jid,
    SEALPOST_S2S_PORT: String(config.prosody.s2sPort),
    ...Object.fromEntries(Object.entries(ports).map(([k, v]) => [k, String(v)])),
  };
  return { config: { ...config, component: { ...config.component, secret: files.componentSecret } }, files, env };
}

/** Starts Prosody from a prepared stack and waits until its ports listen. */
export function startStackProsody({ config, files, env }: PreparedStack): Promise<Supervised> {
  return startProsody({
    env,
    logFile: join(files.logDir, 'prosody.log'),
    runAsProsodyUser: files.prosodyUser !== undefined,
    ports: [config.prosody.c2sPort, config.prosody.componentPort, config.prosody.httpPort],
  });
}

export async function startStack(vars: Record<string, string | undefined>): Promise<Stack> {
  const prepared = await prepareStack(vars);
  const { config, files, env } = prepared;
  const prosody = await startStackProsody(prepared);
  const gateway = startGatewayProcess(env, join(files.logDir, 'gateway.log'));
  const host = config.http.listen === '0.0.0.0' || config.http.listen === '::' ? '127.0.0.1' : config.http.listen;
  const gatewayUrl = `http://${host.includes(':') ? `[${host}]` : host}:${config.http.port}`;
  try {
    // Generous: on a loaded machine Prosody can be slow to answer the component's first handshake.
    await waitUntil(gateway, 'healthy', () => expectHealthy(gatewayUrl), 45_000);
  } catch (err) {
    await Promise.all([gateway.stop(), prosody.stop()]);
    throw new Error(`${(err as Error).message}\nprosody log (${prosody.logFile}):\n${tail(prosody.logFile, 15)}`);
  }
  return {
    config,
    files,
    env,
    prosody,
    gateway,
    gatewayUrl,
    async stop() {
      await gateway.stop();
      await prosody.stop();
    },
  };
}

export function startGatewayProcess(env: NodeJS.ProcessEnv, logFile: string): Supervised {
  return startProcess('gateway', process.execPath, ['--import', 'tsx', 'gateway/src/main.ts'], {
    env: { ...env, SEALPOST_EXIT_WITH_PARENT: '1' },
    logFile,
    cwd: REPO_ROOT,
    stdinPipe: true,
  });
}

async function expectHealthy(url: string): Promise<void> {
  const res = await fetch(`${url}/api/health`);
  if (res.status !== 200) throw new Error(`health ${res.status}`);
}

function isLocalDomain(domain: string): boolean {
  return domain === 'localhost' || domain.endsWith('.localhost');
}

async function assertPortsFree(ports: Record<string, number>): Promise<void> {
  const busy: string[] = [];
  await Promise.all(
    Object.entries(ports).map(async ([name, port]) => {
      const inUse = await tcpOpen('127.0.0.1', port).then(() => true, () => false);
      if (inUse) busy.push(`port ${port} (${name}) is already in use: stop what uses it or set ${name}`);
    }),
  );
  if (busy.length) throw new Error(busy.sort().join('\n'));
}
