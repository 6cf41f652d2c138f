// Attack: a message signed by a key whose user ID names someone else (XEP-0373 §3.1: the
// signing key must carry `xmpp:<sender>`). A hostile server lists Mallory's key, or an
// Alice look-alike key, among Alice's announced keys and forges `from='alice@...'`.
import test from 'ava';
import { createOxMessage, oxPayload, readPrivateKey, readPublicKey } from '../../protocol/src/index.ts';
import { fixtureArmor, fixtureUser } from '../fixtures/keys/index.ts';
import { NOW, reason, receive } from './support.ts';

test("Mallory's own key slipped into Alice's key list: signer-uid-mismatch", async (t) => {
  const alice = await fixtureUser('alice');
  const bob = await fixtureUser('bob');
  const mallory = await fixtureUser('mallory');
  const forged = await createOxMessage({ to: [bob.jid], payload: oxPayload({ body: 'pay mallory' }), recipientKeys: [bob.publicKey], signingKey: mallory.privateKey, now: NOW });
  forged.attrs.from = `${alice.jid}/phone`;
  t.is(reason(await receive(forged, bob, [alice.publicKey, mallory.publicKey])), 'signer-uid-mismatch');
});

test('a look-alike key ("Alice <alice@localhost>", xmpp:alice@localhost.evil.example): signer-uid-mismatch', async (t) => {
  const alice = await fixtureUser('alice');
  const bob = await fixtureUser('bob');
  const impostorPublic = await readPublicKey(fixtureArmor('wrong-uid.pub'));
  const impostorSecret = await readPrivateKey(fixtureArmor('wrong-uid.sec'));
  const forged = await createOxMessage({ to: [bob.jid], payload: oxPayload({ body: 'hi, it is me' }), recipientKeys: [bob.publicKey], signingKey: impostorSecret, now: NOW });
  forged.attrs.from = alice.jid;
  t.is(reason(await receive(forged, bob, [alice.publicKey, impostorPublic])), 'signer-uid-mismatch');
  // Nor can the look-alike key be imported as Alice's in the first place.
  await t.throwsAsync(readPublicKey(fixtureArmor('wrong-uid.pub'), { jid: alice.jid }), { message: /xmpp:alice@localhost/ });
});

test("a message signed by Mallory's key with only Alice's real keys known: unknown-signer", async (t) => {
  const alice = await fixtureUser('alice');
  const bob = await fixtureUser('bob');
  const mallory = await fixtureUser('mallory');
  const forged = await createOxMessage({ to: [bob.jid], payload: oxPayload({ body: 'x' }), recipientKeys: [bob.publicKey], signingKey: mallory.privateKey, now: NOW });
  forged.attrs.from = alice.jid;
  t.is(reason(await receive(forged, bob, [alice.publicKey])), 'unknown-signer');
});
