import test from 'ava';
import { buildCreateNode, buildItemsRequest, buildPublish, parseItemsEvent, parseItemsResult } from './pubsub.ts';
import { iqResult, overTheWire } from '../xml/testWire.ts';
import { parseDataForm } from '../forms/dataForm.ts';
import { parseXml } from '../xml/parse.ts';
import { xml } from '../xml/element.ts';

test('publish carries the item and publish-options form', (t) => {
  const el = overTheWire(buildPublish({ node: 'n1', itemId: 'i1', payload: xml('thing', { xmlns: 'urn:t' }, 'v'), publishOptions: { 'pubsub#access_model': 'open' } }));
  const pubsub = el.getChild('pubsub', 'http://jabber.org/protocol/pubsub')!;
  const item = pubsub.getChild('publish')!.getChild('item')!;
  t.is(item.attrs.id, 'i1');
  t.is(item.getChild('thing', 'urn:t')?.getText(), 'v');
  const form = parseDataForm(pubsub.getChild('publish-options')!.getChild('x', 'jabber:x:data')!);
  t.is(form.formType, 'http://jabber.org/protocol/pubsub#publish-options');
  t.deepEqual(form.fields, [{ var: 'pubsub#access_model', values: ['open'] }]);
});

test('create-node carries the node_config form', (t) => {
  const el = overTheWire(buildCreateNode({ node: 'n', config: { 'pubsub#access_model': 'whitelist' } }));
  const pubsub = el.getChild('pubsub', 'http://jabber.org/protocol/pubsub')!;
  t.is(pubsub.getChild('create')?.attrs.node, 'n');
  t.is(parseDataForm(pubsub.getChild('configure')!.getChild('x', 'jabber:x:data')!).formType, 'http://jabber.org/protocol/pubsub#node_config');
});

test('items requests and results round-trip; a result for another node is refused', (t) => {
  const req = overTheWire(buildItemsRequest({ to: 'bob@localhost', node: 'n', maxItems: 1 }));
  t.is(req.getChild('pubsub', 'http://jabber.org/protocol/pubsub')?.getChild('items')?.attrs.max_items, '1');
  const result = iqResult(parseXml(`<pubsub xmlns='http://jabber.org/protocol/pubsub'><items node='n'><item id='a'><p xmlns='urn:p'/></item><item id='b'/></items></pubsub>`));
  const items = parseItemsResult(result, 'n');
  t.is(items.length, 2);
  t.is(items[0]?.payload?.name, 'p');
  t.is(items[1]?.payload, undefined);
  t.throws(() => parseItemsResult(result, 'other'));
});

test('event notifications are read only for the asked node', (t) => {
  const event = parseXml(`<message from='bob@localhost'><event xmlns='http://jabber.org/protocol/pubsub#event'><items node='n'><item id='x'><p xmlns='urn:p'/></item></items></event></message>`);
  t.is(parseItemsEvent(event, 'n')?.[0]?.id, 'x');
  t.is(parseItemsEvent(event, 'm'), undefined);
  t.is(parseItemsEvent(parseXml(`<message/>`), 'n'), undefined);
});
