import test from 'ava';
import { buildPayloadChildren, oxPayload, parsePayloadChildren, parseXml, xml } from '@sealpost/protocol';
import { attachmentPayload, attachmentsFromPayload, oobAttachments } from './payload.ts';

test('attachments with metadata and thumbnail survive the OX payload round trip', (t) => {
  const files = [
    { url: `aesgcm://example.org/f/1.bin#${'a'.repeat(24)}${'b'.repeat(64)}`, desc: 'cat.jpg', name: 'cat.jpg', size: 1234, mediaType: 'image/jpeg', width: 640, height: 480, thumbnail: 'data:image/jpeg;base64,AAAA' },
    { url: `aesgcm://example.org/f/2.bin#${'c'.repeat(24)}${'d'.repeat(64)}`, desc: 'clip.webm', name: 'clip.webm', size: 99, mediaType: 'video/webm', length: 2500 },
  ];
  const children = buildPayloadChildren(oxPayload({ body: files[0]!.url, ...attachmentPayload(files) }));
  const parsed = parsePayloadChildren(parseXml(xml('payload', { xmlns: 'urn:xmpp:openpgp:0' }, ...children).toString()));
  t.deepEqual(attachmentsFromPayload(parsed), files);
});

test('a plain message with jabber:x:oob gives an attachment named after the URL', (t) => {
  const msg = parseXml("<message xmlns='jabber:client'><body>https://h/f/x/report.txt</body><x xmlns='jabber:x:oob'><url>https://h/f/x/report.txt</url></x></message>");
  t.deepEqual(oobAttachments(msg), [{ url: 'https://h/f/x/report.txt', name: 'report.txt' }]);
});
