import test from 'ava';
import { xml } from '../xml/element.ts';
import { parseXml } from '../xml/parse.ts';
import { ProtocolParseError } from '../errors.ts';
import { buildKeys, buildLookupIq, buildPublishedIq, type DirectoryKeys, parseKeys, parseLookup, parsePublishedNotice } from './directory.ts';
import { NS_DIRECTORY } from '../ns.ts';

const wire = (el: ReturnType<typeof xml>) => parseXml(el.toString());
const FPR = '1357B01865B2503C18453D208CAC2A9678548E35';

test('the published notice round-trips and takes no children', (t) => {
  const iq = wire(buildPublishedIq({ to: 'gateway.example.org', id: 'p1' }));
  t.like(iq.attrs, { type: 'set', to: 'gateway.example.org', id: 'p1' });
  t.notThrows(() => parsePublishedNotice(iq.getChild('published', NS_DIRECTORY)!));
  t.throws(() => parsePublishedNotice(wire(xml('published', { xmlns: NS_DIRECTORY }, xml('x')))), { instanceOf: ProtocolParseError });
  t.throws(() => parsePublishedNotice(wire(xml('published', { xmlns: 'urn:other' }))), { instanceOf: ProtocolParseError });
});

test('lookups by JID or fingerprint round-trip; exactly one of them', (t) => {
  const byJid = wire(buildLookupIq({ to: 'gw', jid: 'bob@example.org' }));
  t.is(byJid.attrs.type, 'get');
  t.deepEqual(parseLookup(byJid.getChild('lookup', NS_DIRECTORY)!), { jid: 'bob@example.org' });
  const byFpr = wire(buildLookupIq({ to: 'gw', fingerprint: FPR.toLowerCase() }));
  t.deepEqual(parseLookup(byFpr.getChild('lookup', NS_DIRECTORY)!), { fingerprint: FPR });
  t.throws(() => parseLookup(wire(xml('lookup', { xmlns: NS_DIRECTORY }))), { instanceOf: ProtocolParseError });
  t.throws(() => parseLookup(wire(xml('lookup', { xmlns: NS_DIRECTORY, jid: 'a@b', fingerprint: FPR }))), { instanceOf: ProtocolParseError });
  t.throws(() => parseLookup(wire(xml('lookup', { xmlns: NS_DIRECTORY, fingerprint: 'xyz' }))), { instanceOf: ProtocolParseError });
});

test('keys round-trip with data, compromise marks, head and refusals', (t) => {
  const view: DirectoryKeys = {
    jid: 'alice@example.org',
    head: { seq: 3, hash: 'ab'.repeat(32) },
    keys: [
      { jid: 'alice@example.org', fingerprint: FPR, created: new Date('2025-01-01T00:00:00Z'), since: new Date('2030-01-01T00:00:00Z'), lastSeen: new Date('2030-01-02T00:00:00Z'), data: new Uint8Array([1, 2, 3, 250]) },
      { jid: 'alice@example.org', fingerprint: 'F'.repeat(40), created: new Date('2025-01-01T00:00:00Z'), since: new Date('2030-01-01T00:00:00Z'), lastSeen: new Date('2030-01-02T00:00:00Z'), compromised: new Date('2030-01-03T00:00:00Z') },
    ],
    refused: [{ fingerprint: 'C'.repeat(40), code: 'missing-user-id', reason: "key has no valid user ID 'xmpp:alice@example.org'" }],
  };
  const result = wire(xml('iq', { type: 'result', id: 'l1' }, buildKeys(view)));
  t.deepEqual(parseKeys(result), view);
  t.deepEqual(parseKeys(result.getChild('keys', NS_DIRECTORY)!), view);
  t.deepEqual(parseKeys(wire(buildKeys({ fingerprint: FPR, keys: [], refused: [] }))), { fingerprint: FPR, keys: [], refused: [] });
  t.throws(() => parseKeys(wire(xml('iq', { type: 'result' }))), { instanceOf: ProtocolParseError });
});
