// The web client in Firefox (Debian's firefox-esr, driven by puppeteer-core over WebDriver
// BiDi): two people sign in for the first time, get their keys and backup codes, and
// exchange an encrypted message and a large encrypted file (the spool worker, OPFS), with no
// page error. The full behaviour is covered in Chromium (webclient.test.ts, attachments.test.ts);
// this proves the same code runs in the other engine.
import test from 'ava';
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import puppeteer, { type Browser, type ElementHandle, type Page } from 'puppeteer-core';
import { startStack, type TestStack } from '../harness/stack.ts';
import { ARTIFACTS, ensureWebclientBuilt } from '../harness/browser.ts';

// Functions passed to evaluate run in the browser; this Node project has no DOM lib.
declare const navigator: any, document: any;

const FIREFOX = process.env['SEALPOST_FIREFOX'] ?? '/usr/bin/firefox-esr';

let stack: TestStack;
let browser: Browser;
test.before(async () => {
  ensureWebclientBuilt();
  stack = await startStack();
  browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath: FIREFOX,
    headless: true,
    // No network but loopback here: keep Firefox from phoning home at start.
    extraPrefsFirefox: { 'network.dns.disableIPv6': true, 'app.update.enabled': false, 'browser.safebrowsing.malware.enabled': false },
  });
});
test.after.always(async () => {
  await browser?.close();
  await stack?.stop();
});

/** Runs one step; on failure saves a screenshot and names the step in the error. */
async function step<T>(page: Page, label: string, fn: () => Promise<T>): Promise<T> {
  const t0 = Date.now();
  try {
    const result = await fn();
    if (process.env['SEALPOST_TRACE_STEPS']) console.error(`step ${label}: ${Date.now() - t0} ms`);
    return result;
  } catch (err) {
    mkdirSync(ARTIFACTS, { recursive: true });
    await page.screenshot({ path: join(ARTIFACTS, `firefox-failure-${label.replace(/\W+/g, '-')}.png`) }).catch(() => {});
    throw new Error(`${label}: ${(err as Error).message}`);
  }
}

interface Person {
  page: Page;
  errors: string[];
}

async function signIn(address: string, password: string): Promise<Person> {
  const context = await browser.createBrowserContext();
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (err) => errors.push(String(err)));
  if (process.env['SEALPOST_TRACE_STEPS']) page.on('console', (m) => console.error(`${address} console: ${m.text()}`));
  await page.setViewport({ width: 1280, height: 800 });
  // The public URL, as people reach it: upload slots are made for that origin.
  await page.goto(stack.prepared.config.http.publicUrl, { waitUntil: 'load' });
  await step(page, 'sign in', async () => {
    await page.locator('#login-address').fill(address);
    await page.locator('#login-password').fill(password);
    await page.locator('form button[type="submit"]').click();
  });
  // First sign-in: a key is made and published, and the backup code is shown once.
  await step(page, 'backup code', async () => {
    const code = await page.waitForSelector('[data-testid="backup-code"]', { timeout: 60_000 });
    const text = (await code!.evaluate((el) => el.textContent ?? '')).trim();
    if (!/^[1-9A-NP-Z]{4}(-[1-9A-NP-Z]{4}){5}$/.test(text)) throw new Error(`unexpected backup code ${text}`);
    await page.locator('input[type="checkbox"]').click();
    await page.locator('button.primary:not([disabled])').click();
  });
  await step(page, 'mailbox online', () => page.waitForSelector('[data-testid="connection"].conn-online', { timeout: 30_000 }));
  return { page, errors };
}

test('two people in Firefox exchange an encrypted message and a 34 MiB encrypted file', async (t) => {
  t.timeout(180_000);
  await stack.createUser('foxa', 'foxa-password-1');
  await stack.createUser('foxb', 'foxb-password-1');
  const a = await signIn('foxa@localhost', 'foxa-password-1');
  const b = await signIn('foxb@localhost', 'foxb-password-1');

  await step(a.page, 'compose', async () => {
    // page.click/type rather than locators: under BiDi here, locators' actionability checks
    // on these inputs take tens of seconds though the elements are visible and enabled.
    await a.page.click('::-p-xpath(//button[normalize-space()="New message"])');
    await a.page.waitForSelector('#compose-to');
    await a.page.type('#compose-to', 'foxb@localhost');
    await a.page.type('#compose-subject', 'From Firefox');
    await a.page.type('#compose-body', 'Hello from Gecko, encrypted.');
    await a.page.click('[data-testid="compose-send"]');
  });
  await step(b.page, 'open conversation', () => b.page.locator('button.conv[data-peer="foxa@localhost"]').setTimeout(60_000).click());
  const bubble = await step(b.page, 'read message', () =>
    b.page.waitForSelector('[data-testid="message"][data-security="ox"] ::-p-text(Hello from Gecko, encrypted.)', { timeout: 60_000 }),
  );
  t.truthy(bubble, 'the message shows decrypted and marked encrypted');

  if (!existsSync(ARTIFACTS)) mkdirSync(ARTIFACTS, { recursive: true });
  await b.page.screenshot({ path: join(ARTIFACTS, 'firefox-conversation.png') });

  // A large file (over 32 MiB): encrypted by the spool worker into the Origin Private File
  // System on one side, downloaded and decrypted the same way on the other.
  const data = randomBytes(34 * 1024 * 1024);
  const path = join(mkdtempSync(join(tmpdir(), 'sealpost-fox-')), 'big.bin');
  writeFileSync(path, data);
  await step(a.page, 'attach', async () => {
    await (await a.page.waitForSelector('button.conv[data-peer="foxb@localhost"]', { timeout: 30_000 }))!.click();
    const input = await a.page.waitForSelector('[data-testid="attach-input"]');
    await (input as unknown as ElementHandle<{ files: unknown }>).uploadFile(path);
  });
  await step(a.page, 'upload', async () => {
    for (const deadline = Date.now() + 120_000; Date.now() < deadline; await new Promise((r) => setTimeout(r, 500))) {
      const u = await a.page.evaluate(() => {
        const el = document.querySelector('[data-testid="upload"]');
        return el ? { state: el.getAttribute('data-state'), reason: el.getAttribute('data-reason') } : undefined;
      });
      if (!u) return;
      if (u.state === 'failed') throw new Error(`upload failed: ${u.reason}`);
    }
    throw new Error('upload still running after 120 s');
  });
  await step(b.page, 'download', async () => {
    await b.page.waitForSelector('[data-testid="attachment"][data-name="big.bin"]', { timeout: 120_000 });
    await b.page.click('[data-testid="attachment"][data-name="big.bin"] [data-testid="attachment-download"]');
    await b.page.waitForFunction(SPOOLED_SIZE_IS, { timeout: 120_000, polling: 500 }, data.length);
  });
  const digest = await b.page.evaluate(SPOOLED_SHA256);
  t.is(digest, createHash('sha256').update(data).digest('hex'), 'the decrypted file is the one sent');
  for (const p of [a.page, b.page]) t.true(await p.evaluate(() => performance.getEntriesByType('resource').some((e) => e.name.includes('spoolWorker'))), 'the spool worker ran');
  t.deepEqual([...a.errors, ...b.errors], []);
});

// In the page: the spool folder of the Origin Private File System (webclient/src/files/spool.ts).
const SPOOLED_SIZE_IS = async (size: number) => {
  const dir = await (await navigator.storage.getDirectory()).getDirectoryHandle('sealpost-spool', { create: true });
  for await (const h of (dir as { values(): AsyncIterable<any> }).values()) if ((await h.getFile()).size === size) return true;
  return false;
};
const SPOOLED_SHA256 = async () => {
  const dir = await (await navigator.storage.getDirectory()).getDirectoryHandle('sealpost-spool');
  for await (const h of (dir as { values(): AsyncIterable<any> }).values()) {
    const bytes = new Uint8Array(await crypto.subtle.digest('SHA-256', await (await h.getFile()).arrayBuffer()));
    return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
  }
  return '';
};
