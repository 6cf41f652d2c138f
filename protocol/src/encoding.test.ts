import test from 'ava';
import { bytesEqual, fromBase64, fromHex, randomBytes, toBase64, toHex, utf8Decode, utf8Encode } from './encoding.ts';
import { ProtocolParseError } from './errors.ts';

// RFC 4648 §10 test vectors.
const VECTORS: [string, string][] = [
  ['', ''],
  ['f', 'Zg=='],
  ['fo', 'Zm8='],
  ['foo', 'Zm9v'],
  ['foob', 'Zm9vYg=='],
  ['fooba', 'Zm9vYmE='],
  ['foobar', 'Zm9vYmFy'],
];

test('base64 matches the RFC 4648 vectors both ways', (t) => {
  for (const [plain, encoded] of VECTORS) {
    t.is(toBase64(utf8Encode(plain)), encoded);
    t.is(utf8Decode(fromBase64(encoded)), plain);
  }
});

test('base64 round-trips random bytes of every length mod 3 and ignores XML whitespace', (t) => {
  for (let n = 0; n < 70; n++) {
    const bytes = randomBytes(n);
    const wrapped = toBase64(bytes).replace(/(.{16})/g, '$1\n ');
    t.true(bytesEqual(fromBase64(wrapped), bytes));
  }
});

test('base64 rejects bad characters, bad length and oversized input before decoding', (t) => {
  t.throws(() => fromBase64('Zm9v!'), { instanceOf: ProtocolParseError });
  t.throws(() => fromBase64('Zm9'), { instanceOf: ProtocolParseError });
  t.throws(() => fromBase64('Z==='), { instanceOf: ProtocolParseError });
  const err = t.throws(() => fromBase64('A'.repeat(4000), 1000), { instanceOf: ProtocolParseError });
  t.is(err?.code, 'xml-limit');
  t.is(fromBase64('A'.repeat(1000), 750).length, 750);
});

test('hex round-trips and rejects odd or non-hex input', (t) => {
  const bytes = randomBytes(33);
  t.true(bytesEqual(fromHex(toHex(bytes)), bytes));
  t.is(toHex(new Uint8Array([0, 15, 255])), '000fff');
  t.throws(() => fromHex('abc'));
  t.throws(() => fromHex('zz'));
});

test('utf8Decode is strict', (t) => {
  t.is(utf8Decode(utf8Encode('très → 🐘')), 'très → 🐘');
  t.throws(() => utf8Decode(new Uint8Array([0xc3, 0x28])), { instanceOf: ProtocolParseError });
});

test('bytesEqual compares content and length', (t) => {
  t.true(bytesEqual(new Uint8Array([1, 2]), new Uint8Array([1, 2])));
  t.false(bytesEqual(new Uint8Array([1, 2]), new Uint8Array([1, 3])));
  t.false(bytesEqual(new Uint8Array([1]), new Uint8Array([1, 0])));
});
