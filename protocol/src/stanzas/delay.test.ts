import test from 'ava';
import { parseDelay, parseDelays, parseOriginId, parseStanzaIds } from './delay.ts';
import { parseForwarded } from './forward.ts';
import { parseXml } from '../xml/parse.ts';

test('delay, stanza ids and origin id are read', (t) => {
  const msg = parseXml(
    `<message xmlns='jabber:client'><delay xmlns='urn:xmpp:delay' from='localhost' stamp='2024-01-02T03:04:05Z'/>` +
      `<stanza-id xmlns='urn:xmpp:sid:0' id='S1' by='alice@localhost'/><stanza-id xmlns='urn:xmpp:sid:0' id='bad'/><origin-id xmlns='urn:xmpp:sid:0' id='O1'/></message>`,
  );
  t.deepEqual(parseDelay(msg), { stamp: new Date('2024-01-02T03:04:05Z'), from: 'localhost' });
  t.deepEqual(parseStanzaIds(msg), [{ id: 'S1', by: 'alice@localhost' }]);
  t.is(parseOriginId(msg), 'O1');
  t.is(parseDelay(parseXml('<message/>')), undefined);
});

test('forwarded wrappers yield the inner message and delay', (t) => {
  const wrapper = parseXml(
    `<sent xmlns='urn:xmpp:carbons:2'><forwarded xmlns='urn:xmpp:forward:0'><delay xmlns='urn:xmpp:delay' stamp='2024-01-02T03:04:05Z'/><message xmlns='jabber:client' to='b@c'><body>x</body></message></forwarded></sent>`,
  );
  const fwd = parseForwarded(wrapper);
  t.is(fwd.message.attrs.to, 'b@c');
  t.is(fwd.delay?.stamp.toISOString(), '2024-01-02T03:04:05.000Z');
  t.throws(() => parseForwarded(parseXml(`<sent xmlns='urn:xmpp:carbons:2'><forwarded xmlns='urn:xmpp:forward:0'/></sent>`)));
});

test('every delay is read in order, malformed stamps skipped', (t) => {
  const msg = parseXml(
    `<message xmlns='jabber:client'><delay xmlns='urn:xmpp:delay' from='mallory@localhost' stamp='2029-06-15T12:00:00Z'/>` +
      `<delay xmlns='urn:xmpp:delay' stamp='yesterday'/><delay xmlns='urn:xmpp:delay' from='localhost' stamp='2026-12-02T10:00:00Z'/></message>`,
  );
  t.deepEqual(parseDelays(msg), [
    { stamp: new Date('2029-06-15T12:00:00Z'), from: 'mallory@localhost' },
    { stamp: new Date('2026-12-02T10:00:00Z'), from: 'localhost' },
  ]);
  t.deepEqual(parseDelays(parseXml('<message/>')), []);
});
