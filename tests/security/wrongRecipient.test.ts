// Attack: surreptitious forwarding (XEP-0373 §3.1, An-Dodis-Rabin 2002). Alice signs a message
// for Mallory; Mallory re-encrypts Alice's signed content to Bob and has it delivered as from
// Alice. The signature is genuine, but `<to/>` names Mallory, not the outer recipient Bob.
import test from 'ava';
import { buildOxMessage, createOxMessage, oxPayload, toBase64, utf8Encode } from '../../protocol/src/index.ts';
import { openpgp } from '../../protocol/src/crypto/openpgp.ts';
import { fixtureUser } from '../fixtures/keys/index.ts';
import { NOW, reason, receive, signcryptXml } from './support.ts';

test("Alice's genuinely signed message to Mallory, re-encrypted to Bob: wrong-recipient", async (t) => {
  const alice = await fixtureUser('alice');
  const bob = await fixtureUser('bob');
  const mallory = await fixtureUser('mallory');
  // What Alice signed (for Mallory)...
  const signed = await openpgp.sign({
    message: await openpgp.createMessage({ binary: utf8Encode(signcryptXml(mallory.jid, 'I resign.')), date: NOW }),
    signingKeys: alice.privateKey,
    date: NOW,
    format: 'object',
  });
  // ...re-encrypted by Mallory to Bob, signature untouched.
  const reEncrypted = await openpgp.encrypt({ message: signed, encryptionKeys: bob.publicKey, date: NOW, format: 'binary' });
  const stanza = buildOxMessage({ to: bob.jid, openpgp: toBase64(reEncrypted) });
  stanza.attrs.from = alice.jid;
  const result = await receive(stanza, bob, [alice.publicKey]);
  t.is(reason(result), 'wrong-recipient');
});

test('a signcrypt whose <to/> names another recipient: wrong-recipient', async (t) => {
  const alice = await fixtureUser('alice');
  const bob = await fixtureUser('bob');
  const carol = await fixtureUser('carol');
  const stanza = await createOxMessage({ to: [carol.jid], stanzaTo: bob.jid, payload: oxPayload({ body: 'for carol' }), recipientKeys: [bob.publicKey], signingKey: alice.privateKey, now: NOW });
  stanza.attrs.from = alice.jid;
  t.is(reason(await receive(stanza, bob, [alice.publicKey])), 'wrong-recipient');
});

test('an outer to rewritten to someone else than us: wrong-recipient before decryption', async (t) => {
  const alice = await fixtureUser('alice');
  const bob = await fixtureUser('bob');
  const stanza = await createOxMessage({ to: [bob.jid], payload: oxPayload({ body: 'x' }), recipientKeys: [bob.publicKey], signingKey: alice.privateKey, now: NOW });
  stanza.attrs.from = alice.jid;
  stanza.attrs.to = 'carol@localhost';
  t.is(reason(await receive(stanza, bob, [alice.publicKey])), 'wrong-recipient');
});
