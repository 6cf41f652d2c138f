// OX messages between our own keys (XEP-0373 §3, XEP-0374): everything the interface relies on
// when both ends are Sealpost. Interop with other implementations: goSendxmpp.test.ts.
import test from 'ava';
import {
  createMemoryReplayCache,
  createOxDecryptor,
  createOxMessage,
  decryptOxMessage,
  type Element,
  oxPayload,
  parseOxMessage,
  parseXml,
  signcryptPayload,
} from '../../protocol/src/index.ts';
import { fixtureUser } from '../fixtures/keys/index.ts';

const NOW = new Date('2025-06-01T12:00:00Z');

/** What the recipient's client receives: the stanza after the server stamped `from`. */
function delivered(stanza: Element, from: string): Element {
  const copy = parseXml(stanza.toString());
  copy.attrs.from = from;
  return copy;
}

test('alice -> bob: payload, sender, recipients, time and signer come back verified', async (t) => {
  const alice = await fixtureUser('alice');
  const bob = await fixtureUser('bob');
  const payload = oxPayload({
    subject: 'Quarterly report',
    body: 'Numbers attached. <b>not markup</b> & "quotes"',
    thread: 'thread-1',
    attachments: [{ url: 'aesgcm://upload.localhost/f/a.pdf#' + '0'.repeat(88), desc: 'report.pdf' }],
    receiptRequest: true,
  });
  const stanza = await createOxMessage({ to: [bob.jid], payload, recipientKeys: [bob.publicKey], signingKey: alice.privateKey, now: NOW, id: 'm1' });
  const decryptor = createOxDecryptor({ ownJid: bob.jid, decryptionKeys: [bob.privateKey], senderKeys: async () => [alice.publicKey], clock: () => NOW });
  const result = await decryptor.decrypt(delivered(stanza, `${alice.jid}/laptop`));
  if (!result.ok) return t.fail(`${result.reason}: ${result.detail}`);
  t.is(result.from, alice.jid);
  t.deepEqual(result.to, [bob.jid]);
  t.is(result.time.getTime(), NOW.getTime());
  t.is(result.signerFingerprint, alice.fingerprint);
  t.deepEqual(result.payload, payload);
  t.regex(result.digest, /^[0-9a-f]{64}$/);
});

test('the outer stanza is XEP-0374 shaped and hides the content', async (t) => {
  const alice = await fixtureUser('alice');
  const bob = await fixtureUser('bob');
  const stanza = await createOxMessage({ to: [bob.jid], payload: oxPayload({ body: 'secret words' }), recipientKeys: [bob.publicKey], signingKey: alice.privateKey });
  t.false(stanza.toString().includes('secret words'));
  const env = parseOxMessage(stanza);
  t.is(env.to, bob.jid);
  t.regex(env.openpgp, /^[A-Za-z0-9+/]+=*$/);
});

test('encrypted to all recipient keys and to self: both devices of alice and bob can read it', async (t) => {
  const alice = await fixtureUser('alice');
  const bob = await fixtureUser('bob');
  const carol = await fixtureUser('carol'); // stands in for alice's second device key
  const stanza = delivered(
    await createOxMessage({ to: [bob.jid], payload: oxPayload({ body: 'hi' }), recipientKeys: [bob.publicKey], ownKeys: [carol.publicKey], signingKey: alice.privateKey, now: NOW }),
    `${alice.jid}/a`,
  );
  const asBob = await decryptOxMessage({ stanza, ownJid: bob.jid, decryptionKeys: [bob.privateKey], senderKeys: [alice.publicKey], replayCache: createMemoryReplayCache(), now: NOW });
  t.true(asBob.ok);
  // Alice's own copy (carbon or archive of a sent message): from alice, to bob, read by alice.
  for (const key of [alice.privateKey, carol.privateKey]) {
    const asAlice = await decryptOxMessage({ stanza, ownJid: alice.jid, decryptionKeys: [key], senderKeys: [alice.publicKey], replayCache: createMemoryReplayCache(), now: NOW });
    t.true(asAlice.ok, asAlice.ok ? '' : asAlice.reason);
  }
});

test('several recipients: each decrypts, and the outer to must be one of the <to/>s', async (t) => {
  const alice = await fixtureUser('alice');
  const bob = await fixtureUser('bob');
  const carol = await fixtureUser('carol');
  const openpgp = await signcryptPayload({ to: [bob.jid, carol.jid], payload: oxPayload({ body: 'to both' }), recipientKeys: [bob.publicKey, carol.publicKey], signingKey: alice.privateKey, now: NOW });
  for (const who of [bob, carol]) {
    const stanza = parseXml(`<message from='${alice.jid}/x' to='${who.jid}' type='chat'><openpgp xmlns='urn:xmpp:openpgp:0'>${openpgp}</openpgp></message>`);
    const result = await decryptOxMessage({ stanza, ownJid: who.jid, decryptionKeys: [who.privateKey], senderKeys: [alice.publicKey], replayCache: createMemoryReplayCache(), now: NOW });
    t.true(result.ok && result.payload.body === 'to both', who.jid);
  }
});

test('time plausibility: small clock skew passes, the future and the stale are refused', async (t) => {
  const alice = await fixtureUser('alice');
  const bob = await fixtureUser('bob');
  const at = async (sent: Date, receivedAt: Date, now = receivedAt) => {
    const stanza = delivered(await createOxMessage({ to: [bob.jid], payload: oxPayload({ body: 'x' }), recipientKeys: [bob.publicKey], signingKey: alice.privateKey, now: sent }), alice.jid);
    const r = await decryptOxMessage({ stanza, ownJid: bob.jid, decryptionKeys: [bob.privateKey], senderKeys: [alice.publicKey], replayCache: createMemoryReplayCache(), now, receivedAt });
    return r.ok ? 'ok' : r.reason;
  };
  const minutes = (n: number) => new Date(NOW.getTime() + n * 60_000);
  t.is(await at(minutes(2), NOW), 'ok', 'sender clock 2 min ahead');
  t.is(await at(minutes(-60), NOW), 'ok', 'an hour in offline storage');
  t.is(await at(minutes(30), NOW), 'future-time');
  t.is(await at(minutes(-8 * 24 * 60), NOW), 'stale-time');
  // An archived message is judged against the archive's receipt time, not today.
  t.is(await at(minutes(-30 * 24 * 60), minutes(-30 * 24 * 60 + 1), NOW), 'ok');
});

test('MAM re-sync of the same archive item is a duplicate (merge); a second copy under a new id is a replay', async (t) => {
  const alice = await fixtureUser('alice');
  const bob = await fixtureUser('bob');
  const stanza = delivered(await createOxMessage({ to: [bob.jid], payload: oxPayload({ body: 'once' }), recipientKeys: [bob.publicKey], signingKey: alice.privateKey, now: NOW }), alice.jid);
  stanza.append(parseXml(`<stanza-id xmlns='urn:xmpp:sid:0' id='A1' by='${bob.jid}'/>`));
  const decryptor = createOxDecryptor({ ownJid: bob.jid, decryptionKeys: [bob.privateKey], senderKeys: [alice.publicKey], clock: () => NOW });
  const live = await decryptor.decrypt(stanza);
  t.true(live.ok && !live.duplicate, 'live');
  const resync = await decryptor.decrypt(stanza, { occurrence: 'A1', receivedAt: NOW });
  t.true(resync.ok && resync.duplicate, 'same item from MAM');
  t.is(resync.ok && live.ok && resync.digest, live.ok && live.digest);
  const again = await decryptor.decrypt(stanza, { occurrence: 'A2' });
  t.false(again.ok);
  t.is(again.ok ? '' : again.reason, 'replay');
});

test('no announced key for the sender: unknown signer', async (t) => {
  const alice = await fixtureUser('alice');
  const bob = await fixtureUser('bob');
  const stanza = delivered(await createOxMessage({ to: [bob.jid], payload: oxPayload({ body: 'x' }), recipientKeys: [bob.publicKey], signingKey: alice.privateKey, now: NOW }), alice.jid);
  const r = await decryptOxMessage({ stanza, ownJid: bob.jid, decryptionKeys: [bob.privateKey], senderKeys: [], replayCache: createMemoryReplayCache(), now: NOW });
  t.is(r.ok ? 'ok' : r.reason, 'unknown-signer');
});

test('a message neither from nor to us is refused before any crypto', async (t) => {
  const alice = await fixtureUser('alice');
  const bob = await fixtureUser('bob');
  const carol = await fixtureUser('carol');
  const stanza = delivered(await createOxMessage({ to: [bob.jid], payload: oxPayload({ body: 'x' }), recipientKeys: [bob.publicKey, carol.publicKey], signingKey: alice.privateKey, now: NOW }), alice.jid);
  const r = await decryptOxMessage({ stanza, ownJid: carol.jid, decryptionKeys: [carol.privateKey], senderKeys: [alice.publicKey], replayCache: createMemoryReplayCache(), now: NOW });
  t.is(r.ok ? 'ok' : r.reason, 'wrong-recipient');
});
