// Drives the real GnuPG (Debian gpg 2.2, its dirmngr) for the Web Key Directory tests, each
// run in its own GNUPGHOME. `locateViaWkd` runs a genuine WKD lookup: gpg insists on https on
// port 443 of the mail domain and on a dotted host name, so it runs in private mount and
// network namespaces (`unshare`, root only) where /etc/hosts maps the domain and its
// `openpgpkey.` subdomain to loopback, the CA bundle is the test certificate, and an HTTPS
// front on port 443 pipes each request over a Unix socket to the gateway. Nothing on the host
// changes: the mounts and the port exist only inside the namespaces.
import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, connect, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const FRONT = join(dirname(fileURLToPath(import.meta.url)), 'wkdTlsFront.mjs');

export interface RunResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

export interface GnupgHome {
  dir: string;
  /** Runs gpg asynchronously: the gateway under test answers from this same process. */
  run(args: string[], timeoutMs?: number): Promise<RunResult>;
  /** Fingerprints (uppercase) of the primary keys in the keyring. */
  fingerprints(): Promise<string[]>;
  close(): void;
}

/** Spawns a command to completion without blocking the event loop. */
function runAsync(command: string, args: string[], env: NodeJS.ProcessEnv, timeoutMs: number): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('error', reject);
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

export function gnupgHome(): GnupgHome {
  const dir = mkdtempSync(join(tmpdir(), 'sealpost-gnupg-'));
  chmodSync(dir, 0o700);
  writeFileSync(join(dir, 'dirmngr.conf'), `log-file ${join(dir, 'dirmngr.log')}\n`);
  const env = { ...process.env, GNUPGHOME: dir };
  const home: GnupgHome = {
    dir,
    run(args, timeoutMs = 30_000) {
      return runAsync('gpg', ['--batch', '--no-tty', ...args], env, timeoutMs);
    },
    async fingerprints() {
      const lines = (await home.run(['--with-colons', '--list-keys'])).stdout.split('\n');
      // Each `pub` record is followed by its own `fpr` record (subkeys have `sub` + `fpr`).
      return lines.flatMap((l, i) => (l.startsWith('pub:') && lines[i + 1]?.startsWith('fpr:') ? [lines[i + 1]!.split(':')[9]!.toUpperCase()] : []));
    },
    close() {
      spawnSync('gpgconf', ['--kill', 'dirmngr'], { env });
      spawnSync('gpgconf', ['--kill', 'gpg-agent'], { env });
      rmSync(dir, { recursive: true, force: true });
    },
  };
  return home;
}

/** Whether this process may create the namespaces `locateViaWkd` needs. */
export function namespacesAvailable(): boolean {
  if (process.getuid?.() !== 0) return false;
  return spawnSync('unshare', ['--mount', '--net', '--', 'sh', '-c', 'ip link set lo up && mount --bind /dev/null /dev/null'], { timeout: 10_000 }).status === 0;
}

export interface WkdLocateResult {
  code: number | null;
  stdout: string;
  stderr: string;
  /** Request lines that reached the gateway through the HTTPS front, e.g. `GET /.well-known/... HTTP/1.1`. */
  requests: string[];
  dirmngrLog: string;
}

/**
 * `gpg --locate-external-keys ADDRESS` with WKD as the only mechanism. `hosts` are the names
 * that resolve to loopback inside the namespace (the domain, and `openpgpkey.DOMAIN` to let
 * gpg use the advanced method).
 */
export async function locateViaWkd(options: {
  home: GnupgHome;
  address: string;
  hosts: string[];
  gatewayPort: number;
  certFile: string;
  keyFile: string;
}): Promise<WkdLocateResult> {
  const { home } = options;
  const socketPath = join(home.dir, 'gateway.sock');
  const requests: string[] = [];
  const bridge: Server = createServer((front) => {
    const upstream = connect(options.gatewayPort, '127.0.0.1');
    front.once('data', (chunk: Buffer) => requests.push(chunk.toString('latin1').split('\r\n')[0]!));
    front.pipe(upstream).pipe(front);
    upstream.on('error', () => front.destroy());
    front.on('error', () => upstream.destroy());
  });
  await new Promise<void>((resolve) => bridge.listen(socketPath, resolve));
  writeFileSync(join(home.dir, 'hosts'), options.hosts.map((h) => `127.0.0.1 ${h}\n::1 ${h}\n`).join(''));
  writeFileSync(join(home.dir, 'resolv.conf'), 'nameserver 127.0.0.1\n'); // no DNS: refused at once
  const script = `
    set -e
    ip link set lo up
    mount --bind "$CA_FILE" /etc/ssl/certs/ca-certificates.crt
    mount --bind "$GNUPGHOME/hosts" /etc/hosts
    mount --bind "$GNUPGHOME/resolv.conf" /etc/resolv.conf
    "$NODE" "$FRONT" "$KEY_FILE" "$CA_FILE" "$SOCKET" > "$GNUPGHOME/front.log" 2>&1 &
    front=$!
    i=0; until grep -q ready "$GNUPGHOME/front.log"; do i=$((i+1)); [ $i -lt 100 ] || exit 90; sleep 0.05; done
    set +e
    gpg --batch --no-tty --auto-key-locate clear,wkd,nodefault --locate-external-keys "$ADDRESS"
    rc=$?
    gpgconf --kill dirmngr
    kill $front
    exit $rc
  `;
  try {
    const env = { ...process.env, GNUPGHOME: home.dir, CA_FILE: options.certFile, KEY_FILE: options.keyFile, SOCKET: socketPath, ADDRESS: options.address, NODE: process.execPath, FRONT };
    const { code, stdout, stderr } = await runAsync('unshare', ['--mount', '--net', '--', 'sh', '-c', script], env, 60_000);
    const logFile = join(home.dir, 'dirmngr.log');
    const dirmngrLog = existsSync(logFile) ? readFileSync(logFile, 'utf8') : '';
    return { code, stdout, stderr, requests, dirmngrLog };
  } finally {
    await new Promise<void>((resolve) => bridge.close(() => resolve()));
  }
}
