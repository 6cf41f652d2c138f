// First-run set-up of a data folder: the component secret, a self-signed TLS certificate for
// the domain, and the folders Prosody and the gateway write to. Later runs reuse all of it,
// so a restart keeps every account, message and key.
//
//   DATA_DIR/secrets.json        component secret (mode 0600)
//   DATA_DIR/certs/DOMAIN.{crt,key}  self-signed unless SEALPOST_TLS_CERT/KEY are given
//   DATA_DIR/prosody/            Prosody's SQLite database and uploaded files
//   DATA_DIR/gateway/            the gateway's SQLite store
//   DATA_DIR/logs/               prosody.log, gateway.log
import { randomBytes } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';


export interface LocalFiles {
  dataDir: string;
  prosodyDataDir: string;
  logDir: string;
  certFile: string;
  keyFile: string;
  componentSecret: string;
  /** User Prosody runs as when we are root (it refuses to run as root). */
  prosodyUser: { uid: number; gid: number } | undefined;
}

export function prepareLocalFiles(opts: { dataDir: string; domain: string; certFile?: string; keyFile?: string; componentSecret?: string }): LocalFiles {
  const { dataDir, domain } = opts;
  const prosodyUser = process.getuid?.() === 0 ? lookupUser('prosody') : undefined;
  for (const dir of [dataDir, join(dataDir, 'certs'), join(dataDir, 'prosody'), join(dataDir, 'gateway'), join(dataDir, 'logs')]) {
    mkdirSync(dir, { recursive: true });
  }
  // Prosody (another user when we are root) must traverse the data folder.
  if (prosodyUser) chmodSync(dataDir, 0o711);

  const secretsFile = join(dataDir, 'secrets.json');
  let secrets: { componentSecret: string };
  if (existsSync(secretsFile)) {
    secrets = JSON.parse(readFileSync(secretsFile, 'utf8')) as { componentSecret: string };
  } else {
    secrets = { componentSecret: randomBytes(24).toString('base64url') };
    writeFileSync(secretsFile, JSON.stringify(secrets, null, 2) + '\n', { mode: 0o600 });
  }

  let certFile = opts.certFile;
  let keyFile = opts.keyFile;
  if (!certFile || !keyFile) {
    certFile = join(dataDir, 'certs', `${domain}.crt`);
    keyFile = join(dataDir, 'certs', `${domain}.key`);
    if (!existsSync(certFile) || !existsSync(keyFile)) makeSelfSignedCertificate(domain, certFile, keyFile);
  }
  if (prosodyUser) {
    chmodSync(join(dataDir, 'certs'), 0o755);
    // The key must be readable by Prosody, or STARTTLS is silently not offered.
    if (keyFile.startsWith(dataDir)) chownSync(keyFile, prosodyUser.uid, prosodyUser.gid);
    chownSync(join(dataDir, 'prosody'), prosodyUser.uid, prosodyUser.gid);
  }
  return {
    dataDir,
    prosodyDataDir: join(dataDir, 'prosody'),
    logDir: join(dataDir, 'logs'),
    certFile,
    keyFile,
    componentSecret: opts.componentSecret ?? secrets.componentSecret,
    prosodyUser,
  };
}

/** EC P-256 certificate valid ten years for DOMAIN, its subdomains and loopback addresses. */
function makeSelfSignedCertificate(domain: string, certFile: string, keyFile: string): void {
  execFileSync('openssl', [
    'req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes',
    '-days', '3650', '-subj', `/CN=${domain}`,
    '-addext', `subjectAltName=DNS:${domain},DNS:*.${domain},IP:127.0.0.1,IP:::1`,
    '-keyout', keyFile, '-out', certFile,
  ], { stdio: ['ignore', 'ignore', 'pipe'] });
  chmodSync(keyFile, 0o600);
  chmodSync(certFile, 0o644);
}

function lookupUser(name: string): { uid: number; gid: number } | undefined {
  const line = readFileSync('/etc/passwd', 'utf8').split('\n').find((l) => l.startsWith(`${name}:`));
  if (!line) return undefined;
  const [, , uid, gid] = line.split(':');
  return { uid: Number(uid), gid: Number(gid) };
}

