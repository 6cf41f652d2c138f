import test from 'ava';
import { xml } from './element.ts';
import { findForbiddenXmlChar, isXmlText, sanitizeXmlText } from './chars.ts';

test('XML 1.0 §2.2 Char: tab, newline, CR and printable text pass; controls, U+FFFE/U+FFFF and lone surrogates do not', (t) => {
  for (const ok of ['', 'plain', 'tab\there', 'line\nbreak\r', 'é ✓ 𝄞', '\uE000\uFFFD']) t.true(isXmlText(ok), JSON.stringify(ok));
  for (const bad of ['\u0000', 'a\u0001b', '\u0008', '\u000B', '\u001F', '\uFFFE', '\uFFFF', '\uD800', 'x\uDC00']) t.false(isXmlText(bad), JSON.stringify(bad));
});

test('finds a forbidden character in an attribute or text anywhere in the tree', (t) => {
  t.is(findForbiddenXmlChar(xml('iq', { to: 'a@b' }, xml('query', {}, xml('item', { v: 'ok' }, 'fine')))), undefined);
  t.regex(findForbiddenXmlChar(xml('iq', { to: 'a\u0001@b' }))!, /attribute 'to' of <iq>/);
  t.regex(findForbiddenXmlChar(xml('iq', {}, xml('query', {}, xml('value', {}, 'x\u0007'))))!, /text of <value>/);
});

test('sanitizeXmlText replaces what XML forbids and keeps the rest', (t) => {
  t.is(sanitizeXmlText("invalid JID 'a\u0001b' ✓\n"), "invalid JID 'a\uFFFDb' ✓\n");
});
