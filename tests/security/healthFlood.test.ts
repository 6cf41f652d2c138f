// Attack: flood the public health endpoint. Each request used to open a connection to Prosody
// and none was rate limited. Now remote clients are limited per address (429 with
// Retry-After), and however many requests arrive, Prosody sees at most one probe connection
// per half second. Requests from this machine (the launcher, local monitoring) stay unlimited.
import test from 'ava';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startStack, type TestStack } from '../harness/stack.ts';

let stack: TestStack;
test.before(async () => {
  // A small per-address API limit keeps the flood short; the mechanism is the same at 600/minute.
  stack = await startStack({ env: { SEALPOST_API_RATE_PER_ADDRESS: '40/minute' } });
});
test.after.always(async () => {
  await stack?.stop();
});

/** Prosody logs one "Client connected" per accepted c2s connection (mod_c2s). */
function prosodyConnections(): number {
  const log = readFileSync(join(stack.prepared.files.logDir, 'prosody.log'), 'utf8');
  return log.split('\n').filter((l) => l.includes('Client connected')).length;
}

// A request that arrives through a proxy (X-Forwarded-For) is not from this machine; with no
// trusted proxies configured the header is ignored and the peer address is the client's.
const remote = { 'x-forwarded-for': '203.0.113.7' };

/** `count` requests, `parallel` at a time; their status codes. */
async function flood(count: number, parallel: number, headers: Record<string, string>): Promise<number[]> {
  const statuses: number[] = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: parallel }, async () => {
      while (next < count) {
        next++;
        const res = await fetch(`${stack.gatewayUrl}/api/health`, { headers });
        statuses.push(res.status);
        if (res.status === 429) {
          const retry = Number(res.headers.get('retry-after'));
          if (!(retry > 0)) throw new Error('429 without Retry-After');
        }
        await res.arrayBuffer();
      }
    }),
  );
  return statuses;
}

test.serial('a remote client flooding /api/health is rate limited', async (t) => {
  const statuses = await flood(120, 8, remote);
  t.is(statuses.filter((s) => s === 200).length, 40, 'the per-address allowance is served');
  t.is(statuses.filter((s) => s === 429).length, 80, 'the rest is refused with 429');
  // This machine's own checks are not limited, and the service is healthy.
  t.is((await fetch(`${stack.gatewayUrl}/api/health`)).status, 200);
});

test.serial('a burst of health requests opens at most a few connections to Prosody', async (t) => {
  const before = prosodyConnections();
  const started = Date.now();
  const statuses = await flood(300, 20, {}); // local: never rate limited, every request checked
  const halfSeconds = Math.ceil((Date.now() - started) / 500);
  t.true(statuses.every((s) => s === 200), 'all answered healthy');
  const opened = prosodyConnections() - before;
  // At most one probe per started half second of the burst (and one already under way).
  t.true(opened <= halfSeconds + 1, `Prosody saw ${opened} connections for 300 health requests in ${halfSeconds} half-seconds`);
});
