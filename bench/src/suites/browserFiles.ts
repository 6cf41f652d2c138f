// Files through the web client itself, in headless Chromium: Alice attaches a 100 MB and a
// 1 GB file (encrypted in her browser, uploaded through Prosody), Bob downloads and decrypts
// each. Each runs its own Chromium with an on-disk profile, as people do. Reports MB/s for each leg and the peak memory of all Chromium processes (sum of RSS,
// sampled every 100 ms) above what they used before the transfer. Bounded memory means the
// peak does not grow with the file size (webclient/src/files/spool.ts).
import { createHash, randomBytes } from 'node:crypto';
import { createReadStream, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BenchSuite } from '../main.ts';
import { fmt } from '../stats.ts';
import { printTable } from './ox.ts';
import { startStack } from '../../../tests/harness/stack.ts';
import { ensureWebclientBuilt, openUserWithProfile } from '../../../tests/harness/browser.ts';
import { MailboxPage } from '../../../tests/e2e/mailboxPage.ts';

const MB = 1000 * 1000;
const SIZES = (process.env['SEALPOST_BENCH_BROWSER_FILE_SIZES'] ?? '100,1000').split(',').map((s) => Number(s) * MB);

/** PIDs of this process's descendants (Chromium's browser, renderer, GPU, utility processes). */
function descendants(root: number): number[] {
  const parent = new Map<number, number>();
  for (const d of readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    try {
      const stat = readFileSync(`/proc/${d}/stat`, 'utf8');
      parent.set(Number(d), Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]));
    } catch {
      // exited meanwhile
    }
  }
  const out: number[] = [];
  const walk = (p: number) => {
    for (const [pid, pp] of parent) if (pp === p) (out.push(pid), walk(pid));
  };
  walk(root);
  return out;
}

/** RSS of Chromium's processes by kind (browser, renderer, utility...), in bytes. */
function chromiumRssByKind(): Map<string, number> {
  const out = new Map<string, number>();
  for (const pid of descendants(process.pid)) {
    try {
      const cmd = readFileSync(`/proc/${pid}/cmdline`, 'latin1');
      if (!cmd.includes('chromium')) continue;
      const kind = (/--type=([a-z-]+)/.exec(cmd)?.[1] ?? 'browser') + (/--utility-sub-type=([\w.]+)/.exec(cmd)?.[1] ? `:${/--utility-sub-type=([\w.]+)/.exec(cmd)![1]}` : '');
      const kb = Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0);
      out.set(kind, (out.get(kind) ?? 0) + kb * 1024);
    } catch {
      // exited meanwhile
    }
  }
  return out;
}

function chromiumRss(): number {
  let total = 0;
  for (const v of chromiumRssByKind().values()) total += v;
  return total;
}

/** Samples Chromium's total RSS until stopped; returns the peak. */
function samplePeak(): { stop(): number; breakdown(): string } {
  let peak = 0;
  let at = new Map<string, number>();
  const sample = () => {
    const byKind = chromiumRssByKind();
    let total = 0;
    for (const v of byKind.values()) total += v;
    if (total > peak) [peak, at] = [total, byKind];
  };
  sample();
  const timer = setInterval(sample, 100);
  return {
    stop() {
      clearInterval(timer);
      sample();
      return peak;
    },
    breakdown: () => [...at].map(([k, v]) => `${k} ${fmt(v / MB, 0)} MB`).join(', '),
  };
}

const signedMB = (bytes: number) => `${bytes >= 0 ? '+' : '−'}${fmt(Math.abs(bytes) / MB, 0)} MB`;

async function sha256File(path: string): Promise<string> {
  const h = createHash('sha256');
  for await (const chunk of createReadStream(path)) h.update(chunk as Buffer);
  return h.digest('hex');
}

export const suite: BenchSuite = {
  title: 'Files in the browser: 100 MB and 1 GB encrypted, Chromium → Prosody → Chromium',
  async run() {
    ensureWebclientBuilt();
    const dir = mkdtempSync(join(tmpdir(), 'sealpost-bench-browser-files-'));
    const stack = await startStack({
      logLevel: 'warn',
      env: { SEALPOST_REGISTRATION: 'open', SEALPOST_UPLOAD_SIZE_LIMIT: String(2 * 1024 * MB), SEALPOST_UPLOAD_DAILY_QUOTA: String(20 * 1024 * MB) },
    });
    const rows: string[][] = [];
    // Two browsers with on-disk profiles, as people run them (see openUserWithProfile).
    const a = await openUserWithProfile(stack.prepared.config.http.publicUrl);
    const b = await openUserWithProfile(stack.prepared.config.http.publicUrl);
    try {
      const alice = new MailboxPage(a.page);
      const bob = new MailboxPage(b.page);
      for (const [ui, name] of [[alice, 'alice'], [bob, 'bob']] as const) {
        await ui.signup(name, `${name}-bench-password`);
        await ui.takeBackupCode();
        await ui.waitOnline();
      }
      await alice.compose('bob@localhost', 'Big files coming.');
      await bob.page.locator('button.conv[data-peer="alice@localhost"]').waitFor({ timeout: 30_000 });
      await bob.open('alice@localhost');

      for (const [i, size] of SIZES.entries()) {
        const name = `big-${i + 1}-${size / MB}MB.bin`;
        const path = join(dir, name);
        writeFileSync(path, randomBytes(size));
        const sha = await sha256File(path);

        const before = chromiumRss();
        const up = samplePeak();
        const t0 = performance.now();
        await alice.page.getByTestId('attach-input').setInputFiles(path);
        const got = bob.page.locator(`[data-testid="attachment"][data-name="${name}"]`);
        await got.waitFor({ timeout: 30 * 60_000 });
        const upMs = performance.now() - t0;
        const upPeak = up.stop() - before;

        const down = samplePeak();
        const t1 = performance.now();
        const [download] = await Promise.all([bob.page.waitForEvent('download', { timeout: 30 * 60_000 }), got.getByTestId('attachment-download').click()]);
        const saved = await download.path();
        const downMs = performance.now() - t1;
        const downPeak = down.stop() - before;
        if (process.env['SEALPOST_BENCH_VERBOSE']) console.log(`${name}: peak sending: ${up.breakdown()}; peak receiving: ${down.breakdown()}`);
        const intact = (await sha256File(saved)) === sha;
        await download.delete();
        rmSync(path);
        if (!intact) throw new Error(`${name}: the downloaded file differs`);
        rows.push([
          `${size / MB} MB`,
          `${fmt(size / MB / (upMs / 1000), 1)} MB/s (${fmt(upMs / 1000, 1)} s)`,
          `${fmt(size / MB / (downMs / 1000), 1)} MB/s (${fmt(downMs / 1000, 1)} s)`,
          `${fmt(before / MB, 0)} MB`,
          signedMB(upPeak),
          signedMB(downPeak),
        ]);
      }
    } finally {
      await Promise.all([a.close(), b.close()]);
      await stack.stop();
      rmSync(dir, { recursive: true, force: true });
    }
    printTable(['file', 'encrypt + upload + delivery', 'download + decrypt + save', 'Chromium RSS before', 'peak while sending', 'peak while receiving'], rows);
  },
};
