// Attack: an over-large base64 payload (in a message or a PEP key node), refused before it
// is decoded or parsed.
import test from 'ava';
import { parsePublicKeyResult, ProtocolParseError, parseXml } from '../../protocol/src/index.ts';
import { fixtureUser } from '../fixtures/keys/index.ts';
import { deliveredStanza, reason, receive } from './support.ts';

test('a 12 MB <openpgp/> element: too-large, fast', async (t) => {
  const alice = await fixtureUser('alice');
  const bob = await fixtureUser('bob');
  const huge = 'QUFB'.repeat(3 * 1024 * 1024);
  const started = performance.now();
  const r = await receive(deliveredStanza(huge, alice.jid, bob.jid), bob, [alice.publicKey]);
  t.is(reason(r), 'too-large');
  t.true(performance.now() - started < 1000);
});

test('invalid base64 is malformed, not a crash', async (t) => {
  const alice = await fixtureUser('alice');
  const bob = await fixtureUser('bob');
  t.is(reason(await receive(deliveredStanza('***not base64***', alice.jid, bob.jid), bob, [alice.publicKey])), 'malformed');
  t.is(reason(await receive(deliveredStanza('QUFB', alice.jid, bob.jid), bob, [alice.publicKey])), 'malformed');
});

test('an over-large public key in a PEP data node is refused while parsing the stanza', (t) => {
  const fpr = 'A'.repeat(40);
  const iq = parseXml(
    `<iq type='result' id='k'><pubsub xmlns='http://jabber.org/protocol/pubsub'><items node='urn:xmpp:openpgp:0:public-keys:${fpr}'>` +
      `<item id='1'><pubkey xmlns='urn:xmpp:openpgp:0'><data>${'QUFB'.repeat(100_000)}</data></pubkey></item></items></pubsub></iq>`,
  );
  const err = t.throws(() => parsePublicKeyResult(iq, fpr), { instanceOf: ProtocolParseError });
  t.is(err?.code, 'xml-limit');
});
