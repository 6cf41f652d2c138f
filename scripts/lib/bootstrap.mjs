// Checks and installs what Sealpost needs on a fresh Debian/Ubuntu machine, before any npm
// dependency exists (plain JavaScript, Node built-ins only).
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** Debian packages: Prosody 0.12 with TLS and its SQLite storage driver, and openssl, which
 * makes the self-signed certificate of a local server. */
export const PROSODY_PACKAGES = ['prosody', 'lua-sec', 'lua-dbi-sqlite3', 'openssl'];

function say(message) {
  process.stderr.write(`sealpost: ${message}\n`);
}

export function ensureNodeVersion() {
  const [major, minor] = process.versions.node.split('.').map(Number);
  if (major < 20 || (major === 20 && minor < 10)) {
    say(`Node.js 20.10 or later is required (this is ${process.version}).`);
    process.exit(1);
  }
}

/** Runs `npm ci` (or `npm install`) when node_modules is missing or older than the lockfile. */
export async function ensureNpmDependencies(root) {
  const lock = join(root, 'package-lock.json');
  const marker = join(root, 'node_modules', '.package-lock.json');
  const needed = ['tsx', 'typescript', 'ava', 'koa', 'better-sqlite3', 'openpgp', '@xmpp/component'];
  const missing = needed.filter((name) => !existsSync(join(root, 'node_modules', name, 'package.json')));
  const stale = existsSync(lock) && existsSync(marker) && isOlder(marker, lock);
  if (missing.length === 0 && !stale) return;
  say(missing.length ? `installing npm dependencies (missing: ${missing.join(', ')})...` : 'npm dependencies changed, installing...');
  const args = existsSync(lock) ? ['ci', '--no-audit', '--no-fund'] : ['install', '--no-audit', '--no-fund'];
  const r = spawnSync('npm', args, { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) {
    say(`"npm ${args.join(' ')}" failed; run it yourself in ${root} and read its errors.`);
    process.exit(1);
  }
}

function isOlder(a, b) {
  // package-lock.json is rewritten by npm after node_modules/.package-lock.json: compare content.
  try {
    const top = JSON.parse(readFileSync(b, 'utf8')).packages ?? {};
    const installed = JSON.parse(readFileSync(a, 'utf8')).packages ?? {};
    return Object.keys(top).some((k) => k.includes('node_modules/') && !top[k].link && !top[k].optional && !installed[k]);
  } catch {
    return true;
  }
}

/** Prosody's version as [major, minor], or null when it is not installed. */
export function prosodyVersion() {
  const r = spawnSync('prosodyctl', ['about'], { encoding: 'utf8' });
  if (r.error || r.status !== 0) return null;
  // Never run `prosody --version`: Prosody 0.12 ignores it and starts a server.
  const m = /^Prosody (\d+)\.(\d+)/m.exec(r.stdout);
  return m ? [Number(m[1]), Number(m[2])] : null;
}

function debPackageMissing(name) {
  const r = spawnSync('dpkg-query', ['-W', '-f=${Status}', name], { encoding: 'utf8' });
  return r.status !== 0 || !r.stdout.includes('install ok installed');
}

/** Debian packages the tests use beyond the server's: an independent OX client, GnuPG for the
 * Web Key Directory, and the real browsers (Chromium, Firefox) for end-to-end tests. */
export const TEST_PACKAGES = ['go-sendxmpp', 'gnupg', 'chromium', 'firefox-esr'];

/**
 * Installs the missing Debian packages with apt when running as root (or with password-less
 * sudo); otherwise prints the exact command and exits.
 */
export function ensureDebPackages(packages, purpose) {
  const missing = packages.filter(debPackageMissing);
  if (missing.length === 0) return;
  const command = `apt-get update && apt-get install -y ${missing.join(' ')}`;
  const isRoot = process.getuid?.() === 0;
  const sudoOk = !isRoot && spawnSync('sudo', ['-n', 'true']).status === 0;
  if (!isRoot && !sudoOk) {
    say(`${purpose} needs ${missing.join(', ')}. Install with:\n\n  sudo sh -c '${command}'\n\nthen run this command again.`);
    process.exit(1);
  }
  say(`installing ${missing.join(' ')} with apt (${purpose})...`);
  const prefix = isRoot ? [] : ['sudo', '-n'];
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  for (const args of [['apt-get', 'update', '-qq'], ['apt-get', 'install', '-y', '-qq', ...missing]]) {
    const [cmd, ...rest] = [...prefix, ...args];
    const r = spawnSync(cmd, rest, { stdio: ['ignore', 'ignore', 'inherit'], env });
    if (r.status !== 0) {
      say(`"${args.join(' ')}" failed. Run yourself: ${command}`);
      process.exit(1);
    }
  }
  if (missing.includes('prosody')) {
    // Debian starts the system service after installing; Sealpost runs its own Prosody from its
    // own configuration, so the freshly installed service would only hold the ports: stop it.
    const [stopCmd, ...stopArgs] = [...prefix, 'invoke-rc.d', 'prosody', 'stop'];
    spawnSync(stopCmd, stopArgs, { stdio: 'ignore' });
  }
}

/** Makes sure Prosody 0.12+ with TLS and SQLite support (and openssl) is installed. */
export function ensureProsody() {
  ensureDebPackages(PROSODY_PACKAGES, 'Sealpost');
  const version = prosodyVersion();
  if (!version || (version[0] === 0 && version[1] < 12)) {
    say(`Prosody 0.12 or later is required; this system has ${version ? version.join('.') : 'none that runs'}.`);
    process.exit(1);
  }
}

/**
 * Builds the web client (Vite) when its build is missing or older than its sources. Always a
 * production build, whoever asks: test runners set NODE_ENV=test, which Vite would bundle.
 */
export function ensureWebclientBuilt(root) {
  const web = join(root, 'webclient');
  if (!existsSync(join(web, 'vite.config.ts'))) return; // only the placeholder page so far
  const built = join(web, 'dist', 'index.html');
  const builtAt = existsSync(built) ? statSync(built).mtimeMs : 0;
  const sources = [join(web, 'src'), join(web, 'public'), join(web, 'index.html'), join(web, 'vite.config.ts'), join(root, 'protocol', 'src')];
  if (builtAt > 0 && !sources.some((s) => newerThan(s, builtAt))) return;
  say('building the web client...');
  const r = spawnSync('npm', ['run', 'build', '-w', 'webclient'], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'], env: { ...process.env, NODE_ENV: 'production' } });
  if (r.status !== 0) {
    say('the web client build failed: run "npm run build -w webclient" to see why.');
    process.exit(1);
  }
}

function newerThan(path, time) {
  if (!existsSync(path)) return false;
  const info = statSync(path);
  if (!info.isDirectory()) return info.mtimeMs > time;
  return readdirSync(path).some((name) => newerThan(join(path, name), time));
}
