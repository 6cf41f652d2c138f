import test from 'ava';
import { xml } from '@sealpost/protocol';
import { assertSendable, isValidJid, isValidLocalpart, StanzaRefusedError } from './stanzaGuard.ts';

test('JIDs per RFC 7622: bare, full, domain-only and IP literals pass', (t) => {
  for (const ok of ['localhost', 'alice@localhost', 'alice@localhost/phone 1', 'gateway.example.org', 'a@[::1]', 'a@example.org.', 'a@b/c@d/e']) t.true(isValidJid(ok), ok);
});

test('malformed JIDs are refused: empty parts, forbidden localpart characters, controls, spaces in the domain, two @', (t) => {
  for (const bad of ['', '@localhost', 'alice@', 'alice@localhost/', 'a b@localhost', 'a"b@localhost', "a'b@x", 'a<b@x', 'a:b@x', 'a\u0001b@x', 'alice@x/\u0007', 'alice@evil example', 'alice@bob@localhost', 'a@x..y', `${'a'.repeat(1024)}@x`]) {
    t.false(isValidJid(bad), JSON.stringify(bad));
  }
  t.true(isValidLocalpart('joe.doe'));
  t.false(isValidLocalpart('joe@evil.example'));
  t.false(isValidLocalpart('joe/x'));
});

test('stanzas with forbidden characters or bad addresses are refused before sending', (t) => {
  t.notThrows(() => assertSendable(xml('iq', { to: 'localhost', type: 'get' }, xml('query', {}, 'fine'))));
  t.throws(() => assertSendable(xml('iq', { to: 'localhost' }, xml('query', {}, 'a\u0001'))), { instanceOf: StanzaRefusedError, message: /XML 1.0/ });
  t.throws(() => assertSendable(xml('iq', { to: 'a\u0001@localhost' })), { instanceOf: StanzaRefusedError });
  t.throws(() => assertSendable(xml('iq', {})), { instanceOf: StanzaRefusedError, message: /'to'/ });
  t.throws(() => assertSendable(xml('iq', { to: 'localhost', from: 'x y' })), { instanceOf: StanzaRefusedError, message: /'from'/ });
});
