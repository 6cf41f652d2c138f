import test from 'ava';
import { createAddressResolver } from '../../security/clientAddress.ts';
import { forwardedHeaders } from './forwardedHeaders.ts';

const ctx = (trusted: string[] = []) => ({ host: 'example.org', resolveAddress: createAddressResolver(trusted) });

test('an untrusted peer: its X-Forwarded-* headers are replaced by what the gateway saw', (t) => {
  const f = forwardedHeaders('file_share', { 'x-forwarded-for': '127.0.0.1', 'x-forwarded-proto': 'https', host: 'evil' }, '203.0.113.7', ctx());
  t.is(f.headers['x-forwarded-for'], '203.0.113.7');
  t.is(f.headers['x-forwarded-proto'], 'http');
  t.is(f.headers['host'], 'example.org');
});

test('a trusted proxy: the client address and protocol come from its headers', (t) => {
  const f = forwardedHeaders('file_share', { 'x-forwarded-for': '127.0.0.1, 198.51.100.9', 'x-forwarded-proto': 'https' }, '10.0.0.2', ctx(['10.0.0.0/8']));
  t.is(f.headers['x-forwarded-for'], '198.51.100.9');
  t.is(f.headers['x-forwarded-proto'], 'https');
});

test('hop-by-hop headers, and headers named in Connection, are not forwarded', (t) => {
  const f = forwardedHeaders(
    'file_share',
    { connection: 'keep-alive, authorization, x-forwarded-for', authorization: 'Bearer x', 'transfer-encoding': 'chunked', te: 'trailers', upgrade: 'h2c', 'x-forwarded-for': '1.2.3.4', 'content-length': '3' },
    '10.0.0.2',
    ctx(['10.0.0.0/8']),
  );
  t.deepEqual(Object.keys(f.headers).sort(), ['content-length', 'host', 'x-forwarded-for', 'x-forwarded-proto']);
  t.is(f.headers['x-forwarded-for'], '10.0.0.2', 'a header the client asked to drop is not trusted either');
});

test('the WebSocket handshake forwards only its own headers', (t) => {
  const f = forwardedHeaders('websocket', { 'sec-websocket-key': 'k', 'sec-websocket-version': '13', 'sec-websocket-extensions': 'permessage-deflate', cookie: 'a=b', origin: 'http://localhost' }, '::1', ctx());
  t.deepEqual(Object.keys(f.headers).sort(), ['host', 'origin', 'sec-websocket-key', 'sec-websocket-version', 'x-forwarded-for', 'x-forwarded-proto']);
});
