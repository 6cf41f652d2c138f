// Runs Prosody in the foreground from xmpp-config/prosody.cfg.lua and the given environment:
// never the system service, never /etc/prosody. As root it runs as the `prosody` user, since
// Prosody refuses to run as root. setpriv comes with util-linux, on every Debian system.
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startProcess, tcpOpen, waitUntil, type Supervised } from './processes.ts';

export const PROSODY_CONFIG = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'xmpp-config', 'prosody.cfg.lua');

export async function startProsody(opts: { env: NodeJS.ProcessEnv; logFile: string; runAsProsodyUser: boolean; ports: number[] }): Promise<Supervised> {
  // setpriv execs Prosody (so the PID we hold is Prosody's) with a parent-death signal:
  // if this process is killed outright (SIGKILL, a crashed test worker), Prosody stops too.
  const user = opts.runAsProsodyUser ? ['--reuid=prosody', '--regid=prosody', '--init-groups'] : [];
  const p = startProcess('prosody', 'setpriv', ['--pdeathsig', 'TERM', ...user, 'prosody', '--config', PROSODY_CONFIG, '-F'], opts);
  for (const port of opts.ports) await waitUntil(p, `listening on port ${port}`, () => tcpOpen('127.0.0.1', port));
  return p;
}
