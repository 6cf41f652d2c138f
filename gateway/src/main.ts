// Entry point of the gateway process: `node --import tsx gateway/src/main.ts`, the same
// command natively (npm start, tests) and in Docker. Reads the environment once, lists
// every configuration problem and exits, or runs until SIGINT/SIGTERM.
import { ConfigError, readConfig } from './config/config.ts';
import { createLogger } from './log/logger.ts';
import { startGateway } from './gateway.ts';

let config;
try {
  config = readConfig(process.env, { requireSecret: true });
} catch (err) {
  if (err instanceof ConfigError) {
    process.stderr.write(`sealpost gateway: ${err.message}\n`);
    process.exit(2);
  }
  throw err;
}
const log = createLogger(config.logLevel);
const gateway = await startGateway({ ...config, component: { ...config.component, secret: config.component.secret! } }, log);

let stopping = false;
async function shutdown(signal: string) {
  if (stopping) return;
  stopping = true;
  log.info({ signal }, 'gateway stopping');
  const force = setTimeout(() => process.exit(1), 5000);
  force.unref();
  await gateway.stop();
  process.exit(0);
}
process.on('SIGINT', () => void shutdown('SIGINT'));
process.on('SIGTERM', () => void shutdown('SIGTERM'));
// Started by a supervisor with a stdin pipe (npm start, tests): exit when the supervisor dies.
if (process.env['SEALPOST_EXIT_WITH_PARENT'] === '1') {
  process.stdin.on('end', () => void shutdown('parent-exit'));
  process.stdin.resume();
}
