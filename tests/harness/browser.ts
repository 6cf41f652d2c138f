// Real headless Chromium (Debian's /usr/bin/chromium) driven by playwright-core, for the web
// client's end-to-end tests and benchmarks. Each user gets an isolated browser context (own
// IndexedDB and localStorage). Every page records dialogs, CSP violations, page errors and
// console errors so tests can assert that hostile content stayed inert.
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { REPO_ROOT } from '../../scripts/stack/stack.ts';
import { ensureWebclientBuilt as buildWebclientIfStale } from '../../scripts/lib/bootstrap.mjs';

// Functions passed to addInitScript/evaluate run in the browser; this Node project has no DOM lib.
declare const window: any, document: any;

export const CHROMIUM = process.env['SEALPOST_CHROMIUM'] ?? '/usr/bin/chromium';
export const ARTIFACTS = join(REPO_ROOT, 'tests', 'artifacts');

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
];

/** Builds webclient/dist when it is missing or older than its sources, as `npm test` does. */
export function ensureWebclientBuilt(): void {
  buildWebclientIfStale(REPO_ROOT);
}

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless: true });
}

export interface Watched {
  context: BrowserContext;
  page: Page;
  dialogs: string[];
  cspViolations: string[];
  pageErrors: string[];
  consoleErrors: string[];
  screenshot(name: string): Promise<string>;
  close(): Promise<void>;
}

export async function openUser(browser: Browser, url: string, options: { viewport?: { width: number; height: number }; locale?: string } = {}): Promise<Watched> {
  const context = await browser.newContext({ viewport: options.viewport ?? { width: 1280, height: 800 }, locale: options.locale ?? 'en-US' });
  return watch(context, await context.newPage(), url);
}

/**
 * A user in a browser with its own on-disk profile, as people run it. Contexts from `openUser`
 * are off the record: Chromium keeps their storage (IndexedDB, the Origin Private File System)
 * in memory, which is right for tests and wrong for measuring memory.
 */
export async function openUserWithProfile(url: string): Promise<Watched> {
  const profile = mkdtempSync(join(tmpdir(), 'sealpost-profile-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless: true, acceptDownloads: true, viewport: { width: 1280, height: 800 }, locale: 'en-US',
  });
  const w = await watch(context, context.pages()[0] ?? (await context.newPage()), url);
  return {
    ...w,
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

export async function watch(context: BrowserContext, page: Page, url?: string): Promise<Watched> {
  const w: Watched = {
    context,
    page,
    dialogs: [],
    cspViolations: [],
    pageErrors: [],
    consoleErrors: [],
    async screenshot(name) {
      mkdirSync(ARTIFACTS, { recursive: true });
      const path = join(ARTIFACTS, `${name}.png`);
      await page.screenshot({ path });
      return path;
    },
    close: () => context.close(),
  };
  page.on('dialog', (d) => {
    w.dialogs.push(`${d.type()}: ${d.message()}`);
    void d.dismiss().catch(() => {});
  });
  page.on('pageerror', (e) => w.pageErrors.push(e.message));
  page.on('console', (m) => {
    if (m.type() !== 'error') return;
    const text = m.text();
    if (/Content Security Policy|Refused to/i.test(text)) w.cspViolations.push(text);
    else w.consoleErrors.push(text);
  });
  // securitypolicyviolation events, recorded by the page itself (an init script runs before
  // the app and is not subject to the page's CSP).
  await context.addInitScript(() => {
    (window as unknown as { __csp: string[] }).__csp = [];
    document.addEventListener('securitypolicyviolation', (e: { violatedDirective: string; blockedURI: string }) => {
      (window as unknown as { __csp: string[] }).__csp.push(`${e.violatedDirective}: ${e.blockedURI}`);
    });
  });
  if (url) await page.goto(url);
  return w;
}

/** CSP violations the page itself saw (securitypolicyviolation events). */
export async function pageCspViolations(page: Page): Promise<string[]> {
  return page.evaluate(() => (window as unknown as { __csp?: string[] }).__csp ?? []);
}
