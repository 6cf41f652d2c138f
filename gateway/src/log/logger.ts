// Structured JSON logs (pino): one root logger made by the composition root, and one child
// logger per module (`logger.child({ module: 'http' })`), never a global.
import { pino, type Logger } from 'pino';

export type { Logger };

export function createLogger(level: string, destination?: NodeJS.WritableStream): Logger {
  return pino({ level, base: { service: 'sealpost-gateway' }, timestamp: pino.stdTimeFunctions.isoTime }, destination ?? process.stdout);
}
