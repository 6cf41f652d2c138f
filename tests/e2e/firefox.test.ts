// The web client in Firefox (Debian's firefox-esr, driven by puppeteer-core over WebDriver
// BiDi): two people sign in for the first time, get their keys and backup codes, and
// exchange an encrypted message, with no page error. The full behaviour is covered in
// Chromium (webclient.test.ts); this proves the same code runs in the other engine.
import test from 'ava';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { startStack, type TestStack } from '../harness/stack.ts';
import { ARTIFACTS, ensureWebclientBuilt } from '../harness/browser.ts';

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
  await page.setViewport({ width: 1280, height: 800 });
  await page.goto(stack.gatewayUrl, { waitUntil: 'load' });
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

test('two people in Firefox exchange an encrypted message', async (t) => {
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
  t.deepEqual([...a.errors, ...b.errors], []);
});
