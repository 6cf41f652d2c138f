import test from 'ava';
import { buildCarbon, buildCarbonsPrivate, buildDisableCarbons, buildEnableCarbons, parseCarbon } from './carbons.ts';
import { overTheWire } from '../xml/testWire.ts';
import { xml } from '../xml/element.ts';
import { ProtocolParseError } from '../errors.ts';

const inner = xml('message', { from: 'bob@localhost/p', to: 'alice@localhost/laptop', type: 'chat' }, xml('body', {}, 'hello'));

test('enable/disable requests and the private hint', (t) => {
  t.truthy(overTheWire(buildEnableCarbons()).getChild('enable', 'urn:xmpp:carbons:2'));
  t.truthy(overTheWire(buildDisableCarbons({ id: 'c1' })).getChild('disable', 'urn:xmpp:carbons:2'));
  t.true(buildCarbonsPrivate().is('private', 'urn:xmpp:carbons:2'));
});

test('received and sent carbons from our bare JID round-trip', (t) => {
  for (const direction of ['received', 'sent'] as const) {
    const el = overTheWire(buildCarbon({ ownJid: 'alice@localhost', to: 'alice@localhost/web', direction, message: inner }));
    const carbon = parseCarbon(el, 'alice@localhost/web');
    t.is(carbon?.direction, direction);
    t.is(carbon?.message.getChildText('body'), 'hello');
    t.is(carbon?.message.attrs.from, 'bob@localhost/p');
  }
});

test('a carbon without from comes from our own server and is accepted', (t) => {
  const el = overTheWire(buildCarbon({ ownJid: 'alice@localhost', to: 'alice@localhost/web', direction: 'received', message: inner }));
  delete el.attrs.from;
  t.is(parseCarbon(el, 'alice@localhost')?.direction, 'received');
});

test('a carbon from anyone else, or from one of our full JIDs, is refused', (t) => {
  for (const from of ['mallory@localhost', 'alice@localhost/other', 'localhost', 'alice@localhost.evil']) {
    const el = overTheWire(buildCarbon({ ownJid: 'alice@localhost', to: 'alice@localhost/web', direction: 'sent', message: inner }));
    el.attrs.from = from;
    const err = t.throws(() => parseCarbon(el, 'alice@localhost'), { instanceOf: ProtocolParseError }, from);
    t.is(err?.code, 'untrusted-sender');
  }
});

test('ordinary messages are not carbons', (t) => {
  t.is(parseCarbon(inner, 'alice@localhost'), undefined);
});
