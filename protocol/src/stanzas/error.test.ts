import test from 'ava';
import { buildErrorChild, parseStanzaError, throwIfError } from './error.ts';
import { buildIq, buildIqResult, iqResultChild } from './iq.ts';
import { overTheWire } from '../xml/testWire.ts';
import { xml } from '../xml/element.ts';
import { ProtocolParseError } from '../errors.ts';

test('an error child round-trips type, condition and text', (t) => {
  const stanza = overTheWire(xml('iq', { type: 'error', id: '1' }, buildErrorChild('cancel', 'item-not-found', 'gone')));
  const error = parseStanzaError(stanza);
  t.is(error?.type, 'cancel');
  t.is(error?.condition, 'item-not-found');
  t.is(error?.text, 'gone');
  t.is(error?.application, undefined);
  const err = t.throws(() => throwIfError(stanza), { instanceOf: ProtocolParseError });
  t.is(err?.condition, 'item-not-found');
});

test('non-error stanzas have no error; IQ helpers check the envelope', (t) => {
  t.is(parseStanzaError(xml('iq', { type: 'result' })), undefined);
  const request = overTheWire(buildIq('get', { to: 'a@b', id: 'q' }, xml('query', { xmlns: 'urn:q' })));
  const reply = overTheWire(buildIqResult(xml('iq', { ...request.attrs, from: 'me@b/r' }), xml('query', { xmlns: 'urn:q' })));
  t.is(reply.attrs.id, 'q');
  t.is(reply.attrs.to, 'me@b/r');
  t.truthy(iqResultChild(reply, 'query', 'urn:q'));
  t.throws(() => iqResultChild(request, 'query', 'urn:q'), { instanceOf: ProtocolParseError });
  t.throws(() => iqResultChild(xml('message'), 'query', 'urn:q'), { instanceOf: ProtocolParseError });
});
