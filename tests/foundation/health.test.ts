// Health turns 503 when Prosody stops, and green again when it is back (the component
// reconnects by itself).
import test from 'ava';
import { startStack, type TestStack } from '../harness/stack.ts';

let stack: TestStack;
test.before(async () => {
  stack = await startStack();
});
test.after.always(async () => {
  await stack?.stop();
});

async function health(): Promise<{ status: number; body: { checks: Record<string, string> } }> {
  const res = await fetch(`${stack.gatewayUrl}/api/health`);
  return { status: res.status, body: (await res.json()) as { checks: Record<string, string> } };
}

async function until(predicate: () => Promise<boolean>, timeoutMs = 15_000): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await predicate()) return true;
    await new Promise((r) => setTimeout(r, 100));
  }
  return false;
}

test.serial('health turns 503 when Prosody is stopped, and 200 when it is back', async (t) => {
  t.is((await health()).status, 200);
  await stack.stopProsody();
  // Probe results are reused for half a second (health/healthCheck.ts): await the change.
  t.true(await until(async () => (await health()).body.checks['prosody'] === 'down'), 'Prosody reported down');
  const down = await health();
  t.is(down.status, 503);
  t.true(await until(async () => (await health()).body.checks['component'] === 'down'), 'component reported down');
  t.is(down.body.checks['store'], 'up');

  await stack.startProsody();
  t.true(await until(async () => (await health()).status === 200), 'healthy again after Prosody restarts');
  t.true(stack.gateway.component.isOnline());
});
