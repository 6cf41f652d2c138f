// The integration-test stack: a real Prosody on free loopback ports with a throwaway data
// folder, and the real gateway against it (in this process, so tests can reach its parts).
// Everything stops when the test file ends, even when it fails.
import { copyFileSync, mkdtempSync, mkdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { prepareStack, startStackProsody, REPO_ROOT, type PreparedStack } from '../../scripts/stack/stack.ts';
import type { Supervised } from '../../scripts/stack/processes.ts';
import { startGateway, type Gateway } from '../../gateway/src/gateway.ts';
import { addUser } from '../../gateway/src/xmpp/adminCommands.ts';
import { freeStackPorts } from './freePorts.ts';
import { connectClient, type ConnectOptions, type TestClient } from './xmppClient.ts';

export const TEST_CA_FILE = join(REPO_ROOT, 'tests/fixtures/tls/localhost.crt');

export interface TestStack {
  domain: string;
  host: '127.0.0.1';
  c2sPort: number;
  c2sDirectTlsPort: number;
  httpPort: number;
  /** Prosody's internal HTTP port (WebSocket, uploads); the gateway proxies to it. */
  xmppHttpPort: number;
  gatewayUrl: string;
  /** PEM file of the certificate Prosody presents (trusted by tests via NODE_EXTRA_CA_CERTS). */
  caFile: string;
  dataDir: string;
  prepared: PreparedStack;
  gateway: Gateway;
  prosody: Supervised;
  /** Creates an XMPP account through the gateway component (XEP-0133 add-user). */
  createUser(localpart: string, password: string): Promise<void>;
  /** An online @xmpp/client session (STARTTLS by default) for an existing account. */
  xmppClient(localpart: string, password: string, options?: Partial<ConnectOptions>): Promise<TestClient>;
  stopProsody(): Promise<void>;
  startProsody(): Promise<void>;
  stop(): Promise<void>;
}

export interface StackOptions {
  /** Extra SEALPOST_* variables (e.g. a small upload limit, open registration). */
  env?: Record<string, string>;
  /** Log level of the gateway and Prosody (logs go to DATA_DIR/logs); benchmarks use 'warn'. */
  logLevel?: 'debug' | 'info' | 'warn';
}

export async function startStack(options: StackOptions = {}): Promise<TestStack> {
  const logLevel = options.logLevel ?? 'debug';
  const dataDir = mkdtempSync(join(tmpdir(), 'sealpost-test-'));
  mkdirSync(join(dataDir, 'certs'));
  copyFileSync(TEST_CA_FILE, join(dataDir, 'certs', 'localhost.crt'));
  copyFileSync(join(REPO_ROOT, 'tests/fixtures/tls/localhost.key'), join(dataDir, 'certs', 'localhost.key'));
  const prepared = await prepareStack({
    SEALPOST_DOMAIN: 'localhost',
    SEALPOST_DATA_DIR: dataDir,
    ...(await freeStackPorts()),
    SEALPOST_LOG_LEVEL: logLevel,
    SEALPOST_PROSODY_LOG_LEVEL: logLevel,
    ...options.env,
  });
  let prosody = await startStackProsody(prepared);
  const log = pino({ level: logLevel }, pino.destination({ dest: join(prepared.files.logDir, 'gateway.log'), sync: true }));
  const gateway = await startGateway(prepared.config, log);
  await gateway.component.whenOnline();
  const { config } = prepared;

  const stack: TestStack = {
    domain: config.domain,
    host: '127.0.0.1',
    c2sPort: config.prosody.c2sPort,
    c2sDirectTlsPort: config.prosody.c2sDirectTlsPort,
    httpPort: config.http.port,
    xmppHttpPort: config.prosody.httpPort,
    gatewayUrl: gateway.url,
    caFile: TEST_CA_FILE,
    dataDir,
    prepared,
    gateway,
    get prosody() {
      return prosody;
    },
    async createUser(localpart, password) {
      await addUser(gateway.component, config.domain, localpart, password);
    },
    xmppClient(localpart, password, opts = {}) {
      return connectClient({
        service: `xmpp://127.0.0.1:${config.prosody.c2sPort}`,
        domain: config.domain,
        username: localpart,
        password,
        ...opts,
      });
    },
    async stopProsody() {
      await prosody.stop();
    },
    async startProsody() {
      prosody = await startStackProsody(prepared);
    },
    async stop() {
      await gateway.stop();
      await prosody.stop();
      if (!process.env['SEALPOST_KEEP_TEST_DATA']) rmSync(dataDir, { recursive: true, force: true });
    },
  };
  return stack;
}
