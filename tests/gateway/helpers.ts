// Helpers for the gateway's integration tests: a stack with generous rate limits unless a
// test asks otherwise, a small JSON client for the API, and an admin to call it with.
import { spawn } from 'node:child_process';
import { readCliCredential } from '../../gateway/src/cli/credential.ts';
import { REPO_ROOT } from '../../scripts/stack/stack.ts';
import { startStack, type TestStack } from '../harness/stack.ts';

export async function startGatewayStack(env: Record<string, string> = {}): Promise<TestStack> {
  return startStack({
    env: {
      SEALPOST_REGISTRATION: 'open',
      SEALPOST_REGISTRATION_RATE_PER_ADDRESS: '10000/minute',
      SEALPOST_REGISTRATION_RATE_TOTAL: '10000/minute',
      SEALPOST_API_RATE_PER_ADDRESS: '100000/minute',
      ...env,
    },
  });
}

export interface ApiResponse<T = any> {
  status: number;
  body: T;
  headers: Headers;
}

export type ApiCall = <T = any>(method: string, path: string, options?: { body?: unknown; token?: string | null; headers?: Record<string, string>; raw?: string }) => Promise<ApiResponse<T>>;

/** A JSON client for the stack's gateway; `token` defaults to the one given here. */
export function apiClient(stack: TestStack, defaultToken?: string): ApiCall {
  return async (method, path, options = {}) => {
    const token = options.token === undefined ? defaultToken : options.token;
    const headers: Record<string, string> = { ...options.headers };
    if (token) headers['authorization'] = `Bearer ${token}`;
    let body: string | undefined = options.raw;
    if (options.body !== undefined) {
      body = JSON.stringify(options.body);
      headers['content-type'] ??= 'application/json';
    }
    const res = await fetch(`${stack.gatewayUrl}/api${path}`, { method, headers, ...(body !== undefined ? { body } : {}) });
    const text = await res.text();
    return { status: res.status, body: text ? JSON.parse(text) : undefined, headers: res.headers };
  };
}

/** The CLI token the in-process gateway wrote to the data folder (acts as a super-admin from loopback). */
export function cliToken(stack: TestStack): string {
  const credential = readCliCredential(stack.dataDir);
  if (!credential) throw new Error('the gateway wrote no CLI credential');
  return credential.token;
}

/** Creates an admin through the API (with the CLI token) and an API token for it. */
export async function makeAdmin(stack: TestStack, username: string, password = `${username}-Secret-pw-1`): Promise<{ token: string; password: string }> {
  const cli = apiClient(stack, cliToken(stack));
  const created = await cli('POST', '/admin/users', { body: { username, password, admin: true } });
  if (created.status !== 201) throw new Error(`admin not created: ${JSON.stringify(created.body)}`);
  const token = await cli('POST', '/admin/tokens', { body: { name: `${username} tests`, owner: username } });
  if (token.status !== 201) throw new Error(`token not created: ${JSON.stringify(token.body)}`);
  return { token: token.body.token as string, password };
}

export async function until(predicate: () => Promise<boolean> | boolean, timeoutMs = 15_000): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await predicate()) return true;
    await new Promise((r) => setTimeout(r, 50));
  }
  return false;
}

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** `npm run admin -- ...`, the exact command the launcher tells people to run, against `stack`. */
export function runAdminCli(stack: TestStack, args: string[], options: { stdin?: string; env?: Record<string, string> } = {}): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const child = spawn('npm', ['run', '--silent', 'admin', '--', ...args], {
      cwd: REPO_ROOT,
      env: { ...process.env, SEALPOST_DATA_DIR: stack.dataDir, ...options.env },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d));
    child.stderr.on('data', (d: Buffer) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(options.stdin ?? '');
  });
}
