// A closed-loop HTTP load generator, run as its own process by the benchmark suites so the
// client does not share the server's core: N keep-alive connections, each sending its next
// request as soon as the previous answer is read, for a fixed time after a warm-up.
// Usage: echo '<json LoadSpec>' | node --import tsx bench/src/httpLoad.ts  -> prints a LoadResult JSON line.
import { Agent, request } from 'node:http';
import { fileURLToPath } from 'node:url';
import { spawn } from 'node:child_process';

export interface LoadSpec {
  /** Base URL, e.g. http://127.0.0.1:8080 */
  base: string;
  /** Paths to request, cycled through at random (so caches see a spread of keys). */
  paths: string[];
  connections: number;
  warmupMs: number;
  durationMs: number;
}

export interface LoadResult {
  requests: number;
  perSecond: number;
  p50: number;
  p99: number;
  statuses: Record<string, number>;
}

async function run(spec: LoadSpec): Promise<LoadResult> {
  const url = new URL(spec.base);
  const agent = new Agent({ keepAlive: true, maxSockets: spec.connections });
  const once = (path: string) =>
    new Promise<number>((resolve, reject) => {
      const req = request({ host: url.hostname, port: url.port, path, agent }, (res) => {
        res.on('data', () => {});
        res.on('end', () => resolve(res.statusCode ?? 0));
        res.on('error', reject);
      });
      req.on('error', reject);
      req.end();
    });
  const latencies: number[] = [];
  const statuses: Record<string, number> = {};
  const start = performance.now();
  const measureFrom = start + spec.warmupMs;
  const end = measureFrom + spec.durationMs;
  await Promise.all(
    Array.from({ length: spec.connections }, async () => {
      while (performance.now() < end) {
        const path = spec.paths[Math.floor(Math.random() * spec.paths.length)]!;
        const t0 = performance.now();
        const status = await once(path);
        const t1 = performance.now();
        if (t0 >= measureFrom && t1 <= end) {
          latencies.push(t1 - t0);
          statuses[status] = (statuses[status] ?? 0) + 1;
        }
      }
    }),
  );
  agent.destroy();
  latencies.sort((a, b) => a - b);
  const at = (p: number) => latencies[Math.min(latencies.length - 1, Math.ceil((p / 100) * latencies.length) - 1)] ?? NaN;
  return { requests: latencies.length, perSecond: latencies.length / (spec.durationMs / 1000), p50: at(50), p99: at(99), statuses };
}

/** Runs the generator in a child process and resolves with its result. */
export function runLoad(spec: LoadSpec): Promise<LoadResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', fileURLToPath(import.meta.url)], { stdio: ['pipe', 'pipe', 'inherit'] });
    child.stdin.end(JSON.stringify(spec));
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.on('error', reject);
    child.on('exit', (code) => {
      if (code !== 0) return reject(new Error(`load generator exited with ${code}`));
      resolve(JSON.parse(out.trim().split('\n').at(-1)!) as LoadResult);
    });
  });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  let input = '';
  for await (const chunk of process.stdin) input += chunk;
  const result = await run(JSON.parse(input) as LoadSpec);
  process.stdout.write(`${JSON.stringify(result)}\n`);
}
