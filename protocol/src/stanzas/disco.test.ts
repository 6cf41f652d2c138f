import test from 'ava';
import { buildDiscoInfo, buildDiscoInfoQuery, buildDiscoItems, buildDiscoItemsQuery, type DiscoInfo, parseDiscoInfo, parseDiscoItems } from './disco.ts';
import { iqResult, overTheWire } from '../xml/testWire.ts';
import { submitForm } from '../forms/dataForm.ts';

test('disco#info round-trips identities, features and extension forms', (t) => {
  const info: DiscoInfo = {
    identities: [{ category: 'store', type: 'file', name: 'HTTP File Upload' }, { category: 'component', type: 'generic' }],
    features: ['urn:xmpp:http:upload:0', 'http://jabber.org/protocol/disco#info'],
    forms: [{ ...submitForm('urn:xmpp:http:upload:0', { 'max-file-size': '10485760' }), type: 'result' }],
  };
  t.deepEqual(parseDiscoInfo(iqResult(buildDiscoInfo(info))), info);
  const query = overTheWire(buildDiscoInfoQuery({ to: 'upload.localhost', node: 'n' }));
  t.is(query.getChild('query', 'http://jabber.org/protocol/disco#info')?.attrs.node, 'n');
});

test('disco#items round-trips', (t) => {
  const items = [{ jid: 'upload.localhost', name: 'Upload' }, { jid: 'localhost', node: 'http://jabber.org/protocol/commands' }];
  t.deepEqual(parseDiscoItems(iqResult(buildDiscoItems(items))), items);
  t.is(overTheWire(buildDiscoItemsQuery({ to: 'localhost' })).attrs.type, 'get');
});
