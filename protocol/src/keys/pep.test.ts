import test from 'ava';
import {
  buildFetchPublicKey,
  buildFetchPublicKeysList,
  buildPublicKeysList,
  buildPublishPublicKey,
  buildPublishPublicKeysList,
  parsePublicKeyResult,
  parsePublicKeysListEvent,
  parsePublicKeysListResult,
  publicKeyDataNode,
} from './pep.ts';
import { iqResult, overTheWire } from '../xml/testWire.ts';
import { parseDataForm } from '../forms/dataForm.ts';
import { xml } from '../xml/element.ts';
import { bytesEqual, randomBytes } from '../encoding.ts';
import { ProtocolParseError } from '../errors.ts';

const FPR = '1357B01865B2503C18453D208CAC2A9678548E35';
const FPR2 = '67819B343B2AB70DED9320872C6464AF2A8E4C02';
const NS_PUBSUB = 'http://jabber.org/protocol/pubsub';

function publishOptions(el: ReturnType<typeof overTheWire>) {
  const x = el.getChild('pubsub', NS_PUBSUB)!.getChild('publish-options')!.getChild('x', 'jabber:x:data')!;
  return parseDataForm(x);
}

test('publishing a key: data node named by fingerprint, base64 data, open access model', (t) => {
  const keyData = randomBytes(700);
  const el = overTheWire(buildPublishPublicKey({ fingerprint: FPR, keyData, date: new Date('2024-01-01T00:00:00Z') }));
  const publish = el.getChild('pubsub', NS_PUBSUB)!.getChild('publish')!;
  t.is(publish.attrs.node, `urn:xmpp:openpgp:0:public-keys:${FPR}`);
  const pubkey = publish.getChild('item')!.getChild('pubkey', 'urn:xmpp:openpgp:0')!;
  t.is(pubkey.attrs.date, '2024-01-01T00:00:00.000Z');
  const form = publishOptions(el);
  t.is(form.formType, 'http://jabber.org/protocol/pubsub#publish-options');
  t.deepEqual(form.fields, [{ var: 'pubsub#access_model', values: ['open'] }]);
  // The same item as a fetch result decodes to the same bytes.
  const result = iqResult(
    xml('pubsub', { xmlns: NS_PUBSUB }, xml('items', { node: publicKeyDataNode(FPR) }, xml('item', { id: 'x' }, pubkey))),
  );
  t.true(bytesEqual(parsePublicKeyResult(result, FPR), keyData));
});

test('publishing and fetching the metadata list round-trips (XEP-0373 §4.2, §4.3)', (t) => {
  const keys = [
    { fingerprint: FPR, date: new Date('2018-03-01T15:26:12Z') },
    { fingerprint: FPR2, date: new Date('1953-05-16T12:00:00Z') },
  ];
  const publish = overTheWire(buildPublishPublicKeysList({ keys }));
  t.is(publish.getChild('pubsub', NS_PUBSUB)!.getChild('publish')!.attrs.node, 'urn:xmpp:openpgp:0:public-keys');
  t.deepEqual(publishOptions(publish).fields, [{ var: 'pubsub#access_model', values: ['open'] }]);
  const result = iqResult(
    xml('pubsub', { xmlns: NS_PUBSUB }, xml('items', { node: 'urn:xmpp:openpgp:0:public-keys' }, xml('item', { id: 'current' }, buildPublicKeysList(keys)))),
  );
  t.deepEqual(parsePublicKeysListResult(result), keys);
  const fetch = overTheWire(buildFetchPublicKeysList({ to: 'juliet@example.org' }));
  t.is(fetch.attrs.to, 'juliet@example.org');
  t.is(fetch.getChild('pubsub', NS_PUBSUB)!.getChild('items')!.attrs.max_items, '1');
  const fetchKey = overTheWire(buildFetchPublicKey({ to: 'juliet@example.org', fingerprint: FPR }));
  t.is(fetchKey.getChild('pubsub', NS_PUBSUB)!.getChild('items')!.attrs.node, publicKeyDataNode(FPR));
});

test('metadata notifications are parsed; empty nodes give no keys', (t) => {
  const event = overTheWire(
    xml(
      'message',
      { from: 'juliet@example.org' },
      xml(
        'event',
        { xmlns: 'http://jabber.org/protocol/pubsub#event' },
        xml('items', { node: 'urn:xmpp:openpgp:0:public-keys' }, xml('item', {}, buildPublicKeysList([{ fingerprint: FPR, date: new Date(0) }]))),
      ),
    ),
  );
  t.deepEqual(parsePublicKeysListEvent(event), [{ fingerprint: FPR, date: new Date(0) }]);
  t.is(parsePublicKeysListEvent(overTheWire(xml('message', {}, xml('body', {}, 'x')))), undefined);
  const empty = iqResult(xml('pubsub', { xmlns: NS_PUBSUB }, xml('items', { node: 'urn:xmpp:openpgp:0:public-keys' })));
  t.deepEqual(parsePublicKeysListResult(empty), []);
});

test('refuses lowercase or short fingerprints, duplicate announcements and oversized key data', (t) => {
  t.throws(() => publicKeyDataNode(FPR.toLowerCase()), { instanceOf: ProtocolParseError });
  t.throws(() => buildPublishPublicKeysList({ keys: [{ fingerprint: FPR, date: new Date() }, { fingerprint: FPR, date: new Date() }] }));
  const huge = iqResult(
    xml(
      'pubsub',
      { xmlns: NS_PUBSUB },
      xml('items', { node: publicKeyDataNode(FPR) }, xml('item', {}, xml('pubkey', { xmlns: 'urn:xmpp:openpgp:0' }, xml('data', {}, 'A'.repeat(100_000))))),
    ),
  );
  const err = t.throws(() => parsePublicKeyResult(huge, FPR), { instanceOf: ProtocolParseError });
  t.is(err?.code, 'xml-limit');
});
