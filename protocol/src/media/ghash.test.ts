import test from 'ava';
import { Ghash } from './ghash.ts';
import { fromHex, toHex } from '../encoding.ts';

// McGrew & Viega, "The Galois/Counter Mode of Operation", test cases 2 and 4 (AES-128 H values:
// GHASH itself does not depend on the AES key size).
test('GHASH test case 2: one ciphertext block, no AAD', (t) => {
  const g = new Ghash(fromHex('66e94bd4ef8a2c3b884cfa59ca342b2e'));
  g.update(fromHex('0388dace60b6a392f328c2b971b2fe78'));
  t.is(toHex(g.finish(0, 16)), 'f38cbb1ad69223dcc3457ae5b6b0f885');
});

test('GHASH test case 4: partial AAD and partial last ciphertext block', (t) => {
  const g = new Ghash(fromHex('b83b533708bf535d0aa6e52980d53b78'));
  const aad = fromHex('feedfacedeadbeeffeedfacedeadbeefabaddad2');
  const padded = new Uint8Array(32);
  padded.set(aad);
  g.update(padded);
  g.update(
    fromHex('42831ec2217774244b7221b784d0d49ce3aa212f2c02a4e035c17e2329aca12e21d514b25466931c7d8f6a5aac84aa051ba30b396a0aac973d58e091'),
  );
  t.is(toHex(g.finish(20, 60)), '698e57f70e6ecc7fd9463b7260a9ae5f');
});

test('GHASH refuses data after a partial block and a key of the wrong size', (t) => {
  const g = new Ghash(new Uint8Array(16));
  g.update(new Uint8Array(5));
  t.throws(() => g.update(new Uint8Array(16)));
  t.throws(() => new Ghash(new Uint8Array(15)));
});
