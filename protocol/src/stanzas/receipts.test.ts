import test from 'ava';
import { buildReceipt, buildReceiptRequest, hasReceiptRequest, parseReceipt } from './receipts.ts';
import { overTheWire } from '../xml/testWire.ts';
import { xml } from '../xml/element.ts';

test('a receipt round-trips with the acknowledged id and type', (t) => {
  const el = overTheWire(buildReceipt({ to: 'bob@localhost/x', id: 'msg-1', type: 'chat' }));
  t.deepEqual(parseReceipt(el), { id: 'msg-1' });
  t.is(el.attrs.type, 'chat');
});

test('a receipt request is detected; messages without receipts parse to undefined', (t) => {
  const msg = overTheWire(xml('message', { to: 'a@b' }, xml('body', {}, 'x'), buildReceiptRequest()));
  t.true(hasReceiptRequest(msg));
  t.is(parseReceipt(msg), undefined);
  t.throws(() => parseReceipt(overTheWire(xml('message', {}, xml('received', { xmlns: 'urn:xmpp:receipts' })))));
});
