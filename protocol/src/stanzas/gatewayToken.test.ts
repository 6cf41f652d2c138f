import test from 'ava';
import { xml } from '../xml/element.ts';
import { buildTokenRequest, buildTokenResponse, parseTokenRequest, parseTokenResponse } from './gatewayToken.ts';
import { NS_GATEWAY_TOKEN } from '../ns.ts';

test('request round-trips', (t) => {
  const el = buildTokenRequest();
  t.is(el.toString(), `<request xmlns="${NS_GATEWAY_TOKEN}"/>`);
  t.deepEqual(parseTokenRequest(el), {});
});

test('response round-trips, alone or inside the IQ', (t) => {
  const grant = { token: 'sps_' + 'a'.repeat(43), expiresAt: new Date('2030-01-01T12:15:00.000Z') };
  const el = buildTokenResponse(grant);
  t.deepEqual(parseTokenResponse(el), grant);
  t.deepEqual(parseTokenResponse(xml('iq', { type: 'result' }, el)), grant);
});

test('malformed stanzas are refused', (t) => {
  t.throws(() => parseTokenRequest(xml('request', { xmlns: 'urn:other' })));
  t.throws(() => parseTokenRequest(xml('request', { xmlns: NS_GATEWAY_TOKEN }, xml('x'))));
  t.throws(() => parseTokenResponse(xml('token', { xmlns: NS_GATEWAY_TOKEN, expires: 'soon' }, 'sps_' + 'a'.repeat(43))));
  t.throws(() => parseTokenResponse(xml('token', { xmlns: NS_GATEWAY_TOKEN, expires: '2030-01-01T00:00:00Z' }, 'bad token <>')));
  t.throws(() => parseTokenResponse(xml('iq', { type: 'result' })));
});
