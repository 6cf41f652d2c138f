// Starting and stopping the stack's child processes (Prosody, the gateway) with their output
// in log files, readiness checks, and stops that leave nothing running.
import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, readFileSync } from 'node:fs';
import { connect } from 'node:net';

export interface Supervised {
  readonly name: string;
  readonly child: ChildProcess;
  readonly logFile: string;
  /** Resolves with the exit code (or signal name) once the process has exited. */
  readonly exited: Promise<number | string>;
  /** SIGTERM, then SIGKILL after `graceMs`; resolves when the process is gone. */
  stop(graceMs?: number): Promise<void>;
}

const running = new Set<Supervised>();
// Whatever happens to the supervisor, its children do not outlive it.
process.on('exit', () => {
  for (const p of running) p.child.kill('SIGKILL');
});

export function startProcess(name: string, command: string, args: string[], opts: { env: NodeJS.ProcessEnv; logFile: string; cwd?: string; stdinPipe?: boolean }): Supervised {
  const log = createWriteStream(opts.logFile, { flags: 'a' });
  const child = spawn(command, args, {
    env: opts.env,
    cwd: opts.cwd,
    stdio: [opts.stdinPipe ? 'pipe' : 'ignore', 'pipe', 'pipe'],
  });
  child.stdout!.pipe(log, { end: false });
  child.stderr!.pipe(log, { end: false });
  const exited = new Promise<number | string>((resolve) => {
    child.on('exit', (code, signal) => resolve(code ?? signal ?? 'unknown'));
    child.on('error', (err) => {
      log.write(`${name}: ${err.message}\n`);
      resolve('spawn-error');
    });
  });
  const handle: Supervised = {
    name,
    child,
    logFile: opts.logFile,
    exited,
    async stop(graceMs = 4000) {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
        await exited;
        clearTimeout(timer);
      }
      running.delete(handle);
      await new Promise<void>((resolve) => log.end(resolve));
    },
  };
  running.add(handle);
  void exited.then(() => running.delete(handle));
  return handle;
}

/** Polls until `check` resolves; fails early if the process exits, with its log's tail. */
export async function waitUntil(p: Supervised, what: string, check: () => Promise<unknown>, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let exitedWith: number | string | undefined;
  void p.exited.then((code) => (exitedWith = code));
  for (;;) {
    if (exitedWith !== undefined) throw new Error(`${p.name} exited (${exitedWith}) before ${what}:\n${tail(p.logFile)}`);
    try {
      await check();
      return;
    } catch {
      if (Date.now() > deadline) throw new Error(`${p.name}: ${what} did not happen within ${timeoutMs} ms:\n${tail(p.logFile)}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }
}

export function tcpOpen(host: string, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const s = connect({ host, port }, () => {
      s.destroy();
      resolve();
    });
    s.on('error', (err) => {
      s.destroy();
      reject(err);
    });
  });
}

export function tail(file: string, lines = 30): string {
  try {
    return readFileSync(file, 'utf8').split('\n').slice(-lines).join('\n');
  } catch {
    return '(no log)';
  }
}
