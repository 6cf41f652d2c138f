import test from 'ava';
import { createAddressResolver, isLoopback } from './clientAddress.ts';

test('without trusted proxies the socket address wins over any header', (t) => {
  const resolve = createAddressResolver([]);
  t.is(resolve('203.0.113.9', '198.51.100.1'), '203.0.113.9');
  t.is(resolve('::ffff:203.0.113.9', undefined), '203.0.113.9');
});

test('a trusted proxy passes on the first untrusted hop from the right', (t) => {
  const resolve = createAddressResolver(['10.0.0.0/8', '::1']);
  t.is(resolve('10.1.2.3', '198.51.100.7'), '198.51.100.7');
  t.is(resolve('10.1.2.3', '6.6.6.6, 198.51.100.7, 10.9.9.9'), '198.51.100.7', 'a client-forged leftmost entry is ignored');
  t.is(resolve('::1', '2001:db8::5'), '2001:db8::5');
  t.is(resolve('10.1.2.3', '10.2.2.2'), '10.2.2.2', 'all hops trusted: the leftmost');
  t.is(resolve('10.1.2.3', 'not-an-ip'), '10.1.2.3');
  t.is(resolve('203.0.113.9', '198.51.100.7'), '203.0.113.9', 'header from an untrusted peer ignored');
});

test('loopback addresses', (t) => {
  t.true(isLoopback('127.0.0.1'));
  t.true(isLoopback('::1'));
  t.true(isLoopback('::ffff:127.0.0.1'));
  t.false(isLoopback('10.0.0.1'));
  t.false(isLoopback(undefined));
});
