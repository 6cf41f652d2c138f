// Gateway: registrations per second through a real Prosody (XEP-0133 add-user from the
// component, records in SQLite) and admin user-list latency with 10,000 users in the store.
// The stack is started like the test harness's, but with quiet logs.
import type { BenchSuite } from '../main.ts';
import { fmt, percentile, timeEach } from '../stats.ts';
import { startStack } from '../../../tests/harness/stack.ts';
import { readCliCredential } from '../../../gateway/src/cli/credential.ts';

const USERS_IN_STORE = 10_000;

async function post(url: string, body: unknown, token?: string): Promise<number> {
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) }, body: JSON.stringify(body) });
  await res.arrayBuffer();
  return res.status;
}

async function registrations(base: string, prefix: string, count: number, concurrency: number) {
  const latencies: number[] = [];
  let next = 0;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < count) {
        const i = next++;
        const start = performance.now();
        const status = await post(`${base}/api/register`, { username: `${prefix}${i}`, password: `bench-password-${i}` });
        if (status !== 201) throw new Error(`registration ${i}: HTTP ${status}`);
        latencies.push(performance.now() - start);
      }
    }),
  );
  const seconds = (performance.now() - t0) / 1000;
  return { rate: count / seconds, p50: percentile(latencies, 50), p99: percentile(latencies, 99) };
}

export const suite: BenchSuite = {
  title: 'Gateway: registrations and admin user list',
  async run() {
    const stack = await startStack({
      logLevel: 'warn',
      env: {
        SEALPOST_REGISTRATION: 'open',
        SEALPOST_REGISTRATION_RATE_PER_ADDRESS: '1000000/minute',
        SEALPOST_REGISTRATION_RATE_TOTAL: '1000000/minute',
        SEALPOST_API_RATE_PER_ADDRESS: '1000000/minute',
      },
    });
    const { gateway } = stack;
    try {
      await gateway.component.whenOnline();
      const base = gateway.url;
      const rows: string[] = ['| measurement | result | p50 ms | p99 ms |', '| --- | --- | --- | --- |'];

      // Warm-up (JIT, SQLite pages, Prosody's storage), then the measured runs.
      await registrations(base, 'warm', 20, 2);
      for (const concurrency of [1, 8]) {
        const r = await registrations(base, `reg${concurrency}x`, 300, concurrency);
        rows.push(`| registrations, ${concurrency} at a time (300) | ${fmt(r.rate, 0)} /s | ${fmt(r.p50)} | ${fmt(r.p99)} |`);
      }

      // Fill the store to 10,000 user records (records only: the list never asks Prosody).
      const store = gateway.store;
      const existing = await store.users.count();
      const now = Date.now();
      for (let i = existing; i < USERS_IN_STORE; i++) {
        const at = new Date(now - i * 60_000);
        await store.users.insert({ username: `filler${String(i).padStart(5, '0')}`, status: i % 20 === 0 ? 'disabled' : 'active', roles: i % 500 === 0 ? ['admin'] : [], createdAt: at, updatedAt: at, quotaBytes: null, source: 'register', inviteId: null });
      }
      const admin = await fetch(`${base}/api/admin/users`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${readCliCredential(stack.dataDir)!.token}` },
        body: JSON.stringify({ username: 'benchadmin', password: 'bench-admin-password', admin: true }),
      });
      if (admin.status !== 201) throw new Error(`admin: HTTP ${admin.status}`);
      const token = ((await (await fetch(`${base}/api/admin/tokens`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${readCliCredential(stack.dataDir)!.token}` },
        body: JSON.stringify({ name: 'bench', owner: 'benchadmin' }),
      })).json()) as { token: string }).token;
      const total = await store.users.count();

      const get = async (path: string) => {
        const res = await fetch(`${base}${path}`, { headers: { authorization: `Bearer ${token}` } });
        if (res.status !== 200) throw new Error(`${path}: HTTP ${res.status}`);
        await res.arrayBuffer();
      };
      const lists: Array<[string, (i: number) => string]> = [
        ['list, 50 per page, random page', (i) => `/api/admin/users?limit=50&offset=${(i * 7919) % (total - 50)}`],
        ['list, 500 per page', () => '/api/admin/users?limit=500&offset=5000'],
        ['list, search substring', (i) => `/api/admin/users?search=${String(i % 1000).padStart(3, '0')}`],
        ['list, admins only', () => '/api/admin/users?role=admin'],
      ];
      for (const [label, path] of lists) {
        await timeEach(50, (i) => get(path(i)));
        const samples = await timeEach(500, (i) => get(path(i)));
        rows.push(`| ${label} (${total} users) | ${fmt(1000 / (samples.reduce((a, b) => a + b, 0) / samples.length), 0)} req/s | ${fmt(percentile(samples, 50))} | ${fmt(percentile(samples, 99))} |`);
      }
      console.log(rows.join('\n'));
    } finally {
      await stack.stop();
    }
  },
};
