// The `npm start` launcher as people run it: two instances with their own data folders and
// ports side by side, a clean stop on SIGINT/SIGTERM with nothing left running, and a restart
// that keeps the data.
import test from 'ava';
import { spawn, type ChildProcess } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { promisify } from 'node:util';
import { execFile } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REPO_ROOT } from '../../scripts/stack/stack.ts';
import { freeStackPorts } from '../harness/freePorts.ts';
import { connectClient } from '../harness/xmppClient.ts';

const run = promisify(execFile);

/** A data folder holding the test certificate, so test clients can verify Prosody. */
function dataDirWithTestCertificate(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  mkdirSync(join(dir, 'certs'));
  for (const ext of ['crt', 'key']) copyFileSync(join(REPO_ROOT, `tests/fixtures/tls/localhost.${ext}`), join(dir, 'certs', `localhost.${ext}`));
  return dir;
}

/** `npm run admin -- ARGS` against the instance using DATA_DIR, as a person would run it. */
function admin(dataDir: string, ...args: string[]) {
  return run('npm', ['run', '--silent', 'admin', '--', ...args], { cwd: REPO_ROOT, env: { ...process.env, SEALPOST_DATA_DIR: dataDir } });
}

interface Launched {
  child: ChildProcess;
  output: () => string;
  healthUrl: string;
}

async function launch(dataDir: string, ports: Record<string, string>): Promise<Launched> {
  const child = spawn(process.execPath, ['scripts/start.mjs'], {
    cwd: REPO_ROOT,
    env: { ...process.env, SEALPOST_DATA_DIR: dataDir, ...ports },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout!.on('data', (d) => (out += d));
  child.stderr!.on('data', (d) => (out += d));
  const deadline = Date.now() + 60_000; // beyond the launcher's own 45 s health wait
  while (!out.includes('Sealpost is running')) {
    if (child.exitCode !== null) throw new Error(`launcher exited ${child.exitCode}:\n${out}`);
    if (Date.now() > deadline) throw new Error(`launcher not ready in 60 s:\n${out}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  return { child, output: () => out, healthUrl: `http://127.0.0.1:${ports['SEALPOST_HTTP_PORT']}/api/health` };
}

/** PIDs of processes started with this data folder in their environment (as root we can read it). */
function processesOf(dataDir: string): number[] {
  const marker = `SEALPOST_DATA_DIR=${dataDir}\0`;
  return readdirSync('/proc')
    .filter((d) => /^\d+$/.test(d) && Number(d) !== process.pid)
    .filter((d) => {
      try {
        return readFileSync(`/proc/${d}/environ`, 'latin1').includes(marker);
      } catch {
        return false;
      }
    })
    .map(Number);
}

async function stop(l: Launched, signal: NodeJS.Signals): Promise<{ code: number | null; ms: number }> {
  const t0 = Date.now();
  l.child.kill(signal);
  const code = await new Promise<number | null>((resolve) => {
    if (l.child.exitCode !== null) resolve(l.child.exitCode);
    else l.child.once('exit', (c) => resolve(c));
  });
  return { code, ms: Date.now() - t0 };
}

const dirs: string[] = [];
test.after.always(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

test.serial('two instances run side by side, stop cleanly, and a restart keeps the data', async (t) => {
  const [dirA, dirB] = [dataDirWithTestCertificate('sealpost-a-'), mkdtempSync(join(tmpdir(), 'sealpost-b-'))];
  dirs.push(dirA, dirB);
  const [portsA, portsB] = [await freeStackPorts(), await freeStackPorts()];
  const [a, b] = await Promise.all([launch(dirA, portsA), launch(dirB, portsB)]);
  try {
    for (const l of [a, b]) {
      const res = await fetch(l.healthUrl);
      t.is(res.status, 200, l.output());
      t.regex(l.output(), /npm run admin -- create-admin/);
    }
    t.true(processesOf(dirA).length >= 2, 'A runs Prosody and the gateway');

    await admin(dirA, 'create-admin', 'keeper', '--password', 'keeper-password-1');
    const secretA = readFileSync(join(dirA, 'secrets.json'), 'utf8');
    const certA = readFileSync(join(dirA, 'certs', 'localhost.crt'), 'utf8');

    const stoppedA = await stop(a, 'SIGINT');
    t.is(stoppedA.code, 0);
    t.true(stoppedA.ms < 5000, `stopped in ${stoppedA.ms} ms`);
    t.deepEqual(processesOf(dirA), [], 'nothing of A is left running');
    t.is((await fetch(b.healthUrl)).status, 200, 'B is unaffected');

    const stoppedB = await stop(b, 'SIGTERM');
    t.is(stoppedB.code, 0);
    t.deepEqual(processesOf(dirB), []);

    // Restart A: same secret, same certificate, same Prosody database, healthy again.
    const again = await launch(dirA, portsA);
    try {
      t.is(readFileSync(join(dirA, 'secrets.json'), 'utf8'), secretA);
      t.is(readFileSync(join(dirA, 'certs', 'localhost.crt'), 'utf8'), certA);
      t.is((await fetch(again.healthUrl)).status, 200);
      // The account made before the restart is still there, in the gateway and in Prosody.
      const shown = JSON.parse((await admin(dirA, 'show-user', 'keeper', '--json')).stdout) as { user: { username: string; roles: string[] } };
      t.is(shown.user.username, 'keeper');
      t.deepEqual(shown.user.roles, ['admin']);
      const c = await connectClient({ service: `xmpp://127.0.0.1:${portsA['SEALPOST_C2S_PORT']}`, domain: 'localhost', username: 'keeper', password: 'keeper-password-1' });
      t.regex(c.jid, /^keeper@localhost\//);
      await c.stop();
    } finally {
      await stop(again, 'SIGTERM');
    }
  } finally {
    for (const l of [a, b]) if (l.child.exitCode === null) l.child.kill('SIGKILL');
  }
});

test.serial('a port already in use is reported by name, and nothing starts', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'sealpost-c-'));
  dirs.push(dir);
  const ports = await freeStackPorts();
  const first = await launch(dir, ports);
  try {
    const dir2 = mkdtempSync(join(tmpdir(), 'sealpost-d-'));
    dirs.push(dir2);
    const second = spawn(process.execPath, ['scripts/start.mjs'], {
      cwd: REPO_ROOT,
      env: { ...process.env, SEALPOST_DATA_DIR: dir2, SEALPOST_HTTP_PORT: ports['SEALPOST_HTTP_PORT'], SEALPOST_C2S_PORT: ports['SEALPOST_C2S_PORT'] },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    second.stderr!.on('data', (d) => (out += d));
    const code = await new Promise((resolve) => second.once('exit', resolve));
    t.is(code, 1);
    t.regex(out, /SEALPOST_HTTP_PORT/);
    t.regex(out, /SEALPOST_C2S_PORT/);
    t.deepEqual(processesOf(dir2), []);
  } finally {
    await stop(first, 'SIGTERM');
  }
});
