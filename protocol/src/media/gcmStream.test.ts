import test from 'ava';
import { CHUNK_BYTES, createDecryptStream, createEncryptStream, type MediaCipherParams } from './gcmStream.ts';
import { decryptMedia, encryptMedia, generateMediaParams } from './oneShot.ts';
import { bytesEqual, fromHex, randomBytes, toHex } from '../encoding.ts';
import { CryptoError } from '../errors.ts';

function source(data: Uint8Array, piece: number): ReadableStream<Uint8Array> {
  let offset = 0;
  return new ReadableStream({
    pull(controller) {
      if (offset >= data.length) return controller.close();
      controller.enqueue(data.slice(offset, offset + piece));
      offset += piece;
    },
  });
}

async function collect(stream: ReadableStream<Uint8Array>): Promise<Uint8Array> {
  const parts: Uint8Array[] = [];
  const reader = stream.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    parts.push(value);
  }
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}

const encrypt = (p: MediaCipherParams, data: Uint8Array, piece = 4099) => collect(source(data, piece).pipeThrough(createEncryptStream(p)));
const decrypt = (p: MediaCipherParams, data: Uint8Array, piece = 5003) => collect(source(data, piece).pipeThrough(createDecryptStream(p)));

test('GCM test case 15 (AES-256, 96-bit IV): streamed output equals the published vector', async (t) => {
  const p = { key: fromHex('feffe9928665731c6d6a8f9467308308feffe9928665731c6d6a8f9467308308'), iv: fromHex('cafebabefacedbaddecaf888') };
  const plain = fromHex(
    'd9313225f88406e5a55909c5aff5269a86a7a9531534f7da2e4c303d8a318a721c3c0c95956809532fcf0e2449a6b525b16aedf5aa0de657ba637b391aafd255',
  );
  const out = await encrypt(p, plain, 7);
  t.is(
    toHex(out),
    '522dc1f099567d07f47f37a32a84427d643a8cdcbfe5c0c97598a2bd2555d1aa8cb08e48590dbb3da7b08b1056828838c5f61e6393ba7a0abcc9f662898015ad' +
      'b094dac5d93471bdec1a502270e3cc6c',
  );
  t.true(bytesEqual(await decrypt(p, out, 3), plain));
});

const SIZES = [0, 1, 15, 16, 17, 255, 4096, CHUNK_BYTES - 1, CHUNK_BYTES, CHUNK_BYTES + 1, CHUNK_BYTES + 16, 3 * CHUNK_BYTES + 123, 1_000_003];

for (const ivLength of [12, 16]) {
  test(`streams equal WebCrypto AES-GCM both ways for many sizes (${ivLength}-byte IV)`, async (t) => {
    for (const size of SIZES) {
      const p = { key: randomBytes(32), iv: randomBytes(ivLength) };
      const plain = randomBytes(size);
      const reference = await encryptMedia(p, plain);
      t.true(bytesEqual(await encrypt(p, plain), reference), `encrypt ${size}`);
      t.true(bytesEqual(await decrypt(p, reference), plain), `decrypt ${size}`);
    }
  });
}

test('input chunking does not change the output', async (t) => {
  const p = generateMediaParams();
  const plain = randomBytes(CHUNK_BYTES * 2 + 999);
  const reference = await encryptMedia(p, plain);
  for (const piece of [1024 * 1024, CHUNK_BYTES, 16, 65536 + 1]) {
    t.true(bytesEqual(await encrypt(p, plain, piece), reference), `piece ${piece}`);
  }
  t.true(bytesEqual(await decrypt(p, reference, 17), plain));
});

async function decryptError(p: MediaCipherParams, data: Uint8Array): Promise<string> {
  try {
    await decrypt(p, data);
    return 'no error';
  } catch (err) {
    return err instanceof CryptoError ? err.code : String(err);
  }
}

test('a flipped bit anywhere, a wrong key or a truncation errors the stream', async (t) => {
  const p = generateMediaParams();
  const plain = randomBytes(CHUNK_BYTES + 5000);
  const ciphertext = await encryptMedia(p, plain);
  for (const position of [0, 100, CHUNK_BYTES + 3, ciphertext.length - 17, ciphertext.length - 1]) {
    const tampered = ciphertext.slice();
    tampered[position]! ^= 1;
    t.is(await decryptError(p, tampered), 'auth-failed', `bit at ${position}`);
  }
  t.is(await decryptError({ ...p, key: randomBytes(32) }, ciphertext), 'auth-failed');
  t.is(await decryptError(p, ciphertext.slice(0, ciphertext.length - 1)), 'auth-failed');
  t.is(await decryptError(p, ciphertext.slice(0, 10)), 'truncated');
});

test('one-shot decryption refuses tampered data and returns nothing', async (t) => {
  const p = generateMediaParams();
  const ciphertext = await encryptMedia(p, randomBytes(100));
  ciphertext[3]! ^= 0x80;
  const err = await t.throwsAsync(decryptMedia(p, ciphertext), { instanceOf: CryptoError });
  t.is(err?.code, 'auth-failed');
});

test('bad key and IV sizes are refused', async (t) => {
  const err = await t.throwsAsync(encrypt({ key: randomBytes(16), iv: randomBytes(12) }, randomBytes(10)));
  t.true(err instanceof CryptoError);
  await t.throwsAsync(encrypt({ key: randomBytes(32), iv: randomBytes(8) }, randomBytes(10)));
  const p = generateMediaParams();
  t.is(p.key.length, 32);
  t.is(p.iv.length, 12);
});
