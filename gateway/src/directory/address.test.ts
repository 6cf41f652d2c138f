import test from 'ava';
import { normalizeAddress } from './address.ts';

test('addresses are normalised bare JIDs', (t) => {
  t.is(normalizeAddress('Alice@LocalHost'), 'alice@localhost');
  t.is(normalizeAddress('joe.doe@mail.example.org'), 'joe.doe@mail.example.org');
});

test('anything else is refused: no local part, resources, traversal, odd characters, overlong names', (t) => {
  for (const bad of [
    '', 'localhost', '@localhost', 'alice@', 'alice@localhost/res', '..', '../etc/passwd', 'alice@..', 'alice@a..b',
    'a%2fb@localhost', 'a\\b@localhost', 'a b@localhost', 'a\u0000b@localhost', 'al:ice@localhost', 'alice@local_host',
    `${'a'.repeat(65)}@localhost`, `alice@${'a'.repeat(300)}.org`, 'alice@-bad.org',
  ]) {
    t.is(normalizeAddress(bad), undefined, JSON.stringify(bad));
  }
});
