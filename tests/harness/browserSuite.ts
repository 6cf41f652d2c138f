// The shared set-up of a browser test file: a real stack (open registration, rates high
// enough for tests), one Chromium, the pages the tests open, a screenshot and the page's
// errors for each open page when a test fails, and a clean stop at the end.
import type { TestFn } from 'ava';
import type { Browser } from 'playwright-core';
import { startStack, type TestStack } from './stack.ts';
import { ensureWebclientBuilt, launchBrowser, openUser, type Watched } from './browser.ts';

export interface BrowserSuite {
  readonly stack: TestStack;
  readonly browser: Browser;
  /** A page in a fresh browser context (its own storage), closed at the end of the file. */
  open(url?: string, options?: Parameters<typeof openUser>[2]): Promise<Watched>;
  /** Closes a page before the end of the file. */
  close(w: Watched): Promise<void>;
}

export function browserSuite(test: TestFn, options: { name: string; env?: Record<string, string> }): BrowserSuite {
  let stack: TestStack | undefined;
  let browser: Browser | undefined;
  const opened: Watched[] = [];

  test.before(async () => {
    ensureWebclientBuilt();
    stack = await startStack({
      env: {
        SEALPOST_REGISTRATION: 'open',
        SEALPOST_REGISTRATION_RATE_PER_ADDRESS: '1000/hour',
        SEALPOST_REGISTRATION_RATE_TOTAL: '1000/hour',
        ...options.env,
      },
    });
    browser = await launchBrowser();
  });
  test.afterEach.always(async (t) => {
    if (t.passed) return;
    const title = t.title.replace(/^afterEach\.always hook for /, '').slice(0, 40).replace(/\W+/g, '-');
    let i = 0;
    for (const w of opened) {
      await w.screenshot(`failure-${options.name}-${title}-${i++}`).catch(() => {});
      t.log(`page ${i}: errors ${JSON.stringify(w.pageErrors)} console ${JSON.stringify(w.consoleErrors)}`);
    }
  });
  test.after.always(async () => {
    for (const w of opened) await w.close().catch(() => {});
    await browser?.close();
    await stack?.stop();
  });

  return {
    get stack() {
      if (!stack) throw new Error('the stack starts in test.before');
      return stack;
    },
    get browser() {
      if (!browser) throw new Error('the browser starts in test.before');
      return browser;
    },
    async open(url, openOptions) {
      const w = await openUser(this.browser, url ?? this.stack.gatewayUrl, openOptions);
      opened.push(w);
      return w;
    },
    async close(w) {
      await w.close();
      opened.splice(opened.indexOf(w), 1);
    },
  };
}
