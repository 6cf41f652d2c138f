// Key directory: lookups per second and latency with 10,000 keys in the store (SQLite), over
// HTTP through the real gateway (rate limit raised out of the way): by address, by
// fingerprint, Web Key Directory, and an address's log; beside a bare Koa route answering a
// constant on the same machine in the same run (the ceiling). The load comes from a separate
// process (httpLoad.ts), 50 keep-alive connections. The rows are measured in 3 interleaved
// rounds (3 s each after a 1 s warm-up) and each row reports its median round, so a neighbour's
// burst on a shared machine does not land on one row only.
import { createServer } from 'node:http';
import Koa from 'koa';
import type { BenchSuite } from '../main.ts';
import { fmt } from '../stats.ts';
import { runLoad, type LoadResult } from '../httpLoad.ts';
import { startStack } from '../../../tests/harness/stack.ts';
import { startGateway } from '../../../gateway/src/gateway.ts';
import { buildEntries } from '../../../gateway/src/directory/buildEntries.ts';
import { keyDigest } from '../../../gateway/src/directory/logEntry.ts';
import { wkdHash } from '../../../gateway/src/directory/wkdHash.ts';
import { fixtureUser } from '../../../tests/fixtures/keys/index.ts';
import { publicKeyBytes } from '../../../protocol/src/index.ts';

const KEYS_IN_STORE = 10_000;
const CONNECTIONS = 50;
const load = { connections: CONNECTIONS, warmupMs: 1000, durationMs: 3000 };
const ROUNDS = 3;

export const suite: BenchSuite = {
  title: `Key directory: lookups with ${KEYS_IN_STORE.toLocaleString('en')} keys in the store`,
  async run() {
    const stack = await startStack({
      logLevel: 'warn',
      env: {
        SEALPOST_DIRECTORY_RATE_PER_ADDRESS: '1000000000/minute',
      },
    });
    const { gateway } = stack;
    // The ceiling: Koa answering a constant, in this same process.
    const koa = new Koa();
    koa.use((ctx) => {
      ctx.body = { ok: true };
    });
    const ceiling = createServer(koa.callback());
    await new Promise<void>((resolve) => ceiling.listen(0, '127.0.0.1', resolve));
    const ceilingUrl = `http://127.0.0.1:${(ceiling.address() as { port: number }).port}`;
    try {
      await gateway.component.whenOnline();
      const t0 = performance.now();
      const addresses = await fill(gateway);
      const fillSeconds = (performance.now() - t0) / 1000;
      const pick = (n: number, f: (i: number) => string) => Array.from({ length: n }, (_, k) => f((k * 7919) % KEYS_IN_STORE));
      const specs: Array<[string, string, string[]]> = [
        ['Koa route answering a constant (ceiling)', ceilingUrl, ['/']],
        ['GET /api/keys/head (gateway pipeline, 2 small queries)', gateway.url, ['/api/keys/head']],
        ['GET /api/keys/{jid}', gateway.url, pick(2000, (i) => `/api/keys/${addresses[i]!.address}`)],
        ['GET /api/keys/by-fingerprint/{fpr}', gateway.url, pick(2000, (i) => `/api/keys/by-fingerprint/${addresses[i]!.fingerprint}`)],
        ['GET /.well-known/openpgpkey/hu/{hash}?l=', gateway.url, pick(2000, (i) => `/.well-known/openpgpkey/hu/${wkdHash(addresses[i]!.local)}?l=${addresses[i]!.local}`)],
        ['GET /api/keys/{jid}/log', gateway.url, pick(2000, (i) => `/api/keys/${addresses[i]!.address}/log`)],
      ];
      const rounds: LoadResult[][] = specs.map(() => []);
      for (let round = 0; round < ROUNDS; round++) {
        for (const [i, [, base, paths]] of specs.entries()) rounds[i]!.push(await runLoad({ base, paths, ...load }));
      }
      const rows = specs.map(([label], i): [string, LoadResult] => [label, medianRound(rounds[i]!)]);
      const ceilingRate = rows[0]![1].perSecond;
      console.log(`store filled with ${KEYS_IN_STORE} keys and signed log entries in ${fmt(fillSeconds, 1)} s; ${CONNECTIONS} connections; median of ${ROUNDS} interleaved rounds of ${load.durationMs / 1000} s`);
      console.log(['| lookup | req/s | of ceiling | p50 ms | p99 ms | statuses |', '| --- | --- | --- | --- | --- | --- |', ...rows.map(([label, r]) =>
        `| ${label} | ${fmt(r.perSecond, 0)} | ${fmt((100 * r.perSecond) / ceilingRate, 0)} % | ${fmt(r.p50)} | ${fmt(r.p99)} | ${Object.entries(r.statuses).map(([s, n]) => `${s}: ${n}`).join(', ')} |`)].join('\n'));
      for (const [i, [label]] of specs.entries()) {
        for (const r of rounds[i]!) if (Object.keys(r.statuses).some((s) => s !== '200')) throw new Error(`${label}: non-200 answers ${JSON.stringify(r.statuses)}`);
      }
    } finally {
      await new Promise<void>((resolve) => ceiling.close(() => resolve()));
      await stack.stop();
    }
  },
};

function medianRound(results: LoadResult[]): LoadResult {
  return [...results].sort((a, b) => a.perSecond - b.perSecond)[Math.floor(results.length / 2)]!;
}

/** 10,000 accounts (user records: the directory serves only those) with one key each (Alice's fixture bytes under distinct fingerprints) and a signed `added` entry. */
async function fill(gateway: Awaited<ReturnType<typeof startGateway>>) {
  const { store, signer } = gateway.directory;
  const keyData = publicKeyBytes((await fixtureUser('alice')).publicKey);
  const keyHash = keyDigest(keyData);
  const now = new Date();
  const addresses: Array<{ address: string; local: string; fingerprint: string }> = [];
  let head = await store.keys.head();
  for (let i = 0; i < KEYS_IN_STORE; i++) {
    const local = `user${String(i).padStart(5, '0')}`;
    const address = `${local}@localhost`;
    const fingerprint = (0xf0000000 + i).toString(16).toUpperCase().padStart(40, 'A');
    await gateway.store.users.insert({ username: local, status: 'active', roles: [], createdAt: now, updatedAt: now, quotaBytes: null, source: 'admin', inviteId: null });
    const entries = buildEntries(address, [{ action: 'added', fingerprint, previousFingerprint: null, keyHash, reason: null }], { global: head, address: undefined }, signer, now);
    await store.keys.commit({
      address,
      records: [{ address, fingerprint, keyData, keyHash, createdAt: now, firstSeenAt: now, lastSeenAt: now, source: 'published', wkdHash: wkdHash(local), removedAt: null, compromisedAt: null, compromisedReason: null }],
      entries,
      checkedAt: now,
    });
    head = entries.at(-1);
    addresses.push({ address, local, fingerprint });
  }
  return addresses;
}
