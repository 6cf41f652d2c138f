import test from 'ava';
import { buildChatMarker, buildMarkable, isMarkable, parseChatMarker } from './markers.ts';
import { overTheWire } from '../xml/testWire.ts';
import { xml } from '../xml/element.ts';

test('every marker type round-trips with id and thread', (t) => {
  for (const type of ['received', 'displayed', 'acknowledged'] as const) {
    const el = overTheWire(buildChatMarker({ to: 'bob@localhost', type, id: 'm-7', thread: 'th' }));
    t.deepEqual(parseChatMarker(el), { type, id: 'm-7', thread: 'th' });
  }
  t.deepEqual(parseChatMarker(overTheWire(buildChatMarker({ to: 'b@c', type: 'displayed', id: 'x' }))), { type: 'displayed', id: 'x' });
});

test('markable messages are detected; plain messages carry no marker', (t) => {
  const msg = overTheWire(xml('message', {}, xml('body', {}, 'x'), buildMarkable()));
  t.true(isMarkable(msg));
  t.is(parseChatMarker(msg), undefined);
  t.throws(() => parseChatMarker(overTheWire(xml('message', {}, xml('displayed', { xmlns: 'urn:xmpp:chat-markers:0' })))));
});
