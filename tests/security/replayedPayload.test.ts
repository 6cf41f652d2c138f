// Attack: a captured OX payload re-sent under a new stanza id (and a new server stanza-id):
// the same signcrypt seen twice is a replay, even days later within the accepted age.
import test from 'ava';
import { createMemoryReplayCache, createOxMessage, oxPayload, parseOxMessage } from '../../protocol/src/index.ts';
import { fixtureUser } from '../fixtures/keys/index.ts';
import { deliveredStanza, NOW, reason, receive } from './support.ts';

test('the same signcrypt under a new message id and stanza-id: replay', async (t) => {
  const alice = await fixtureUser('alice');
  const bob = await fixtureUser('bob');
  const original = await createOxMessage({ to: [bob.jid], payload: oxPayload({ body: 'transfer 100' }), recipientKeys: [bob.publicKey], signingKey: alice.privateKey, now: NOW, id: 'orig' });
  const { openpgp } = parseOxMessage(original);
  const replayCache = createMemoryReplayCache({ now: () => NOW.getTime() });
  const first = deliveredStanza(openpgp, alice.jid, bob.jid, `<stanza-id xmlns='urn:xmpp:sid:0' id='S1' by='${bob.jid}'/>`);
  t.is(reason(await receive(first, bob, [alice.publicKey], { replayCache })), 'ok');
  const replayed = deliveredStanza(openpgp, alice.jid, bob.jid, `<stanza-id xmlns='urn:xmpp:sid:0' id='S2' by='${bob.jid}'/>`);
  replayed.attrs.id = 'fresh-id';
  const later = new Date(NOW.getTime() + 2 * 24 * 3600_000);
  t.is(reason(await receive(replayed, bob, [alice.publicKey], { replayCache, now: later })), 'replay');
});

test('a stanza-id "by" someone else is not trusted: the copy is never a new message', async (t) => {
  const alice = await fixtureUser('alice');
  const bob = await fixtureUser('bob');
  const { openpgp } = parseOxMessage(await createOxMessage({ to: [bob.jid], payload: oxPayload({ body: 'x' }), recipientKeys: [bob.publicKey], signingKey: alice.privateKey, now: NOW }));
  const replayCache = createMemoryReplayCache({ now: () => NOW.getTime() });
  const ours = `<stanza-id xmlns='urn:xmpp:sid:0' id='S1' by='${bob.jid}'/>`;
  t.is(reason(await receive(deliveredStanza(openpgp, alice.jid, bob.jid, ours), bob, [alice.publicKey], { replayCache })), 'ok');
  // A copy whose only stanza-id is "by" another entity has no trusted occurrence: at best a
  // duplicate of the first (merged, never shown as new)...
  const spoofed = `<stanza-id xmlns='urn:xmpp:sid:0' id='S9' by='mallory@localhost'/>`;
  const copy = await receive(deliveredStanza(openpgp, alice.jid, bob.jid, spoofed), bob, [alice.publicKey], { replayCache });
  t.true(copy.ok && copy.duplicate);
  // ...and once our server archives it under a new id, a replay.
  const archived = `<stanza-id xmlns='urn:xmpp:sid:0' id='S2' by='${bob.jid}'/>`;
  t.is(reason(await receive(deliveredStanza(openpgp, alice.jid, bob.jid, archived), bob, [alice.publicKey], { replayCache })), 'replay');
});

test('a replay older than the accepted age is refused as stale (the cache need not remember it)', async (t) => {
  const alice = await fixtureUser('alice');
  const bob = await fixtureUser('bob');
  const { openpgp } = parseOxMessage(await createOxMessage({ to: [bob.jid], payload: oxPayload({ body: 'x' }), recipientKeys: [bob.publicKey], signingKey: alice.privateKey, now: NOW }));
  const monthLater = new Date(NOW.getTime() + 30 * 24 * 3600_000);
  t.is(reason(await receive(deliveredStanza(openpgp, alice.jid, bob.jid), bob, [alice.publicKey], { now: monthLater })), 'stale-time');
});
