import test from 'ava';
import { buildMamFin, buildMamQuery, buildMamResult, parseMamFin, parseMamQuery, parseMamResult } from './mam.ts';
import { overTheWire } from '../xml/testWire.ts';
import { xml } from '../xml/element.ts';
import { ProtocolParseError } from '../errors.ts';

test('a MAM query with filters and RSM paging round-trips', (t) => {
  const query = {
    queryId: 'q1',
    with: 'bob@localhost',
    start: new Date('2024-01-01T00:00:00.000Z'),
    end: new Date('2024-02-01T00:00:00.000Z'),
    rsm: { max: 50, before: '' },
    id: 'iq1',
  };
  const el = overTheWire(buildMamQuery(query));
  t.is(el.attrs.type, 'set');
  t.deepEqual(parseMamQuery(el), query);
});

test('a query without filters carries no form', (t) => {
  const el = overTheWire(buildMamQuery({ queryId: 'q2', rsm: { max: 10, after: 'abc' } }));
  t.is(el.getChild('query', 'urn:xmpp:mam:2')?.getChild('x', 'jabber:x:data'), undefined);
  t.deepEqual(parseMamQuery(el), { queryId: 'q2', rsm: { max: 10, after: 'abc' } });
});

test('a result message round-trips with archive id, delay and the forwarded message', (t) => {
  const original = xml('message', { from: 'bob@localhost/x', to: 'alice@localhost', type: 'chat' }, xml('body', {}, 'hi'));
  const stamp = new Date('2024-03-01T10:00:00.000Z');
  const el = overTheWire(buildMamResult({ to: 'alice@localhost/web', from: 'alice@localhost', queryId: 'q1', archiveId: 'A1', stamp, message: original }));
  const result = parseMamResult(el, { ownJid: 'alice@localhost', queryId: 'q1' });
  t.is(result?.archiveId, 'A1');
  t.is(result?.delay?.stamp.getTime(), stamp.getTime());
  t.is(result?.message.attrs.from, 'bob@localhost/x');
  t.is(result?.message.getChildText('body'), 'hi');
});

test('results from another JID or for another query are refused; other messages are not results', (t) => {
  const message = xml('message', { from: 'bob@localhost' }, xml('body', {}, 'x'));
  const forged = overTheWire(buildMamResult({ to: 'alice@localhost', from: 'mallory@localhost', queryId: 'q1', archiveId: 'A', stamp: new Date(), message }));
  const err = t.throws(() => parseMamResult(forged, { ownJid: 'alice@localhost', queryId: 'q1' }), { instanceOf: ProtocolParseError });
  t.is(err?.code, 'untrusted-sender');
  const other = overTheWire(buildMamResult({ to: 'alice@localhost', queryId: 'q9', archiveId: 'A', stamp: new Date(), message }));
  t.throws(() => parseMamResult(other, { ownJid: 'alice@localhost', queryId: 'q1' }), { instanceOf: ProtocolParseError });
  t.is(parseMamResult(message, { ownJid: 'alice@localhost', queryId: 'q1' }), undefined);
});

test('the fin IQ round-trips with RSM first/last/count', (t) => {
  const fin = parseMamFin(overTheWire(buildMamFin({ id: 'iq1', complete: true, rsm: { first: 'A1', firstIndex: 0, last: 'A9', count: 42 } })));
  t.deepEqual(fin, { complete: true, stable: true, rsm: { first: 'A1', firstIndex: 0, last: 'A9', count: 42 } });
  t.false(parseMamFin(overTheWire(buildMamFin({ complete: false, rsm: {} }))).complete);
});

test('an error reply to a query surfaces the condition', (t) => {
  const reply = overTheWire(xml('iq', { type: 'error', id: 'x' }, xml('error', { type: 'cancel' }, xml('item-not-found', { xmlns: 'urn:ietf:params:xml:ns:xmpp-stanzas' }))));
  const err = t.throws(() => parseMamFin(reply), { instanceOf: ProtocolParseError });
  t.is(err?.code, 'stanza-error');
  t.is(err?.condition, 'item-not-found');
});
