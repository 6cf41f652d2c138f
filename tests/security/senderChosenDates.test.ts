// Attack: a sender dates its messages itself, with a XEP-0203 <delay/> on a live message and a
// matching <time/> in the signcrypt: three years ahead to pin its conversation at the top (and
// date the reply after it), or in 2021 to bury it. The web client orders live messages by
// arrival (archive results by our own server's archive stamp) and shows the sender's date as a
// note, never as the sort time.
import test from 'ava';
import { buildOxMessage, createOxMessage, type Element, oxPayload, toBase64, utf8Encode, xml } from '../../protocol/src/index.ts';
import { openpgp } from '../../protocol/src/crypto/openpgp.ts';
import { browserSuite } from '../harness/browserSuite.ts';
import { signcryptXml } from './support.ts';
import { attacker, type Attacker, eventually, signedUpPerson } from './webclientSupport.ts';

const suite = browserSuite(test, { name: 'sender-chosen-dates' });

/** An OX message whose signcrypt says `signedAt`, with the sender's own `<delay/>` (if any). */
async function datedMessage(from: Attacker, to: string, id: string, body: string, signedAt: Date, delay?: { stamp: Date; from?: string }): Promise<Element> {
  // The OpenPGP signature is made now (the victim's key is newer than any date we could
  // pick); only the signcrypt's <time/> carries the chosen date.
  const encrypted = await openpgp.encrypt({
    message: await openpgp.createMessage({ binary: utf8Encode(signcryptXml(to, body, signedAt)) }),
    encryptionKeys: [from.victimKey, from.id.publicKey],
    signingKeys: from.id.privateKey,
    format: 'binary',
  });
  const message = buildOxMessage({ to, id, openpgp: toBase64(encrypted) });
  if (delay) message.append(xml('delay', { xmlns: 'urn:xmpp:delay', stamp: delay.stamp.toISOString(), ...(delay.from ? { from: delay.from } : {}) }));
  return message;
}

async function plainOx(from: Attacker, to: string, id: string, body: string): Promise<Element> {
  return createOxMessage({ to: [to], payload: oxPayload({ body }), recipientKeys: [from.victimKey], signingKey: from.id.privateKey, id });
}

const MINUTE = 60_000;
const near = (ts: number) => Math.abs(ts - Date.now()) < 10 * MINUTE;

let alice: Awaited<ReturnType<typeof signedUpPerson>>;
let bob: Attacker;
let mallory: Attacker;
let carol: Attacker;

/** The people, set up once by the first test (the suite's own before hook starts the stack). */
async function setUp(): Promise<void> {
  alice ??= await signedUpPerson(suite, 'alice');
  bob ??= await attacker(suite, 'bob', alice.jid);
  mallory ??= await attacker(suite, 'mallory', alice.jid);
  carol ??= await attacker(suite, 'carol', alice.jid);
}

test.after.always(async () => {
  for (const a of [bob, mallory, carol]) await a?.stop();
});

async function tsOf(selector: string): Promise<number> {
  return Number(await alice.ui.page.locator(selector).getAttribute('data-ts'));
}

test.serial('a future <delay/> and signed time: ordered by arrival, the reply after it, the claimed date shown as a note', async (t) => {
  await setUp();
  const page = alice.ui.page;
  await bob.send(await plainOx(bob, alice.jid, 'bob-1', 'Hello from Bob'));
  await page.locator(`button.conv[data-peer="${bob.id.jid}"]`).waitFor({ timeout: 30_000 });

  const future = new Date(Date.UTC(new Date().getUTCFullYear() + 3, 5, 15, 12));
  await mallory.send(await datedMessage(mallory, alice.jid, 'future-1', 'Pinned at the top forever', future, { stamp: future, from: mallory.id.jid }));
  await page.locator(`button.conv[data-peer="${mallory.id.jid}"]`).waitFor({ timeout: 30_000 });

  // Bob writes after Mallory's message arrived: his conversation is the most recent.
  await bob.send(await plainOx(bob, alice.jid, 'bob-2', 'Bob writes again'));
  await page.locator(`button.conv[data-peer="${bob.id.jid}"]`).filter({ hasText: 'Bob writes again' }).waitFor({ timeout: 30_000 });
  t.deepEqual((await alice.ui.conversationOrder()).slice(0, 2), [bob.id.jid, mallory.id.jid]);

  await alice.ui.open(mallory.id.jid);
  const dated = page.locator('[data-testid="message"][data-id="future-1"]');
  await dated.waitFor({ timeout: 30_000 });
  t.true(near(await tsOf('[data-testid="message"][data-id="future-1"]')), 'sorted at its arrival time');
  const note = dated.getByTestId('date-note');
  t.true((await note.textContent())!.includes(String(future.getUTCFullYear())), 'the claimed date is shown');

  await alice.ui.reply('My reply to Mallory');
  const reply = alice.ui.message('My reply to Mallory');
  await reply.waitFor({ timeout: 30_000 });
  const ids = await page.getByTestId('message').evaluateAll((els) => els.map((e) => e.getAttribute('data-id')));
  t.is(ids.indexOf('future-1'), ids.length - 2, 'the reply sorts after it');
  const replyTs = Number(await reply.getAttribute('data-ts'));
  t.true(replyTs > (await tsOf('[data-testid="message"][data-id="future-1"]')));
  t.true(near(replyTs), 'the reply is dated now, not after the claimed date');
  t.is(await reply.getByTestId('date-note').count(), 0);
  await eventually(t, 'the reply to reorder the mailbox', async () => (await alice.ui.conversationOrder())[0] === mallory.id.jid);
  await alice.w.screenshot('security-future-dates');
});

test.serial('a 2021 <delay/> and signed time: ordered by arrival; a signed time days old is shown as a note', async (t) => {
  await setUp();
  const page = alice.ui.page;
  const past = new Date('2021-06-15T12:00:00Z');
  await carol.send(await datedMessage(carol, alice.jid, 'past-1', 'Written long ago, honestly', past, { stamp: past }));
  await page.locator(`button.conv[data-peer="${carol.id.jid}"]`).waitFor({ timeout: 30_000 });
  // Newest arrival: first, not buried below Bob and Mallory.
  await eventually(t, "Carol's conversation first", async () => (await alice.ui.conversationOrder())[0] === carol.id.jid);
  await alice.ui.open(carol.id.jid);
  const old = page.locator('[data-testid="message"][data-id="past-1"]');
  await old.waitFor({ timeout: 30_000 });
  t.true(near(await tsOf('[data-testid="message"][data-id="past-1"]')));
  t.true((await old.getByTestId('date-note').textContent())!.includes('2021'));

  // No <delay/> at all, a signed time two days ago (within the accepted age): readable, sorted
  // by arrival, its signed date noted.
  const twoDaysAgo = new Date(Date.now() - 2 * 24 * 60 * MINUTE);
  await carol.send(await datedMessage(carol, alice.jid, 'past-2', 'Signed two days ago', twoDaysAgo));
  const signed = page.locator('[data-testid="message"][data-id="past-2"]');
  await signed.waitFor({ timeout: 30_000 });
  t.is(await signed.getAttribute('data-security'), 'ox');
  t.true((await signed.textContent())!.includes('Signed two days ago'));
  t.true(near(await tsOf('[data-testid="message"][data-id="past-2"]')));
  await signed.getByTestId('date-note').waitFor();
  const ids = await page.getByTestId('message').evaluateAll((els) => els.map((e) => e.getAttribute('data-id')));
  t.deepEqual(ids.slice(-2), ['past-1', 'past-2']);
  await alice.w.screenshot('security-past-dates');
});
