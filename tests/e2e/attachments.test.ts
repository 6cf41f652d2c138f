// Files end to end (issue 7): real Prosody (upload limit lowered to 60 MiB), the gateway's
// same-origin upload proxy, and two people in headless Chromium. Each file is encrypted in
// the sender's browser (AES-256-GCM, XEP-0454), uploaded under a random name (XEP-0363),
// announced inside the OX payload and decrypted by the receiver.
import { createHash, randomBytes } from 'node:crypto';
import { closeSync, mkdtempSync, openSync, readdirSync, readFileSync, readSync, statSync, writeFileSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import test from 'ava';
import type { Page } from 'playwright-core';
import { xml } from '@xmpp/client';
import { buildAesgcmUrl, buildUploadSlotRequest, encryptMedia, generateMediaParams, parseUploadSlot } from '@sealpost/protocol';
import { browserSuite } from '../harness/browserSuite.ts';
import { MailboxPage } from './mailboxPage.ts';
import { goSendxmppAccount, removeHome, runGoSendxmpp } from '../harness/goSendxmpp.ts';

declare const document: any;

const LIMIT = 60 * 1024 * 1024;
const HOSTILE_NAME = '"><svg onload=alert(1)>.html';

const suite = browserSuite(test, { name: 'attachments', env: { SEALPOST_UPLOAD_SIZE_LIMIT: String(LIMIT) } });
const tmp = mkdtempSync(join(tmpdir(), 'sealpost-files-'));

/** The site as people reach it: the public URL, which upload slots are made for (same origin). */
const site = () => suite.stack.prepared.config.http.publicUrl;

async function newPerson(name: string) {
  const w = await suite.open(site());
  const ui = new MailboxPage(w.page);
  await ui.signup(name, `${name}-password-1`);
  await ui.takeBackupCode();
  await ui.waitOnline();
  return { w, ui, jid: `${name}@${suite.stack.domain}` };
}
type Person = Awaited<ReturnType<typeof newPerson>>;
let alice: Person;
let bob: Person;
const puts: string[] = [];

function attachment(page: Page, name: string) {
  return page.locator(`[data-testid="attachment"][data-name="${name.replace(/"/g, '\\"')}"]`);
}

/** A PNG and a short WebM drawn by the browser itself (real, decodable media). */
async function makeMedia(page: Page): Promise<{ png: Buffer; webm: Buffer | undefined }> {
  const out = await page.evaluate(async () => {
    const canvas = document.createElement('canvas');
    canvas.width = 400;
    canvas.height = 300;
    const g = canvas.getContext('2d');
    g.fillStyle = '#1d5fbf';
    g.fillRect(0, 0, 400, 300);
    g.fillStyle = '#f59e0b';
    g.fillRect(50, 50, 200, 120);
    const png = canvas.toDataURL('image/png').split(',')[1];
    let webm: string | undefined;
    try {
      const rec = new (globalThis as any).MediaRecorder(canvas.captureStream(25), { mimeType: 'video/webm' });
      const chunks: any[] = [];
      rec.ondataavailable = (e: any) => chunks.push(e.data);
      const stopped = new Promise((r) => (rec.onstop = r));
      rec.start(100);
      for (let i = 0; i < 20; i++) {
        g.fillStyle = `hsl(${i * 18} 80% 50%)`;
        g.fillRect(i * 10, 0, 40, 300);
        await new Promise((r) => setTimeout(r, 50));
      }
      rec.stop();
      await stopped;
      const buf = new Uint8Array(await new Blob(chunks).arrayBuffer());
      let bin = '';
      for (let i = 0; i < buf.length; i += 0x8000) bin += String.fromCharCode(...buf.subarray(i, i + 0x8000));
      webm = btoa(bin);
    } catch {
      webm = undefined;
    }
    return { png, webm };
  });
  return { png: Buffer.from(out.png, 'base64'), webm: out.webm ? Buffer.from(out.webm, 'base64') : undefined };
}

async function downloadOf(page: Page, name: string): Promise<{ suggested: string; bytes: Buffer }> {
  const [download] = await Promise.all([page.waitForEvent('download', { timeout: 120_000 }), attachment(page, name).getByTestId('attachment-download').click()]);
  const path = await download.path();
  return { suggested: download.suggestedFilename(), bytes: readFileSync(path) };
}

test.serial('a picture: encrypted upload under a random name, thumbnail first, full size on click', async (t) => {
  alice = await newPerson('alice');
  bob = await newPerson('bob');
  alice.w.page.on('request', (r) => {
    if (r.method() === 'PUT') puts.push(r.url());
  });
  await alice.ui.compose(bob.jid, 'Files coming.');
  await alice.ui.message('Files coming.').waitFor();
  await bob.ui.page.locator(`button.conv[data-peer="${alice.jid}"]`).waitFor({ timeout: 20_000 });
  await bob.ui.open(alice.jid);

  const { png } = await makeMedia(alice.w.page);
  await alice.w.page.getByTestId('attach-input').setInputFiles({ name: 'photo.png', mimeType: 'image/png', buffer: png });
  await Promise.race([
    attachment(alice.w.page, 'photo.png').waitFor({ timeout: 30_000 }),
    alice.w.page.locator('[data-testid="upload"][data-state="failed"]').waitFor({ timeout: 30_000 }).then(async () => {
      throw new Error(`upload failed: ${await alice.w.page.locator('[data-testid="upload"]').first().getAttribute('data-reason')}`);
    }),
  ]);
  // The server saw a random name, not ours.
  t.is(puts.length, 1);
  t.regex(puts[0]!, /\/file_share\/[^/]+\/[0-9a-f]{32}\.bin$/);
  t.false(puts[0]!.includes('photo'));
  // Stored on the server: ciphertext, not the PNG.
  const stored = Buffer.from(await (await fetch(puts[0]!)).arrayBuffer());
  t.is(stored.length, png.length + 16);
  t.false(stored.subarray(0, 8).equals(png.subarray(0, 8)));

  const got = attachment(bob.ui.page, 'photo.png');
  await got.waitFor({ timeout: 30_000 });
  t.is(await got.getAttribute('data-kind'), 'image');
  await got.getByTestId('attachment-thumb').waitFor();
  t.regex((await got.getByTestId('attachment-thumb').getAttribute('src'))!, /^data:image\/jpeg;base64,/);
  t.true((await got.textContent())!.includes('400×300'));
  await got.getByTestId('attachment-open').click();
  const full = got.getByTestId('attachment-full');
  await full.waitFor({ timeout: 30_000 });
  t.regex((await full.getAttribute('src'))!, /^blob:/);
  t.is(await full.evaluate((img: any) => img.naturalWidth), 400);
  // The aesgcm URL (its fragment is the key) is shown nowhere.
  t.false((await bob.ui.page.locator('main, body').first().textContent())!.includes('aesgcm://'));
  t.is(await bob.ui.page.locator('a[href^="aesgcm"]').count(), 0);
  await bob.w.screenshot('attachments-picture-bob');
  t.deepEqual(bob.w.pageErrors, []);
});

test.serial('a file named like markup is only a download, under its own name, and nothing runs', async (t) => {
  const content = Buffer.from('<html><body><script>alert(2)</script><svg onload=alert(3)></svg></body></html>');
  await alice.w.page.getByTestId('attach-input').setInputFiles({ name: HOSTILE_NAME, mimeType: 'text/html', buffer: content });
  const got = attachment(bob.ui.page, HOSTILE_NAME);
  await got.waitFor({ timeout: 30_000 });
  t.is(await got.getAttribute('data-kind'), 'file');
  t.is(await got.locator('img, video, iframe, object, embed').count(), 0);
  const { suggested, bytes } = await downloadOf(bob.ui.page, HOSTILE_NAME);
  // The name as given (Chromium itself swaps the characters no file system should get).
  t.regex(suggested, /svg onload=alert\(1\)_?\.html$/);
  t.is(await got.locator('.file-name').textContent(), HOSTILE_NAME);
  t.true(bytes.equals(content));
  t.is(await bob.ui.page.evaluate(() => document.querySelectorAll('svg[onload], script:not([src])').length), 0);
  // Bob sends one back: files go both ways.
  await bob.ui.page.getByTestId('attach-input').setInputFiles({ name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('from bob') });
  const back = await (async () => {
    await attachment(alice.w.page, 'notes.txt').waitFor({ timeout: 30_000 });
    return downloadOf(alice.w.page, 'notes.txt');
  })();
  t.is(back.bytes.toString(), 'from bob');
  await bob.w.screenshot('attachments-hostile-name-bob');
  t.deepEqual(bob.w.dialogs, []);
  t.deepEqual(alice.w.dialogs, []);
  t.deepEqual(bob.w.cspViolations, []);
});

test.serial('a file over the server limit is refused before any upload, with the limit named', async (t) => {
  const big = join(tmp, 'too-big.bin');
  writeFileSync(big, Buffer.alloc(LIMIT + 1024 * 1024));
  const before = puts.length;
  await alice.w.page.getByTestId('attach-input').setInputFiles(big);
  const refusal = alice.w.page.getByTestId('too-large');
  await refusal.waitFor({ timeout: 10_000 });
  t.regex((await refusal.textContent())!, /60\.0 MiB/);
  t.is(puts.length, before);
  await alice.w.screenshot('attachments-too-large');
});

test.serial('a 50 MB video goes through, plays after decryption, and downloads intact', async (t) => {
  const { webm } = await makeMedia(alice.w.page);
  if (webm) {
    await alice.w.page.getByTestId('attach-input').setInputFiles({ name: 'clip.webm', mimeType: 'video/webm', buffer: webm });
    const clip = attachment(bob.ui.page, 'clip.webm');
    await clip.waitFor({ timeout: 30_000 });
    t.is(await clip.getAttribute('data-kind'), 'video');
    await clip.getByTestId('attachment-open').click();
    const video = clip.getByTestId('attachment-video');
    await video.waitFor({ timeout: 30_000 });
    await bob.ui.page.waitForFunction((el: any) => el.readyState >= 1, await video.elementHandle(), { timeout: 15_000 });
    t.true((await video.evaluate((v: any) => v.videoWidth)) > 0);
  } else t.log('MediaRecorder unavailable: playable-video check skipped');

  const path = join(tmp, 'holiday.mp4');
  const data = randomBytes(50 * 1000 * 1000);
  writeFileSync(path, data);
  const sha = createHash('sha256').update(data).digest('hex');
  const started = Date.now();
  await alice.w.page.getByTestId('attach-input').setInputFiles(path);
  await alice.w.page.getByTestId('upload').first().waitFor({ timeout: 10_000 });
  await alice.w.screenshot('attachments-upload-progress');
  const got = attachment(bob.ui.page, 'holiday.mp4');
  await got.waitFor({ timeout: 180_000 });
  t.log(`50 MB upload + delivery: ${Date.now() - started} ms`);
  t.is(await got.getAttribute('data-kind'), 'video');
  const { bytes } = await downloadOf(bob.ui.page, 'holiday.mp4');
  t.is(bytes.length, data.length);
  t.is(createHash('sha256').update(bytes).digest('hex'), sha);
  await bob.w.screenshot('attachments-video-bob');
  // Files this large pass through a file on disk (webclient/src/files/spool.ts), not memory:
  // Bob's decrypted copy is held there while it is shown; Alice's ciphertext is gone once sent.
  t.deepEqual(await spoolFiles(alice.w.page), []);
  t.deepEqual(await spoolFiles(bob.ui.page), [data.length]);
  // ...written by the spool worker, off the page's main thread.
  for (const page of [alice.w.page, bob.ui.page]) t.true(page.workers().some((w) => w.url().includes('spoolWorker')), 'the spool worker ran');
});

/** Changes one byte in the middle of the file Prosody stored last (as a hostile server would). */
function flipByteInNewestUpload(): void {
  const dir = join(suite.stack.prepared.files.prosodyDataDir, 'upload%2elocalhost', 'http_file_share');
  const newest = readdirSync(dir).map((f) => join(dir, f)).sort((a, b) => statSync(b).mtimeMs - statSync(a).mtimeMs)[0]!;
  const fd = openSync(newest, 'r+');
  try {
    const at = statSync(newest).size >> 1;
    const one = Buffer.alloc(1);
    readSync(fd, one, 0, 1, at);
    one[0] = one[0]! ^ 1;
    writeSync(fd, one, 0, 1, at);
  } finally {
    closeSync(fd);
  }
}

/** Sizes of the files in the page's spool folder (Origin Private File System). */
function spoolFiles(page: Page): Promise<number[]> {
  return page.evaluate(async () => {
    const root = await (globalThis as any).navigator.storage.getDirectory();
    const dir = await root.getDirectoryHandle('sealpost-spool', { create: true });
    const sizes: number[] = [];
    for await (const handle of dir.values()) sizes.push((await handle.getFile()).size);
    return sizes;
  });
}

test.serial('files from other XMPP apps: go-sendxmpp -h (jabber:x:oob), and an aesgcm:// link in a plain message', async (t) => {
  // The real go-sendxmpp (Debian package): XEP-0363 upload through Prosody, then the URL as
  // body and jabber:x:oob, unencrypted.
  await suite.stack.createUser('gosend', 'gosend-password-1');
  const gosend = goSendxmppAccount(`gosend@${suite.stack.domain}`, 'gosend-password-1', suite.stack.c2sPort);
  try {
    const file = join(tmp, 'report.txt');
    writeFileSync(file, 'report from another app');
    const sent = await runGoSendxmpp(gosend, ['-h', file, bob.jid]);
    t.is(sent.code, 0, sent.stderr);
  } finally {
    removeHome(gosend);
  }
  await bob.ui.page.locator(`button.conv[data-peer="gosend@${suite.stack.domain}"]`).waitFor({ timeout: 20_000 });
  await bob.ui.open(`gosend@${suite.stack.domain}`);
  const got = attachment(bob.ui.page, 'report.txt');
  await got.waitFor({ timeout: 20_000 });
  t.true(await got.getByText('Unencrypted link').isVisible());
  t.is(await bob.ui.page.locator('a[href*="file_share"]').count(), 0);
  const { bytes } = await downloadOf(bob.ui.page, 'report.txt');
  t.is(bytes.toString(), 'report from another app');
  await bob.w.screenshot('attachments-plain-oob');

  // Another client's XEP-0454 file, linked in a plain (not OX) message: shown and decrypted.
  await suite.stack.createUser('omemopal', 'omemopal-password-1');
  const c = await suite.stack.xmppClient('omemopal', 'omemopal-password-1');
  try {
    const data = Buffer.from('aesgcm file from another app');
    const params = generateMediaParams();
    const ciphertext = await encryptMedia(params, data);
    const slot = parseUploadSlot(await c.xmpp.iqCaller.request(buildUploadSlotRequest({ to: `upload.${suite.stack.domain}`, filename: 'x.bin', size: ciphertext.length })));
    const put = await fetch(slot.putUrl, { method: 'PUT', headers: slot.putHeaders, body: ciphertext });
    t.true(put.ok);
    const url = buildAesgcmUrl({ httpsUrl: slot.getUrl.replace(/^http:/, 'https:'), ...params });
    await c.xmpp.send(xml('message', { to: bob.jid, type: 'chat', id: 'oob-1' }, xml('body', {}, url), xml('x', { xmlns: 'jabber:x:oob' }, xml('url', {}, url))));
  } finally {
    await c.stop();
  }
  await bob.ui.page.locator(`button.conv[data-peer="omemopal@${suite.stack.domain}"]`).waitFor({ timeout: 20_000 });
  await bob.ui.open(`omemopal@${suite.stack.domain}`);
  const enc = attachment(bob.ui.page, 'x.bin');
  await enc.waitFor({ timeout: 20_000 });
  t.false((await enc.textContent())!.includes('aesgcm://'));
  const { bytes: plain } = await downloadOf(bob.ui.page, 'x.bin');
  t.is(plain.toString(), 'aesgcm file from another app');
  t.deepEqual(bob.w.dialogs, []);
});

test.serial('drag and drop and paste attach files too', async (t) => {
  await bob.ui.open(alice.jid).catch(() => {});
  await alice.w.page.locator(`button.conv[data-peer="${bob.jid}"]`).click();
  await alice.w.page.evaluate(() => {
    const dt = new (globalThis as any).DataTransfer();
    dt.items.add(new (globalThis as any).File(['dropped bytes'], 'dropped.txt', { type: 'text/plain' }));
    const form = document.querySelector('form.composer');
    form.dispatchEvent(new (globalThis as any).DragEvent('dragover', { dataTransfer: dt, bubbles: true, cancelable: true }));
    form.dispatchEvent(new (globalThis as any).DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
  });
  await alice.w.page.evaluate(() => {
    const dt = new (globalThis as any).DataTransfer();
    dt.items.add(new (globalThis as any).File(['pasted bytes'], 'pasted.txt', { type: 'text/plain' }));
    const box = document.querySelector('[data-testid="composer"]');
    box.dispatchEvent(new (globalThis as any).ClipboardEvent('paste', { clipboardData: dt, bubbles: true, cancelable: true }));
  });
  await bob.ui.open(alice.jid);
  for (const [name, text] of [['dropped.txt', 'dropped bytes'], ['pasted.txt', 'pasted bytes']] as const) {
    await attachment(bob.ui.page, name).waitFor({ timeout: 30_000 });
    t.is((await downloadOf(bob.ui.page, name)).bytes.toString(), text);
  }
});

test.serial('an upload shows its progress and can be cancelled: nothing is sent, nothing is kept', async (t) => {
  await alice.w.page.locator(`button.conv[data-peer="${bob.jid}"]`).click();
  let held: (() => void) | undefined;
  const putSeen = new Promise<void>((seen) => {
    void alice.w.page.route('**/file_share/**', async (route) => {
      if (route.request().method() !== 'PUT') return route.continue();
      seen();
      await new Promise<void>((release) => (held = release));
      await route.abort('aborted').catch(() => {});
    });
  });
  const path = join(tmp, 'cancel-me.bin');
  writeFileSync(path, randomBytes(34 * 1024 * 1024));
  await alice.w.page.getByTestId('attach-input').setInputFiles(path);
  const upload = alice.w.page.locator('[data-testid="upload"]').filter({ hasText: 'cancel-me.bin' });
  await putSeen; // encrypted (the first half of the bar), now uploading
  t.true(Number(await upload.locator('progress').getAttribute('value')) > 0, 'the bar moved');
  await upload.getByRole('button', { name: 'Cancel' }).click();
  await upload.waitFor({ state: 'detached' });
  held?.();
  await alice.w.page.unroute('**/file_share/**');
  for (let i = 0; i < 50 && (await spoolFiles(alice.w.page)).length > 0; i++) await alice.w.page.waitForTimeout(100);
  t.deepEqual(await spoolFiles(alice.w.page), [], 'the encrypted copy is removed');
  // What is sent next arrives; the cancelled file never does.
  await alice.w.page.getByTestId('attach-input').setInputFiles({ name: 'after-cancel.txt', mimeType: 'text/plain', buffer: Buffer.from('next') });
  await attachment(bob.ui.page, 'after-cancel.txt').waitFor({ timeout: 30_000 });
  t.is(await attachment(bob.ui.page, 'cancel-me.bin').count(), 0);
});

test.serial('a network break during upload or download offers Retry, which completes it; a tampered file is refused', async (t) => {
  let broken = 0;
  await alice.w.page.route('**/file_share/**', async (route) => {
    if (route.request().method() === 'PUT' && broken++ === 0) return route.abort('connectionreset');
    return route.continue();
  });
  await alice.w.page.getByTestId('attach-input').setInputFiles({ name: 'retry.txt', mimeType: 'text/plain', buffer: Buffer.from('sent on the second try') });
  const failed = alice.w.page.locator('[data-testid="upload"][data-state="failed"]');
  await failed.waitFor({ timeout: 20_000 });
  await alice.w.screenshot('attachments-upload-failed');
  await failed.getByRole('button', { name: 'Retry' }).click();
  const retried = attachment(bob.ui.page, 'retry.txt');
  await retried.waitFor({ timeout: 30_000 });
  await alice.w.page.unroute('**/file_share/**');

  // The same break on Bob's side, downloading: the error says so and Retry gets the file.
  let cut = 0;
  await bob.ui.page.route('**/file_share/**', (route) => (cut++ === 0 ? route.abort('connectionreset') : route.continue()));
  await retried.getByTestId('attachment-download').click();
  const downloadError = retried.getByTestId('download-error');
  await downloadError.waitFor({ timeout: 20_000 });
  t.regex((await downloadError.textContent())!, /failed/i);
  await bob.w.screenshot('attachments-download-failed');
  const [download] = await Promise.all([bob.ui.page.waitForEvent('download', { timeout: 30_000 }), downloadError.getByRole('button', { name: 'Retry' }).click()]);
  t.is(readFileSync(await download.path()).toString(), 'sent on the second try');
  t.is(cut, 2, 'one broken request, one that worked');
  await bob.ui.page.unroute('**/file_share/**');

  // The server (or anyone on the way) changes one byte: the GCM tag fails, nothing is kept,
  // whether the file is decrypted on the page (small) or by the spool worker (large).
  const spooledBefore = await spoolFiles(bob.ui.page);
  for (const [name, data] of [['tamper.txt', Buffer.from('original content!')], ['tamper-large.bin', randomBytes(34 * 1024 * 1024)]] as const) {
    writeFileSync(join(tmp, name), data); // a path: no 34 MB buffer through the driver
    await alice.w.page.getByTestId('attach-input').setInputFiles(join(tmp, name));
    const got = attachment(bob.ui.page, name);
    await got.waitFor({ timeout: 60_000 });
    flipByteInNewestUpload();
    await got.getByTestId('attachment-download').click();
    await got.getByTestId('download-error').filter({ hasText: 'integrity' }).waitFor({ timeout: 60_000 });
  }
  t.deepEqual(await spoolFiles(bob.ui.page), spooledBefore, 'no decrypted part of a tampered file is kept');
  await bob.w.screenshot('attachments-tampered');
});

test.serial('decrypted files do not outlive their tab: a new tab sweeps what a closed one left', async (t) => {
  const left = await spoolFiles(bob.ui.page);
  t.true(left.length > 0, 'Bob holds decrypted files (the video)');
  const tab2 = await bob.w.context.newPage();
  await tab2.goto(site());
  await tab2.waitForTimeout(6000); // the sweep runs 5 s after start
  t.deepEqual((await spoolFiles(tab2)).sort(), left.sort(), 'files of a live tab are kept');
  await bob.ui.page.close(); // its Web Lock goes with it
  await tab2.reload();
  for (let i = 0; i < 100 && (await spoolFiles(tab2)).length > 0; i++) await tab2.waitForTimeout(100);
  t.deepEqual(await spoolFiles(tab2), [], 'a closed tab\'s files are removed');
});
