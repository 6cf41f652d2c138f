import test from 'ava';
import { presentationOf, safeBlobType, safeFileName } from './safeType.ts';

test('only raster images and common videos are shown inline; HTML and SVG are download-only', (t) => {
  t.is(presentationOf('image/png'), 'image');
  t.is(presentationOf('video/webm'), 'video');
  for (const hostile of ['text/html', 'image/svg+xml', 'application/xhtml+xml', 'text/xml', undefined, '']) {
    t.is(presentationOf(hostile), 'file');
    t.is(safeBlobType(hostile), 'application/octet-stream');
  }
  t.is(safeBlobType('IMAGE/JPEG'), 'image/jpeg');
});

test('file names lose path parts and control characters, never become empty', (t) => {
  t.is(safeFileName('../../etc/passwd', 'x'), '_.._etc_passwd');
  t.is(safeFileName('a\u0000b\nc.txt', 'x'), 'a_b_c.txt');
  t.is(safeFileName('', 'Attachment'), 'Attachment');
  t.is(safeFileName('"><svg onload=alert(1)>.html', 'x'), '"><svg onload=alert(1)>.html');
});
