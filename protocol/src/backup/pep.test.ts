import test from 'ava';
import { buildCreateSecretKeyNode, buildFetchSecretKey, buildPublishSecretKey, parseSecretKeyResult } from './pep.ts';
import { iqResult, overTheWire } from '../xml/testWire.ts';
import { parseDataForm } from '../forms/dataForm.ts';
import { xml } from '../xml/element.ts';
import { bytesEqual, randomBytes } from '../encoding.ts';

const NS_PUBSUB = 'http://jabber.org/protocol/pubsub';
const NODE = 'urn:xmpp:openpgp:0:secret-key';

test('the backup is published to the secret-key node with the whitelist access model and read back', (t) => {
  const data = randomBytes(1500);
  const el = overTheWire(buildPublishSecretKey({ data }));
  const pubsub = el.getChild('pubsub', NS_PUBSUB)!;
  t.is(pubsub.getChild('publish')!.attrs.node, NODE);
  const form = parseDataForm(pubsub.getChild('publish-options')!.getChild('x', 'jabber:x:data')!);
  t.deepEqual(form.fields, [{ var: 'pubsub#access_model', values: ['whitelist'] }]);
  const secretkey = pubsub.getChild('publish')!.getChild('item')!.getChild('secretkey', 'urn:xmpp:openpgp:0')!;
  const result = iqResult(xml('pubsub', { xmlns: NS_PUBSUB }, xml('items', { node: NODE }, xml('item', { id: 'x' }, secretkey))));
  t.true(bytesEqual(parseSecretKeyResult(result)!, data));
});

test('an empty node reads as no backup; fetch and create requests target the node', (t) => {
  t.is(parseSecretKeyResult(iqResult(xml('pubsub', { xmlns: NS_PUBSUB }, xml('items', { node: NODE })))), undefined);
  const fetch = overTheWire(buildFetchSecretKey());
  t.is(fetch.attrs.to, undefined);
  t.is(fetch.getChild('pubsub', NS_PUBSUB)!.getChild('items')!.attrs.node, NODE);
  const create = overTheWire(buildCreateSecretKeyNode());
  const config = parseDataForm(create.getChild('pubsub', NS_PUBSUB)!.getChild('configure')!.getChild('x', 'jabber:x:data')!);
  t.deepEqual(config.fields.map((f) => [f.var, f.values[0]]), [
    ['pubsub#access_model', 'whitelist'],
    ['pubsub#send_last_published_item', 'on_sub'],
  ]);
});
