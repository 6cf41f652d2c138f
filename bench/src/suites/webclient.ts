// Web client benchmark, in real headless Chromium against a real Prosody and gateway:
// bundle size (gzip); page load to a mailbox of 1,000 conversations and 10,000 cached
// messages; opening a 5,000-message conversation; login time; message latency between two
// browsers (p50/p99).
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { BenchSuite } from '../main.ts';
import { fmt, percentile } from '../stats.ts';
import { startStack } from '../../../tests/harness/stack.ts';
import { ensureWebclientBuilt, launchBrowser, openUser } from '../../../tests/harness/browser.ts';
import { MailboxPage } from '../../../tests/e2e/mailboxPage.ts';
import { REPO_ROOT } from '../../../scripts/stack/stack.ts';

// Functions passed to page.evaluate run in the browser; this Node project has no DOM lib.
declare const window: any, document: any, indexedDB: any, MutationObserver: any, requestAnimationFrame: any;
type IDBDatabase = any;
type HTMLTextAreaElement = any;
type HTMLButtonElement = any;

const CONVERSATIONS = 1000;
const MESSAGES = 10_000;
const BIG = 5000;
const LATENCY_SAMPLES = Number(process.env['SEALPOST_BENCH_LATENCY_N'] ?? 100);
const LOGINS = 5;

function bundleSize(): { files: number; raw: number; gzip: number; initialGzip: number } {
  const dist = join(REPO_ROOT, 'webclient', 'dist');
  const dir = join(dist, 'assets');
  // What index.html loads up front; the rest (the OpenPGP engine) is fetched on demand.
  const html = readFileSync(join(dist, 'index.html'), 'utf8');
  let raw = 0;
  let gzip = 0;
  let initialGzip = 0;
  const files = readdirSync(dir).filter((f) => f.endsWith('.js') || f.endsWith('.css'));
  for (const f of files) {
    const data = readFileSync(join(dir, f));
    const z = gzipSync(data, { level: 9 }).length;
    raw += data.length;
    gzip += z;
    if (html.includes(`/assets/${f}`)) initialGzip += z;
  }
  return { files: files.length, raw, gzip, initialGzip };
}

/** Writes conversations and messages straight into the account's IndexedDB (schema v1). */
async function seed(ui: MailboxPage, jid: string): Promise<void> {
  await ui.page.evaluate(
    async ({ jid, conversations, messages, big }) => {
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const r = indexedDB.open(`sealpost:${jid}`);
        r.onsuccess = () => resolve(r.result);
        r.onerror = () => reject(r.error);
      });
      const now = Date.now();
      const small = Math.floor((messages - big) / (conversations - 1));
      let written = 0;
      for (let c = 0; c < conversations; c++) {
        const peer = c === 0 ? 'big@bench.example' : `peer${c}@bench.example`;
        const count = c === 0 ? messages - small * (conversations - 1) : small;
        const tx = db.transaction(['messages', 'conversations'], 'readwrite');
        const store = tx.objectStore('messages');
        let last = 0;
        for (let i = 0; i < count; i++) {
          const ts = now - (conversations - c) * 60_000 - (count - i) * 1000;
          last = ts;
          const body = `Message ${i} in conversation ${c}: the quick brown fox jumps over the lazy dog`;
          const dir = i % 2 ? 'out' : 'in';
          store.put({ key: `${peer} m${i}`, id: `m${i}`, peer, dir, ts, body, security: 'ox', text: body.toLowerCase(), ...(dir === 'out' ? { state: 'read' } : {}), ...(i % 50 === 0 ? { subject: `Topic ${i / 50}` } : {}) });
        }
        tx.objectStore('conversations').put({ peer, lastTs: last, preview: `Latest message in conversation ${c}`, lastDir: 'in', security: 'ox', unread: c % 7 === 0 ? 2 : 0 });
        await new Promise<void>((resolve, reject) => {
          tx.oncomplete = () => resolve();
          tx.onerror = () => reject(tx.error);
        });
        written += count;
      }
      db.close();
      return written;
    },
    { jid, conversations: CONVERSATIONS, messages: MESSAGES, big: BIG },
  );
}

export const suite: BenchSuite = {
  title: 'Web client (headless Chromium, real Prosody + gateway)',
  async run() {
    ensureWebclientBuilt();
    const size = bundleSize();
    const stack = await startStack({ env: { SEALPOST_REGISTRATION: 'open', SEALPOST_REGISTRATION_RATE_PER_ADDRESS: '1000/hour', SEALPOST_REGISTRATION_RATE_TOTAL: '1000/hour' } });
    const browser = await launchBrowser();
    const rows: [string, string][] = [
      ['bundle (JS+CSS), all', `${size.files} files, ${fmt(size.raw / 1024, 1)} KiB raw, ${fmt(size.gzip / 1024, 1)} KiB gzip`],
      ['bundle loaded by index.html (gzip)', `${fmt(size.initialGzip / 1024, 1)} KiB (the OpenPGP engine loads on demand)`],
    ];
    try {
      const a = await openUser(browser, stack.gatewayUrl);
      const b = await openUser(browser, stack.gatewayUrl);
      const alice = new MailboxPage(a.page);
      const bob = new MailboxPage(b.page);
      await alice.signup('alice', 'alice-bench-password');
      await alice.takeBackupCode();
      await alice.waitOnline();
      await bob.signup('bob', 'bob-bench-password');
      await bob.takeBackupCode();
      await bob.waitOnline();

      // Login: sign out (the key stays wrapped on this browser), sign in again.
      const logins: number[] = [];
      for (let i = 0; i < LOGINS; i++) {
        await alice.page.getByRole('button', { name: 'Sign out' }).click();
        await alice.page.getByLabel('Address').waitFor();
        const t0 = performance.now();
        await alice.login('alice@localhost', 'alice-bench-password');
        await alice.waitForMailbox();
        await alice.waitOnline();
        logins.push(performance.now() - t0);
      }
      rows.push(['login (click to connected mailbox)', `p50 ${fmt(percentile(logins, 50), 0)} ms, max ${fmt(Math.max(...logins), 0)} ms (n=${LOGINS})`]);

      // Latency between two browsers: Alice sends, Bob's open conversation shows it.
      await alice.compose('bob@localhost', 'warm-up');
      await bob.page.locator('button.conv[data-peer="alice@localhost"]').waitFor({ timeout: 20_000 });
      await bob.open('alice@localhost');
      await bob.message('warm-up').waitFor();
      await bob.page.evaluate(() => {
        const w = window as unknown as { __seen: Record<string, number> };
        w.__seen = {};
        new MutationObserver(() => {
          for (const el of document.querySelectorAll('[data-testid="message"] .body')) {
            const text = el.textContent ?? '';
            if (text.startsWith('lat-') && !(text in w.__seen)) w.__seen[text] = performance.timeOrigin + performance.now();
          }
        }).observe(document.body, { childList: true, subtree: true });
      });
      const latencies: number[] = [];
      for (let i = 0; i < LATENCY_SAMPLES; i++) {
        const text = `lat-${i}`;
        const sentAt = await a.page.evaluate((text) => {
          const box = document.querySelector('[data-testid="composer"]') as HTMLTextAreaElement;
          box.value = text;
          box.dispatchEvent(new Event('input', { bubbles: true }));
          return new Promise<number>((resolve) =>
            setTimeout(() => {
              // Timed from the click, once the typed text is rendered into state.
              const t = performance.timeOrigin + performance.now();
              document.querySelector('[data-testid="send"]')!.click();
              resolve(t);
            }, 0),
          );
        }, text);
        await b.page.waitForFunction((text) => (window as unknown as { __seen: Record<string, number> }).__seen[text] !== undefined, text, { timeout: 20_000, polling: 5 });
        const seenAt = await b.page.evaluate((text) => (window as unknown as { __seen: Record<string, number> }).__seen[text]!, text);
        latencies.push(seenAt - sentAt);
      }
      rows.push(['message latency browser to browser', `p50 ${fmt(percentile(latencies, 50), 1)} ms, p99 ${fmt(percentile(latencies, 99), 1)} ms (n=${LATENCY_SAMPLES})`]);

      // A big mailbox: seed Alice's cache, reload, time until 1,000 conversations are on screen.
      await seed(alice, 'alice@localhost');
      const firsts: number[] = [];
      const loads: number[] = [];
      for (let i = 0; i < 5; i++) {
        await alice.page.reload({ waitUntil: 'commit' });
        const [first, all] = await alice.page.evaluate(async (n) => {
          // (no named helpers in page functions: tsx would wrap them in __name())
          let firstAt = 0;
          for (;;) {
            const rows = document.querySelectorAll('button.conv').length;
            if (rows > 0 && !firstAt) firstAt = performance.now();
            if (rows >= n) break;
            await new Promise((r) => requestAnimationFrame(r));
          }
          return [firstAt, performance.now()];
        }, CONVERSATIONS);
        firsts.push(first);
        loads.push(all);
      }
      rows.push([`page load to first screen of the mailbox (${CONVERSATIONS} conv., ${MESSAGES} msgs cached)`, `p50 ${fmt(percentile(firsts, 50), 0)} ms, max ${fmt(Math.max(...firsts), 0)} ms (n=5)`]);
      rows.push([`page load to all ${CONVERSATIONS} conversations in the DOM`, `p50 ${fmt(percentile(loads, 50), 0)} ms, max ${fmt(Math.max(...loads), 0)} ms (n=5)`]);

      const opens: number[] = [];
      for (let i = 0; i < 3; i++) {
        await alice.page.locator('button.conv').nth(1).click(); // something else first
        await alice.page.waitForTimeout(200);
        const ms = await alice.page.evaluate(async () => {
          const t0 = performance.now();
          (document.querySelector('button.conv[data-peer="big@bench.example"]') as HTMLButtonElement).click();
          for (;;) {
            const h = document.querySelector('#conversation-title');
            if (h?.textContent?.includes('big@bench.example') && document.querySelectorAll('[data-testid="message"]').length >= 100) break;
            await new Promise((r) => requestAnimationFrame(r));
          }
          return performance.now() - t0;
        });
        opens.push(ms);
      }
      rows.push([`open a ${BIG}-message conversation (latest 100 rendered)`, `p50 ${fmt(percentile(opens, 50), 0)} ms, max ${fmt(Math.max(...opens), 0)} ms (n=3)`]);
    } finally {
      await browser.close();
      await stack.stop();
    }
    const width = Math.max(...rows.map((r) => r[0].length));
    for (const [k, v] of rows) console.log(`${k.padEnd(width)}  ${v}`);
  },
};
