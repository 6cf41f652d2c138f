import test from 'ava';
import { addressOfLocalPart, normalizeAddress } from './address.ts';

test('addresses are normalised bare JIDs', (t) => {
  t.is(normalizeAddress('Alice@LocalHost'), 'alice@localhost');
  t.is(normalizeAddress('joe.doe@mail.example.org'), 'joe.doe@mail.example.org');
});

test('anything else is refused: no local part, resources, traversal, odd characters, overlong names', (t) => {
  for (const bad of [
    '', 'localhost', '@localhost', 'alice@', 'alice@localhost/res', '..', '../etc/passwd', 'alice@..', 'alice@a..b',
    'a%2fb@localhost', 'a\\b@localhost', 'a b@localhost', 'a\u0000b@localhost', 'al:ice@localhost', 'alice@local_host',
    `${'a'.repeat(65)}@localhost`, `alice@${'a'.repeat(300)}.org`, 'alice@-bad.org', 'q\ufffe@localhost', 'a\ud800@localhost',
  ]) {
    t.is(normalizeAddress(bad), undefined, JSON.stringify(bad));
  }
});

test('a local part on its own (WKD ?l=) names a bare account of the given domain, or nothing', (t) => {
  t.is(addressOfLocalPart('Joe.Doe', 'localhost'), 'joe.doe@localhost');
  for (const bad of ['', 'probe@evil.example', 'probe@evil.example/x', 'alice@localhost/phone', 'alice/phone', 'a\u0001b', 'al:ice']) {
    t.is(addressOfLocalPart(bad, 'localhost'), undefined, JSON.stringify(bad));
  }
});
