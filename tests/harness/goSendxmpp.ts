// Drives the real go-sendxmpp (Debian package, gopenpgp) for OX interoperability tests. Each
// account gets its own HOME, where go-sendxmpp keeps its OX secret key
// (~/.local/share/go-sendxmpp/oxprivkeys/<base64 JID>, base64 of the binary key).
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface GoSendxmppAccount {
  jid: string;
  password: string;
  /** `127.0.0.1:<c2s port>` (STARTTLS; the test certificate is self-signed, hence `-n`). */
  server: string;
  home: string;
}

export function goSendxmppAccount(jid: string, password: string, c2sPort: number): GoSendxmppAccount {
  return { jid, password, server: `127.0.0.1:${c2sPort}`, home: mkdtempSync(join(tmpdir(), 'sealpost-gosendxmpp-')) };
}

export function removeHome(account: GoSendxmppAccount): void {
  rmSync(account.home, { recursive: true, force: true });
}

function baseArgs(a: GoSendxmppAccount): string[] {
  return ['-u', a.jid, '-p', a.password, '-j', a.server, '-n', '--timeout', '10'];
}

export interface RunResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs go-sendxmpp to completion (message text on stdin). */
export function runGoSendxmpp(a: GoSendxmppAccount, args: string[], input = '', timeoutMs = 30_000): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = spawn('go-sendxmpp', [...baseArgs(a), ...args], { env: { ...process.env, HOME: a.home }, stdio: 'pipe' });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`go-sendxmpp ${args.join(' ')} timed out; stderr: ${stderr}`));
    }, timeoutMs);
    child.on('error', reject);
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
    child.stdin.end(input);
  });
}

export interface Listener {
  /** Resolves with the first stdout line matching `re`. */
  waitForLine(re: RegExp, timeoutMs?: number): Promise<string>;
  stdout(): string;
  stderr(): string;
  stop(): Promise<void>;
}

/** `go-sendxmpp -l --ox`: prints each received message as `<time> [OX] <from>: <body>`. */
export function listenGoSendxmpp(a: GoSendxmppAccount): Listener {
  const child = spawn('go-sendxmpp', [...baseArgs(a), '--ox', '-l'], { env: { ...process.env, HOME: a.home }, stdio: 'pipe' });
  let out = '';
  let err = '';
  const waiters = new Set<() => void>();
  child.stdout.on('data', (d: Buffer) => {
    out += d.toString();
    for (const w of waiters) w();
  });
  child.stderr.on('data', (d: Buffer) => (err += d.toString()));
  const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
  return {
    waitForLine(re, timeoutMs = 20_000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          const line = out.split('\n').find((l) => re.test(l));
          if (line === undefined) return;
          waiters.delete(check);
          clearTimeout(timer);
          resolve(line);
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`go-sendxmpp printed no line matching ${re}; stdout: ${out} stderr: ${err}`));
        }, timeoutMs);
        waiters.add(check);
        check();
      });
    },
    stdout: () => out,
    stderr: () => err,
    async stop() {
      child.kill('SIGTERM');
      await exited;
    },
  };
}

/** The binary secret key go-sendxmpp generated for `a`. */
export function goSendxmppSecretKey(a: GoSendxmppAccount): Uint8Array {
  const file = join(a.home, '.local/share/go-sendxmpp/oxprivkeys', Buffer.from(a.jid).toString('base64'));
  return new Uint8Array(Buffer.from(readFileSync(file, 'utf8').trim(), 'base64'));
}
