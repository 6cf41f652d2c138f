// The local CLI credential: at start the gateway writes its loopback URL and a fresh CLI
// token to DATA_DIR/gateway/cli-credential.json (mode 0600, replaced atomically; the previous
// token is revoked), and removes it at stop. `npm run admin` run by the same OS user on the
// same machine reads it. The gateway honours that token only from this machine, without proxy.
import { chmodSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

export interface CliCredential {
  url: string;
  token: string;
  pid: number;
}

export const cliCredentialFile = (dataDir: string): string => join(dataDir, 'gateway', 'cli-credential.json');

export function writeCliCredential(dataDir: string, credential: CliCredential): void {
  const file = cliCredentialFile(dataDir);
  mkdirSync(dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, JSON.stringify(credential) + '\n', { mode: 0o600 });
  chmodSync(tmp, 0o600); // whatever the umask
  renameSync(tmp, file);
}

export function readCliCredential(dataDir: string): CliCredential | undefined {
  try {
    const parsed = JSON.parse(readFileSync(cliCredentialFile(dataDir), 'utf8')) as Partial<CliCredential>;
    if (typeof parsed.url === 'string' && typeof parsed.token === 'string') return { url: parsed.url, token: parsed.token, pid: Number(parsed.pid) };
  } catch {
    // missing or unreadable: the gateway is not running here (or runs as another user)
  }
  return undefined;
}

/** Removes the file if it still holds this token (a newer gateway may have replaced it). */
export function removeCliCredential(dataDir: string, token: string): void {
  if (readCliCredential(dataDir)?.token === token) rmSync(cliCredentialFile(dataDir), { force: true });
}
