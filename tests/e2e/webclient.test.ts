// The web client end to end: real Prosody and gateway, real headless Chromium (Debian's
// chromium driven by playwright-core). Two people sign up, exchange encrypted messages,
// reload, restore their key on a second browser, and meet key changes, other clients and
// hostile content.
import test from 'ava';
import { xml } from '@xmpp/client';
import {
  buildFetchPublicKey, buildFetchPublicKeysList, createOxMessage, generateOxKey, oxPayload, parsePublicKeyResult,
  parsePublicKeysListResult, readPublicKey,
} from '@sealpost/protocol';
import { pageCspViolations } from '../harness/browser.ts';
import { browserSuite } from '../harness/browserSuite.ts';
import { goSendxmppAccount, removeHome, runGoSendxmpp } from '../harness/goSendxmpp.ts';
import { MailboxPage } from './mailboxPage.ts';

// Functions passed to page.evaluate run in the browser; this Node project has no DOM lib.
declare const document: any, window: any, WebSocket: any;

const suite = browserSuite(test, { name: 'webclient' });

/** A new person in a fresh browser context, signed in with their key set up. */
async function newPerson(name: string, password = `${name}-password-1`) {
  const w = await suite.open();
  const ui = new MailboxPage(w.page);
  await ui.signup(name, password);
  const code = await ui.takeBackupCode();
  await ui.waitOnline();
  return { w, ui, code, jid: `${name}@${suite.stack.domain}`, password };
}

type Person = Awaited<ReturnType<typeof newPerson>>;
let alice: Person;
let bob: Person;

test.serial('two people exchange encrypted messages both ways; the mailbox orders by activity; history survives a reload', async (t) => {
  alice = await newPerson('alice');
  bob = await newPerson('bob');
  t.regex(alice.code, /^[1-9A-NP-Z]{4}(-[1-9A-NP-Z]{4}){5}$/);
  // The key was published (open PEP) and the server's key directory was told.
  let listed: Response | undefined;
  for (let i = 0; i < 20 && listed?.status !== 200; i++) {
    listed = await fetch(`${suite.stack.gatewayUrl}/api/keys/${alice.jid}`);
    if (listed.status !== 200) await new Promise((r) => setTimeout(r, 250));
  }
  t.is(listed?.status, 200);
  t.true(JSON.stringify(await listed!.json()).includes('fingerprint'));

  await alice.ui.compose(bob.jid, 'Hello Bob, this is encrypted.', 'First letter');
  await alice.ui.message('Hello Bob, this is encrypted.').waitFor();
  await bob.ui.page.locator(`button.conv[data-peer="${alice.jid}"]`).waitFor({ timeout: 20_000 });
  await bob.ui.open(alice.jid);
  const got = bob.ui.message('Hello Bob, this is encrypted.');
  await got.waitFor();
  t.is(await got.getAttribute('data-security'), 'ox');
  t.true((await bob.ui.page.getByText('First letter').count()) > 0);

  await bob.ui.reply('Hi Alice, got it.');
  await alice.ui.message('Hi Alice, got it.').waitFor({ timeout: 20_000 });
  // Alice's first message: delivered, then read once Bob displayed it.
  await alice.ui.page.locator('[data-testid="message"][data-state="read"]').first().waitFor({ timeout: 20_000 });
  await alice.w.screenshot('webclient-conversation-alice');
  await bob.w.screenshot('webclient-conversation-bob');

  // Activity order: Carol writes to Alice last, so Carol's conversation comes first.
  await suite.stack.createUser('carol', 'carol-password-1');
  const carol = await newPersonExisting('carol', 'carol-password-1');
  await carol.ui.compose(alice.jid, 'Carol here, newest.');
  await alice.ui.page.locator(`button.conv[data-peer="carol@${suite.stack.domain}"]`).waitFor({ timeout: 20_000 });
  t.deepEqual((await alice.ui.conversationOrder()).slice(0, 2), [`carol@${suite.stack.domain}`, bob.jid]);

  await alice.ui.page.reload();
  await alice.ui.waitForMailbox();
  await alice.ui.open(bob.jid);
  await alice.ui.message('Hi Alice, got it.').waitFor();
  await alice.ui.message('Hello Bob, this is encrypted.').waitFor();
  await alice.w.screenshot('webclient-after-reload');

  t.deepEqual(alice.w.dialogs, []);
  t.deepEqual(alice.w.cspViolations, []);
  t.deepEqual(await pageCspViolations(alice.ui.page), []);
  t.deepEqual(alice.w.pageErrors, []);
});

async function newPersonExisting(name: string, password: string) {
  const w = await suite.open();
  const ui = new MailboxPage(w.page);
  await ui.login(`${name}@${suite.stack.domain}`, password);
  const code = await ui.takeBackupCode();
  await ui.waitOnline();
  return { w, ui, code, jid: `${name}@${suite.stack.domain}`, password };
}

test.serial('a second browser restores the key with the backup code and reads the old messages from the archive', async (t) => {
  const w = await suite.open();
  const ui = new MailboxPage(w.page);
  await ui.login(alice.jid, alice.password);
  await w.page.getByRole('heading', { name: 'Unlock your key on this browser' }).waitFor({ timeout: 30_000 });
  await ui.page.getByLabel('Backup code').fill('AAAA-BBBB-CCCC-DDDD-EEEE-FFFF');
  await ui.page.getByRole('button', { name: 'Unlock' }).click();
  await w.page.getByText('That backup code does not unlock your key').waitFor({ timeout: 30_000 });
  await w.screenshot('webclient-restore-wrong-code');
  await ui.restore(alice.code.toLowerCase().replace(/-/g, ' ')); // case and separators are forgiven
  await ui.waitOnline();
  await w.page.locator(`button.conv[data-peer="${bob.jid}"]`).waitFor({ timeout: 20_000 });
  await ui.open(bob.jid);
  const mine = ui.message('Hello Bob, this is encrypted.');
  await mine.waitFor({ timeout: 20_000 });
  t.is(await mine.getAttribute('data-security'), 'ox');
  await ui.message('Hi Alice, got it.').waitFor();
  await w.screenshot('webclient-restored-history');
  // Carbons: what this new device sends shows up on the first one.
  await ui.reply('Sent from my second browser.');
  await alice.ui.message('Sent from my second browser.').waitFor({ timeout: 20_000 });
  await bob.ui.message('Sent from my second browser.').waitFor({ timeout: 20_000 });
  await suite.close(w);
});

test.serial('a message sent by go-sendxmpp with --ox appears decrypted', async (t) => {
  await suite.stack.createUser('gosend', 'gosend-password-1');
  const gosend = goSendxmppAccount(`gosend@${suite.stack.domain}`, 'gosend-password-1', suite.stack.c2sPort);
  const text = 'Encrypted hello from go-sendxmpp';
  try {
    const gen = await runGoSendxmpp(gosend, ['--ox-genprivkey-x25519'], '', 60_000);
    t.is(gen.code, 0, gen.stderr);
    const sent = await runGoSendxmpp(gosend, ['--ox', alice.jid], text, 60_000);
    t.is(sent.code, 0, sent.stderr);
  } finally {
    removeHome(gosend);
  }
  await alice.ui.open(`gosend@${suite.stack.domain}`).catch(async () => {
    await alice.ui.page.locator(`button.conv[data-peer="gosend@${suite.stack.domain}"]`).waitFor({ timeout: 20_000 });
    await alice.ui.open(`gosend@${suite.stack.domain}`);
  });
  const msg = alice.ui.message(text);
  await msg.waitFor({ timeout: 20_000 });
  t.is(await msg.getAttribute('data-security'), 'ox');
  await alice.w.screenshot('webclient-go-sendxmpp');
});

test.serial('a plaintext message from another XMPP client is marked unencrypted', async (t) => {
  await suite.stack.createUser('plainpal', 'plainpal-password-1');
  const c = await suite.stack.xmppClient('plainpal', 'plainpal-password-1');
  try {
    await c.xmpp.send(xml('message', { to: alice.jid, type: 'chat', id: 'plain-1' }, xml('body', {}, 'Hello without encryption')));
  } finally {
    await c.stop();
  }
  const peer = `plainpal@${suite.stack.domain}`;
  await alice.ui.page.locator(`button.conv[data-peer="${peer}"]`).waitFor({ timeout: 20_000 });
  await alice.ui.open(peer);
  const msg = alice.ui.message('Hello without encryption');
  await msg.waitFor();
  t.is(await msg.getAttribute('data-security'), 'plain');
  t.true(await msg.getByTestId('unencrypted').isVisible());
  // Writing back is refused plainly: this contact has no key, and nothing is sent in clear.
  await alice.ui.page.getByTestId('no-key').waitFor({ timeout: 20_000 });
  t.true(await alice.ui.page.getByTestId('send').isDisabled());
  await alice.ui.compose(peer, 'This must not go out in clear');
  await alice.ui.page.getByTestId('compose-notice').filter({ hasText: 'has no encryption key' }).waitFor();
  await alice.w.screenshot('webclient-unencrypted-and-no-key');
});

test.serial('hostile bodies and subjects render as inert text: no dialog, no CSP violation', async (t) => {
  const hostile = [
    '<script>alert("xss-script")</script>',
    '<img src=x onerror=alert("xss-img")>',
    '<a href="javascript:alert(\'xss-link\')">click me</a>',
    'invoice\u202Efdp.exe and \u2067isolate\u2069',
  ];
  const subject = '<img src=x onerror=alert("xss-subject")> \u202Egnp.txt';
  // Encrypted, from Bob's browser...
  await bob.ui.open(alice.jid);
  await bob.ui.page.getByRole('button', { name: 'Add subject' }).click();
  await bob.ui.page.locator('#reply-subject').fill(subject);
  await bob.ui.reply(hostile.join('\n'));
  // ...and in clear, from another client.
  const c = await suite.stack.xmppClient('plainpal', 'plainpal-password-1');
  await c.xmpp.send(xml('message', { to: alice.jid, type: 'chat', id: 'hostile-plain' }, xml('subject', {}, subject), xml('body', {}, hostile.join('\n'))));
  await c.stop();

  await alice.ui.open(bob.jid);
  const enc = alice.ui.message('xss-script');
  await enc.waitFor({ timeout: 20_000 });
  await alice.ui.open(`plainpal@${suite.stack.domain}`);
  await alice.ui.message('xss-img').last().waitFor({ timeout: 20_000 });
  const page = alice.ui.page;
  const list = page.getByTestId('messages');
  t.is(await list.locator('script, img, a, iframe').count(), 0);
  t.true((await list.textContent())!.includes('<script>alert("xss-script")</script>'));
  t.true((await page.locator('.bidi-control').count()) >= 2);
  await alice.w.screenshot('webclient-hostile-content');
  await alice.ui.open(bob.jid);
  await alice.w.screenshot('webclient-hostile-content-encrypted');
  t.is(await page.getByTestId('messages').locator('script, img, a').count(), 0);
  await page.waitForTimeout(500);
  t.deepEqual(alice.w.dialogs, []);
  t.deepEqual(alice.w.cspViolations, []);
  t.deepEqual(await pageCspViolations(page), []);
  t.deepEqual(alice.w.pageErrors, []);
});

test.serial('a changed key shows the warning and blocks sending until accepted', async (t) => {
  // Bob, on a new browser, has lost his backup code and makes a new key.
  const w = await suite.open();
  const ui = new MailboxPage(w.page);
  await ui.login(bob.jid, bob.password);
  await w.page.getByText('I lost my backup code').click();
  await w.page.getByRole('button', { name: 'Create a new key' }).click();
  await ui.takeBackupCode();
  await ui.waitOnline();

  await alice.ui.open(bob.jid);
  const banner = alice.ui.page.getByTestId('key-changed');
  await banner.waitFor({ timeout: 20_000 });
  t.true(await alice.ui.page.getByTestId('send').isDisabled());
  t.true(await alice.ui.page.getByTestId('composer').isDisabled());
  await alice.w.screenshot('webclient-key-changed');
  // The new-message form refuses too.
  await alice.ui.compose(bob.jid, 'Should not be sent');
  await alice.ui.page.getByTestId('compose-notice').filter({ hasText: 'has changed' }).waitFor();
  // The trust panel shows fingerprints, a QR code and the comparison code.
  await alice.ui.open(bob.jid);
  await alice.ui.page.getByTestId('trust-chip').click();
  await alice.ui.page.getByTestId('comparison-code').waitFor();
  t.true((await alice.ui.page.getByTestId('fingerprint').count()) >= 2);
  t.is(await alice.ui.page.locator('svg.qr').first().getAttribute('role'), 'img');
  await alice.w.screenshot('webclient-trust-panel');
  await alice.ui.page.keyboard.press('Escape');
  await alice.ui.page.getByTestId('accept-key').click();
  await alice.ui.reply('Accepted your new key.');
  await ui.page.locator(`button.conv[data-peer="${alice.jid}"]`).waitFor({ timeout: 20_000 });
  await ui.open(alice.jid);
  await ui.message('Accepted your new key.').waitFor({ timeout: 20_000 });
  await suite.close(w);
});

test.serial('messages written while offline are queued, sent once on reconnect; drafts survive a reload', async (t) => {
  await alice.ui.open(bob.jid);
  await alice.ui.page.getByTestId('composer').fill('A draft that survives');
  await alice.ui.page.getByTestId('draft-saved').waitFor();
  await alice.ui.page.reload();
  await alice.ui.waitForMailbox();
  await alice.ui.open(bob.jid);
  await alice.ui.page.getByTestId('draft-saved').waitFor(); // shown once the stored draft is back
  t.is(await alice.ui.page.getByTestId('composer').inputValue(), 'A draft that survives');
  await alice.ui.waitOnline();

  await suite.stack.stopProsody();
  await alice.ui.page.getByTestId('connection').filter({ hasText: 'reconnecting' }).waitFor({ timeout: 20_000 });
  await alice.ui.reply('Written while offline');
  const queued = alice.ui.page.locator('[data-testid="message"][data-state="queued"]').filter({ hasText: 'Written while offline' });
  await queued.waitFor();
  await alice.w.screenshot('webclient-offline-queued');
  await suite.stack.startProsody();
  await alice.ui.page.locator('[data-testid="message"][data-state="sent"], [data-testid="message"][data-state="delivered"], [data-testid="message"][data-state="read"]')
    .filter({ hasText: 'Written while offline' }).waitFor({ timeout: 60_000 });
  await bob.ui.waitOnline();
  await bob.ui.open(alice.jid);
  await bob.ui.message('Written while offline').waitFor({ timeout: 60_000 });
  await bob.ui.page.waitForTimeout(1500);
  t.is(await bob.ui.message('Written while offline').count(), 1);
});

test.serial('phone width, Romanian and Russian; an invite link fills the invite in', async (t) => {
  const w = await suite.open(`${suite.stack.gatewayUrl}/signup?invite=INVITE-CODE-42`, { viewport: { width: 390, height: 780 }, locale: 'ro-RO' });
  await w.page.getByRole('heading', { name: 'Creează-ți contul' }).waitFor();
  t.is(await w.page.locator('#signup-invite').inputValue(), 'INVITE-CODE-42');
  await w.screenshot('webclient-signup-invite-ro-phone');
  await w.page.getByLabel('Limbă').selectOption('ru');
  await w.page.getByRole('heading', { name: 'Создание учётной записи' }).waitFor();
  await w.screenshot('webclient-signup-ru-phone');
  await suite.close(w);

  await alice.ui.page.setViewportSize({ width: 390, height: 780 });
  await alice.ui.page.getByRole('button', { name: 'Back to conversations' }).click();
  await alice.w.screenshot('webclient-phone-list');
  await alice.ui.open(bob.jid);
  await alice.w.screenshot('webclient-phone-conversation');
  await alice.ui.page.setViewportSize({ width: 1280, height: 800 });
  // Keyboard: "/" focuses search; arrows move between conversations.
  await alice.ui.page.evaluate(() => document.activeElement?.blur());
  await alice.ui.page.keyboard.press('/');
  t.is(await alice.ui.page.evaluate(() => document.activeElement?.id), 'search');
  await alice.ui.page.keyboard.type('offline');
  await alice.ui.page.getByText(/message(s)? found/).waitFor();
  await alice.w.screenshot('webclient-search');
});

test.serial('change password and delete the account (XEP-0077); sign in with just a user name', async (t) => {
  const dora = await newPerson('dora', 'dora-password-1');
  await dora.ui.page.getByRole('button', { name: 'Settings' }).click();
  await dora.ui.page.getByLabel('New password').fill('dora-new-password-2');
  await dora.ui.page.getByLabel('Repeat the password').fill('dora-new-password-2');
  await dora.ui.page.getByRole('button', { name: 'Change password' }).click();
  await dora.ui.page.getByText('Your password has been changed.').waitFor({ timeout: 20_000 });
  await dora.w.screenshot('webclient-settings');
  await dora.ui.page.getByRole('navigation').getByRole('button', { name: 'Sign out' }).click();

  await dora.ui.login('dora', 'dora-password-1');
  await dora.ui.page.getByText('That address and password do not match').waitFor({ timeout: 20_000 });
  await dora.ui.login('dora', 'dora-new-password-2');
  await dora.ui.waitForMailbox();
  await dora.ui.waitOnline();

  await dora.ui.page.getByRole('button', { name: 'Settings' }).click();
  await dora.ui.page.getByLabel(`Type ${dora.jid} to confirm`).fill(dora.jid);
  await dora.ui.page.getByRole('button', { name: 'Delete my account' }).click();
  await dora.ui.page.getByRole('heading', { name: 'Sign in' }).waitFor({ timeout: 20_000 });
  await t.throwsAsync(suite.stack.xmppClient('dora', 'dora-new-password-2'), { message: /not-authorized/ });
  t.deepEqual(dora.w.pageErrors, []);
});

test.serial('a dropped connection resumes the stream (XEP-0198) and nothing is lost', async (t) => {
  // Keep a handle on the page's WebSockets so the test can cut the connection.
  await alice.w.context.addInitScript(() => {
    const Native = window.WebSocket;
    const sockets: unknown[] = [];
    (window as unknown as { __sockets: unknown[] }).__sockets = sockets;
    window.WebSocket = class extends Native {
      constructor(url: string, protocols?: string | string[]) {
        super(url, protocols);
        sockets.push(this);
      }
    };
  });
  let resumed = 0;
  alice.ui.page.on('websocket', (ws) => ws.on('framereceived', (f) => {
    if (String(f.payload).includes('<resumed')) resumed++;
  }));
  await alice.ui.page.reload();
  await alice.ui.waitForMailbox();
  await alice.ui.waitOnline();
  await alice.ui.open(bob.jid);
  await alice.ui.page.evaluate(() => (window as unknown as { __sockets: { close(): void }[] }).__sockets.at(-1)!.close());
  await bob.ui.reply('Sent while Alice was cut off');
  await alice.ui.message('Sent while Alice was cut off').waitFor({ timeout: 30_000 });
  await alice.ui.waitOnline();
  t.true(resumed >= 1, 'the session was resumed, not restarted');
  await alice.ui.reply('Back after resumption');
  await bob.ui.message('Back after resumption').waitFor({ timeout: 20_000 });
  t.is(await alice.ui.message('Sent while Alice was cut off').count(), 1);
});

test.serial('a message that fails verification is shown as such, never as text', async (t) => {
  // Mallory signs with a key that Mallory never announced: the signature cannot be tied to her.
  await suite.stack.createUser('mallory', 'mallory-password-1');
  const c = await suite.stack.xmppClient('mallory', 'mallory-password-1');
  try {
    const [meta] = parsePublicKeysListResult(await c.xmpp.iqCaller.request(buildFetchPublicKeysList({ to: alice.jid })));
    const aliceKey = await readPublicKey(parsePublicKeyResult(await c.xmpp.iqCaller.request(buildFetchPublicKey({ to: alice.jid, fingerprint: meta!.fingerprint })), meta!.fingerprint));
    const forger = await generateOxKey({ jid: `mallory@${suite.stack.domain}` });
    const message = await createOxMessage({
      to: [alice.jid],
      payload: oxPayload({ body: 'FORGED CONTENT' }),
      recipientKeys: [aliceKey],
      signingKey: forger.privateKey,
      id: 'forged-1',
    });
    await c.xmpp.send(message);
  } finally {
    await c.stop();
  }
  const peer = `mallory@${suite.stack.domain}`;
  await alice.ui.page.locator(`button.conv[data-peer="${peer}"]`).waitFor({ timeout: 20_000 });
  await alice.ui.open(peer);
  const failed = alice.ui.page.locator('[data-testid="message"][data-security="failed"]');
  await failed.waitFor();
  t.true((await failed.textContent())!.includes('This message could not be verified'));
  t.is(await alice.ui.page.getByText('FORGED CONTENT').count(), 0);
  await alice.w.screenshot('webclient-failed-verification');
});

test.serial('on a new browser, scrolling up pages back through the server archive', async (t) => {
  const c = await suite.stack.xmppClient('plainpal', 'plainpal-password-1');
  try {
    for (let i = 0; i < 150; i++) {
      await c.xmpp.send(xml('message', { to: alice.jid, type: 'chat', id: `page-${i}` }, xml('body', {}, `archived ${String(i).padStart(3, '0')}`)));
    }
  } finally {
    await c.stop();
  }
  const w = await suite.open();
  const ui = new MailboxPage(w.page);
  await ui.login(alice.jid, alice.password);
  await ui.restore(alice.code);
  await ui.waitOnline();
  const peer = `plainpal@${suite.stack.domain}`;
  await w.page.locator(`button.conv[data-peer="${peer}"]`).waitFor({ timeout: 20_000 });
  await ui.open(peer);
  await ui.message('archived 149').waitFor({ timeout: 20_000 });
  const list = w.page.getByTestId('messages');
  for (let i = 0; i < 20 && (await w.page.getByText('This is the beginning of the conversation.').count()) === 0; i++) {
    await list.evaluate((el: { scrollTop: number }) => (el.scrollTop = 0));
    await w.page.waitForTimeout(300);
  }
  await ui.message('archived 000').waitFor({ timeout: 20_000 });
  t.is(await w.page.locator('[data-testid="message"]').filter({ hasText: /^archived \d{3}/ }).count(), 150);
  await w.screenshot('webclient-archive-paging');
  await suite.close(w);
});
