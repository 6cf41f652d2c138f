import test from 'ava';
import { buildAesgcmUrl, isAesgcmUrl, parseAesgcmUrl } from './aesgcmUrl.ts';
import { fromHex, randomBytes, toHex } from '../encoding.ts';
import { ProtocolParseError } from '../errors.ts';

// XEP-0454 §4 example.
const EXAMPLE =
  'aesgcm://download.montague.tld/4a771ac1-f0b2-4a4a-9700-f2a26fa2bb67/tr%C3%A8s%20cool.jpg#8c3d050e9386ec173861778f68e9af38a97aaf82faa4063b4d0878a61261534410c8a84331eaac851759f587';

test('parses the XEP-0454 example', (t) => {
  const url = parseAesgcmUrl(EXAMPLE);
  t.is(url.httpsUrl, 'https://download.montague.tld/4a771ac1-f0b2-4a4a-9700-f2a26fa2bb67/tr%C3%A8s%20cool.jpg');
  t.is(toHex(url.iv), '8c3d050e9386ec173861778f');
  t.is(toHex(url.key), '68e9af38a97aaf82faa4063b4d0878a61261534410c8a84331eaac851759f587');
});

test('builds the XEP-0454 example from its parts', (t) => {
  t.is(
    buildAesgcmUrl({
      httpsUrl: 'https://download.montague.tld/4a771ac1-f0b2-4a4a-9700-f2a26fa2bb67/tr%C3%A8s%20cool.jpg',
      iv: fromHex('8c3d050e9386ec173861778f'),
      key: fromHex('68e9af38a97aaf82faa4063b4d0878a61261534410c8a84331eaac851759f587'),
    }),
    EXAMPLE,
  );
});

test('round-trips 12- and 16-byte IVs, ports and query strings', (t) => {
  for (const ivLength of [12, 16]) {
    const parts = { httpsUrl: 'https://upload.localhost:5281/file_share/abc/x.bin?v=1', iv: randomBytes(ivLength), key: randomBytes(32) };
    const parsed = parseAesgcmUrl(buildAesgcmUrl(parts));
    t.is(parsed.httpsUrl, parts.httpsUrl);
    t.is(toHex(parsed.iv), toHex(parts.iv));
    t.is(toHex(parsed.key), toHex(parts.key));
  }
});

test('refuses non-https sources, wrong fragment lengths and other schemes', (t) => {
  t.throws(() => buildAesgcmUrl({ httpsUrl: 'http://x/y', iv: randomBytes(12), key: randomBytes(32) }), { instanceOf: ProtocolParseError });
  t.throws(() => buildAesgcmUrl({ httpsUrl: 'https://x/y', iv: randomBytes(8), key: randomBytes(32) }));
  t.false(isAesgcmUrl('aesgcm://x/y#' + 'a'.repeat(80)));
  t.false(isAesgcmUrl('https://x/y#' + 'a'.repeat(88)));
  t.false(isAesgcmUrl('aesgcm://x/y'));
  t.true(isAesgcmUrl(EXAMPLE));
});
