// PLAIN's password bytes: UTF-8 of the prepared password, one byte per character for btoa.
import test from 'ava';
import { plainPassword } from './plainPassword.ts';

const bytesOf = (binary: string) => Array.from(binary, (c) => c.charCodeAt(0));

test('ASCII passes as is', (t) => {
  t.is(plainPassword('pencil-pencil'), 'pencil-pencil');
});

test('non-ASCII goes out as the UTF-8 bytes of the prepared form (NFC, spaces mapped)', (t) => {
  t.deepEqual(bytesOf(plainPassword('e\u0301')), [0xc3, 0xa9]);
  t.deepEqual(bytesOf(plainPassword('a\u00a0b')), [0x61, 0x20, 0x62]);
  t.deepEqual(bytesOf(plainPassword('\u{1F600}')), [0xf0, 0x9f, 0x98, 0x80]);
  t.notThrows(() => btoa(plainPassword('пароль\u{1F600}')));
});
