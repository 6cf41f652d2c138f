// Attack: an encrypted but unsigned payload (a `<crypt/>`-style message, XEP-0374 §7: IM uses
// signcrypt only). Anyone holding Bob's public key can produce one; it must not be shown as
// coming from Alice.
import test from 'ava';
import { fixtureUser } from '../fixtures/keys/index.ts';
import { craftOpenpgp, deliveredStanza, reason, receive, signcryptXml } from './support.ts';

test('a well-formed signcrypt encrypted to Bob without a signature: unsigned', async (t) => {
  const alice = await fixtureUser('alice');
  const bob = await fixtureUser('bob');
  const openpgp = await craftOpenpgp({ plaintext: signcryptXml(bob.jid, 'trust me'), encryptionKeys: [bob.publicKey] });
  t.is(reason(await receive(deliveredStanza(openpgp, alice.jid, bob.jid), bob, [alice.publicKey])), 'unsigned');
});

test('a <crypt/> content element without a signature: unsigned', async (t) => {
  const alice = await fixtureUser('alice');
  const bob = await fixtureUser('bob');
  const crypt = `<crypt xmlns='urn:xmpp:openpgp:0'><time stamp='2025-06-01T12:00:00Z'/><payload><body xmlns='jabber:client'>x</body></payload></crypt>`;
  const openpgp = await craftOpenpgp({ plaintext: crypt, encryptionKeys: [bob.publicKey] });
  t.is(reason(await receive(deliveredStanza(openpgp, alice.jid, bob.jid), bob, [alice.publicKey])), 'unsigned');
});
