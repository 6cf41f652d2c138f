import test from 'ava';
import { announcePublicKey, fetchAnnouncedKeys } from './discovery.ts';
import type { IqRequest } from '../stanzas/iqRequest.ts';
import { generateOxKey } from './generate.ts';
import { type Element, xml } from '../xml/element.ts';
import { parseXml } from '../xml/parse.ts';
import { NS_PUBSUB } from '../ns.ts';

/** A tiny in-memory PEP service answering publish and items requests like Prosody (owner: `to`, or me@localhost). */
function fakePep(): { request: IqRequest; nodes: Map<string, Element> } {
  const nodes = new Map<string, Element>(); // "jid node" -> last item
  const request: IqRequest = async (iq) => {
    const wire = parseXml(iq.toString());
    const owner = wire.attrs.to ?? 'me@localhost';
    const pubsub = wire.getChild('pubsub', NS_PUBSUB)!;
    const publish = pubsub.getChild('publish');
    if (publish) {
      nodes.set(`${owner} ${publish.attrs.node}`, publish.getChild('item')!);
      return parseXml(`<iq type='result' id='x'/>`);
    }
    const node = pubsub.getChild('items')!.attrs.node!;
    const item = nodes.get(`${owner} ${node}`);
    if (!item) {
      return parseXml(`<iq type='error' id='x'><error type='cancel'><item-not-found xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/></error></iq>`);
    }
    return parseXml(xml('iq', { type: 'result', id: 'x' }, xml('pubsub', { xmlns: NS_PUBSUB }, xml('items', { node }, item))).toString());
  };
  return { request, nodes };
}

test('announce then discover: the key is found and accepted; a second device key is added, not replacing', async (t) => {
  const pep = fakePep();
  const first = await generateOxKey({ jid: 'me@localhost' });
  const second = await generateOxKey({ jid: 'me@localhost' });
  await announcePublicKey(pep.request, { ownJid: 'me@localhost/a', publicKey: first.publicKey });
  const list = await announcePublicKey(pep.request, { ownJid: 'me@localhost/b', publicKey: second.publicKey });
  t.deepEqual(list.map((k) => k.fingerprint), [first.fingerprint, second.fingerprint]);
  const found = await fetchAnnouncedKeys(pep.request, 'me@localhost');
  t.deepEqual(found.keys.map((k) => k.getFingerprint().toUpperCase()), [first.fingerprint, second.fingerprint]);
  t.deepEqual(found.rejected, []);
});

test('nothing announced: no keys, no error', async (t) => {
  t.deepEqual(await fetchAnnouncedKeys(fakePep().request, 'nobody@localhost'), { keys: [], rejected: [] });
});

test('a data node holding another key, or a key for another JID, is rejected with a reason', async (t) => {
  const pep = fakePep();
  const mine = await generateOxKey({ jid: 'me@localhost' });
  const other = await generateOxKey({ jid: 'other@localhost' });
  await announcePublicKey(pep.request, { ownJid: 'me@localhost', publicKey: mine.publicKey });
  // A hostile server answers Alice's data node with another account's key item.
  const elsewhere = fakePep();
  await announcePublicKey(elsewhere.request, { ownJid: 'me@localhost', publicKey: other.publicKey });
  const otherItem = elsewhere.nodes.get(`me@localhost urn:xmpp:openpgp:0:public-keys:${other.fingerprint}`)!;
  pep.nodes.set(`me@localhost urn:xmpp:openpgp:0:public-keys:${mine.fingerprint}`, otherItem);
  const found = await fetchAnnouncedKeys(pep.request, 'me@localhost');
  t.deepEqual(found.keys, []);
  t.is(found.rejected.length, 1);
  t.regex(found.rejected[0]!.reason, /xmpp:me@localhost|another key/);
});
