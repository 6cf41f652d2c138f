import test from 'ava';
import { buildChatState, CHAT_STATES, parseChatState } from './chatstates.ts';
import { parseXml } from '../xml/parse.ts';
import { xml } from '../xml/element.ts';

test('every chat state survives build -> string -> parse', (t) => {
  for (const state of CHAT_STATES) {
    const el = parseXml(buildChatState({ to: 'bob@localhost', state }).toString());
    t.is(parseChatState(el), state);
    t.is(el.attrs.type, 'chat');
    t.truthy(el.getChild('no-store', 'urn:xmpp:hints'));
  }
});

test('a message without a chat state parses to undefined', (t) => {
  t.is(parseChatState(xml('message', {}, xml('body', {}, 'hi'))), undefined);
  t.is(parseChatState(xml('iq', {}, xml('composing', { xmlns: 'http://jabber.org/protocol/chatstates' }))), undefined);
});
