import test from 'ava';
import { buildOxMessage, isOxMessage, OX_FALLBACK_BODY, parseOxMessage } from './message.ts';
import { overTheWire } from '../xml/testWire.ts';
import { parseXml } from '../xml/parse.ts';
import { ProtocolParseError } from '../errors.ts';

test('the outer message carries openpgp, EME, store hint, origin-id and fallback body, and round-trips', (t) => {
  const el = overTheWire(buildOxMessage({ to: 'bob@localhost', id: 'm1', originId: 'm1', openpgp: 'aGVsbG8=' }));
  t.true(isOxMessage(el));
  t.is(el.attrs.type, 'chat');
  t.is(el.getChildText('body'), OX_FALLBACK_BODY);
  t.truthy(el.getChild('store', 'urn:xmpp:hints'));
  t.is(el.getChild('encryption', 'urn:xmpp:eme:0')?.attrs.namespace, 'urn:xmpp:openpgp:0');
  t.is(el.getChild('origin-id', 'urn:xmpp:sid:0')?.attrs.id, 'm1');
  t.deepEqual(parseOxMessage(el), { to: 'bob@localhost', id: 'm1', type: 'chat', openpgp: 'aGVsbG8=', stanzaIds: [], delay: undefined });
});

test('messages without type (as go-sendxmpp sends) are accepted; groupchat, headline and error are not', (t) => {
  const none = parseXml(`<message to='b@c' from='a@c/r'><openpgp xmlns='urn:xmpp:openpgp:0'>QQ==</openpgp></message>`);
  t.is(parseOxMessage(none).type, undefined);
  t.is(parseOxMessage(none).from, 'a@c/r');
  for (const type of ['groupchat', 'headline', 'error']) {
    const el = parseXml(`<message to='b@c' type='${type}'><openpgp xmlns='urn:xmpp:openpgp:0'>QQ==</openpgp></message>`);
    t.throws(() => parseOxMessage(el), { instanceOf: ProtocolParseError }, type);
  }
});

test('missing or doubled openpgp elements and missing to are refused', (t) => {
  t.throws(() => parseOxMessage(parseXml(`<message to='b@c'><body>x</body></message>`)));
  t.throws(() => parseOxMessage(parseXml(`<message to='b@c'><openpgp xmlns='urn:xmpp:openpgp:0'>QQ==</openpgp><openpgp xmlns='urn:xmpp:openpgp:0'>QQ==</openpgp></message>`)));
  t.throws(() => parseOxMessage(parseXml(`<message><openpgp xmlns='urn:xmpp:openpgp:0'>QQ==</openpgp></message>`)));
  t.throws(() => parseOxMessage(parseXml(`<message to='b@c'><openpgp xmlns='urn:xmpp:openpgp:0'> </openpgp></message>`)));
  t.false(isOxMessage(parseXml(`<iq><openpgp xmlns='urn:xmpp:openpgp:0'/></iq>`)));
});

test('server stanza ids and delay are exposed', (t) => {
  const el = parseXml(
    `<message to='b@c' from='a@c'><openpgp xmlns='urn:xmpp:openpgp:0'>QQ==</openpgp><stanza-id xmlns='urn:xmpp:sid:0' id='S9' by='b@c'/><delay xmlns='urn:xmpp:delay' stamp='2024-01-01T00:00:00Z'/></message>`,
  );
  const env = parseOxMessage(el);
  t.deepEqual(env.stanzaIds, [{ id: 'S9', by: 'b@c' }]);
  t.is(env.delay?.stamp.toISOString(), '2024-01-01T00:00:00.000Z');
});
