// `npm start` after bootstrap: runs the stack in the foreground, prints where it is, and stops
// everything on Ctrl-C (SIGINT) or SIGTERM, or when either process dies.
import { ConfigError } from '../../gateway/src/config/config.ts';
import { startStack } from './stack.ts';
import { tail } from './processes.ts';

const t0 = performance.now();
let stack;
try {
  stack = await startStack(process.env);
} catch (err) {
  process.stderr.write(`sealpost: cannot start.\n${err instanceof ConfigError ? err.message : (err as Error).message}\n`);
  process.exit(1);
}
const { config } = stack;
const seconds = ((performance.now() - t0) / 1000).toFixed(1);
process.stdout.write(`
Sealpost is running (healthy in ${seconds} s).

  Web client:    ${config.http.publicUrl}
  XMPP domain:   ${config.domain} (clients: port ${config.prosody.c2sPort} STARTTLS, ${config.prosody.c2sDirectTlsPort} direct TLS)
  Data folder:   ${config.dataDir}
  Logs:          ${stack.files.logDir}/{prosody,gateway}.log

Create the first administrator (in another terminal, same SEALPOST_* variables):
  npm run admin -- create-admin <username>

Stop with Ctrl-C.
`);

let stopping = false;
async function stop(reason: string, code: number) {
  if (stopping) return;
  stopping = true;
  process.stdout.write(`\nsealpost: stopping (${reason})...\n`);
  await stack!.stop();
  process.stdout.write('sealpost: stopped.\n');
  process.exit(code);
}
process.on('SIGINT', () => void stop('SIGINT', 0));
process.on('SIGTERM', () => void stop('SIGTERM', 0));
for (const p of [stack.prosody, stack.gateway]) {
  void p.exited.then((code) => {
    if (stopping) return;
    process.stderr.write(`sealpost: ${p.name} exited unexpectedly (${code}). Last lines of ${p.logFile}:\n${tail(p.logFile)}\n`);
    void stop(`${p.name} died`, 1);
  });
}
