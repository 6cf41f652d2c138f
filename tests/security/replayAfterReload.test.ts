// Attack: a signed OX payload re-sent under a new message id (a hostile server can do it with
// anyone's message; here the sender does) after the recipient reloaded the page. The replay
// memory lives in the web client's IndexedDB with the messages, so a reload forgets nothing:
// the copy is refused as a replay, the content is shown once.
import test from 'ava';
import { createOxMessage, oxPayload } from '../../protocol/src/index.ts';
import { browserSuite } from '../harness/browserSuite.ts';
import { attacker, eventually, signedUpPerson } from './webclientSupport.ts';

const suite = browserSuite(test, { name: 'replay-after-reload' });

test('the same signcrypt under a new id after a reload: shown once, the copy refused as a replay', async (t) => {
  const alice = await signedUpPerson(suite, 'alice');
  const mallory = await attacker(suite, 'mallory', alice.jid);
  try {
    const text = 'Please pay invoice 4711 today';
    const message = await createOxMessage({
      to: [alice.jid],
      payload: oxPayload({ body: text }),
      recipientKeys: [mallory.victimKey],
      signingKey: mallory.id.privateKey,
      id: 'invoice-1',
    });
    await mallory.send(message);
    const peer = mallory.id.jid;
    await alice.ui.page.locator(`button.conv[data-peer="${peer}"]`).waitFor({ timeout: 30_000 });
    await alice.ui.open(peer);
    await alice.ui.message(text).waitFor({ timeout: 30_000 });

    await alice.ui.page.reload();
    await alice.ui.waitForMailbox();
    await alice.ui.waitOnline();
    await alice.ui.open(peer);
    await alice.ui.message(text).waitFor({ timeout: 30_000 });

    // The very same signed and encrypted payload, under a fresh message id (and origin-id).
    message.attrs.id = 'invoice-2';
    message.getChild('origin-id', 'urn:xmpp:sid:0')!.attrs.id = 'invoice-2';
    await mallory.send(message);
    const bubbles = alice.ui.page.getByTestId('message');
    await eventually(t, 'the copy to arrive', async () => (await bubbles.count()) >= 2);
    t.is(await bubbles.count(), 2);
    t.is(await alice.ui.message(text).count(), 1, 'the content is shown once');
    const copy = alice.ui.page.locator('[data-testid="message"][data-id="invoice-2"]');
    t.is(await copy.getAttribute('data-security'), 'failed');
    t.true((await copy.textContent())!.includes('a replay'));

    // And once more after another reload: still once.
    await alice.ui.page.reload();
    await alice.ui.waitForMailbox();
    await alice.ui.open(peer);
    await alice.ui.message(text).waitFor({ timeout: 30_000 });
    t.is(await alice.ui.message(text).count(), 1);
    await alice.w.screenshot('security-replay-after-reload');
  } finally {
    await mallory.stop();
  }
});
