// Opened over plain http:// at an address other than localhost (a server on the LAN, say),
// the page is not a secure context: browsers withhold WebCrypto there. The web client then
// says so and what to open instead, in place of a sign-in that could never work.
import test from 'ava';
import { chromium, type Browser } from 'playwright-core';
import { CHROMIUM, CHROMIUM_ARGS, ensureWebclientBuilt, watch } from '../harness/browser.ts';
import { startStack, type TestStack } from '../harness/stack.ts';

// Functions passed to page.evaluate run in the browser; this Node project has no DOM lib.
declare const window: any;

let stack: TestStack;
let browser: Browser;
test.before(async () => {
  ensureWebclientBuilt();
  stack = await startStack();
  // A LAN-style host name, resolved to loopback by this browser only.
  browser = await chromium.launch({ executablePath: CHROMIUM, args: [...CHROMIUM_ARGS, '--host-resolver-rules=MAP sealpost-lan.test 127.0.0.1'] });
});
test.after.always(async () => {
  await browser?.close();
  await stack?.stop();
});

test('over plain http on a LAN address, the page explains that a secure connection is needed', async (t) => {
  const context = await browser.newContext({ locale: 'en-US' });
  const w = await watch(context, await context.newPage(), `http://sealpost-lan.test:${stack.httpPort}/`);
  t.false(await w.page.evaluate(() => window.isSecureContext));
  const notice = w.page.getByTestId('insecure-origin');
  await notice.waitFor();
  t.regex((await notice.textContent())!, /secure connection is needed.*https:\/\/.*http:\/\/localhost/s);
  t.is(await w.page.locator('#login-address').count(), 0, 'no sign-in form that could not work');
  t.deepEqual(w.pageErrors, []);
  await w.screenshot('insecure-origin');
});
