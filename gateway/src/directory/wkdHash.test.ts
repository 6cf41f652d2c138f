import test from 'ava';
import { WKD_HASH, wkdHash, zbase32 } from './wkdHash.ts';

test('WKD hashes match the draft and the shared vectors', (t) => {
  t.is(wkdHash('joe.doe'), 'iy9q119eutrkn8s1mk4r39qejnbu3n5q');
  t.is(wkdHash('Joe.Doe'), 'iy9q119eutrkn8s1mk4r39qejnbu3n5q', 'the local part is lowercased first');
  t.is(wkdHash('test1'), 'stnkabub89rpcphiz4ppbxixkwyt1pic');
  t.regex(wkdHash('alice'), WKD_HASH);
});

test('z-base-32 encodes bit groups most significant first', (t) => {
  t.is(zbase32(new Uint8Array([])), '');
  t.is(zbase32(new Uint8Array([0])), 'yy');
  t.is(zbase32(new Uint8Array([0xff])), '9h');
  t.is(zbase32(new Uint8Array(20)).length, 32);
});
