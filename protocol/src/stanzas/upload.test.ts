import test from 'ava';
import { buildUploadSlot, buildUploadSlotRequest, parseUploadSlot, uploadErrorMaxSize, uploadSizeLimit } from './upload.ts';
import { iqResult, overTheWire } from '../xml/testWire.ts';
import { parseXml } from '../xml/parse.ts';
import { ProtocolParseError } from '../errors.ts';

test('the slot request carries filename, size and content type', (t) => {
  const el = overTheWire(buildUploadSlotRequest({ to: 'upload.localhost', filename: 'très cool.jpg', size: 1234, contentType: 'image/jpeg' }));
  const request = el.getChild('request', 'urn:xmpp:http:upload:0');
  t.deepEqual(request?.attrs, { xmlns: 'urn:xmpp:http:upload:0', filename: 'très cool.jpg', size: '1234', 'content-type': 'image/jpeg' });
  t.is(el.attrs.to, 'upload.localhost');
});

test('a slot round-trips; only allowed headers survive, without newlines (§5)', (t) => {
  const slot = {
    putUrl: 'https://upload.localhost/put/abc/file.bin',
    putHeaders: { Authorization: 'Bearer x', Cookie: 'a=b', Expires: 'tomorrow' },
    getUrl: 'https://upload.localhost/get/abc/file.bin',
  };
  t.deepEqual(parseUploadSlot(iqResult(buildUploadSlot(slot))), slot);
  const hostile = parseXml(
    `<slot xmlns='urn:xmpp:http:upload:0'><put url='https://u/p'><header name='Authorization'>Bearer a\r\nX-Evil: 1</header><header name='Host'>evil</header></put><get url='https://u/g'/></slot>`,
  );
  t.deepEqual(parseUploadSlot(iqResult(hostile)).putHeaders, { Authorization: 'Bearer aX-Evil: 1' });
});

test('slots with non-https URLs are refused (plain http only on loopback)', (t) => {
  const bad = buildUploadSlot({ putUrl: 'http://upload.example/p', putHeaders: {}, getUrl: 'https://upload.example/g' });
  t.throws(() => parseUploadSlot(iqResult(bad)), { instanceOf: ProtocolParseError });
  const loop = buildUploadSlot({ putUrl: 'http://127.0.0.1:5280/p', putHeaders: {}, getUrl: 'http://127.0.0.1:5280/g' });
  t.is(parseUploadSlot(iqResult(loop)).getUrl, 'http://127.0.0.1:5280/g');
});

test('file-too-large errors and disco limits expose max-file-size', (t) => {
  const error = parseXml(
    `<iq type='error' id='s'><error type='modify'><not-acceptable xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/><file-too-large xmlns='urn:xmpp:http:upload:0'><max-file-size>10485760</max-file-size></file-too-large></error></iq>`,
  );
  t.is(uploadErrorMaxSize(error), 10485760);
  const err = t.throws(() => parseUploadSlot(error), { instanceOf: ProtocolParseError });
  t.is(err?.condition, 'not-acceptable');
  t.is(
    uploadSizeLimit({
      identities: [],
      features: ['urn:xmpp:http:upload:0'],
      forms: [{ type: 'result', formType: 'urn:xmpp:http:upload:0', fields: [{ var: 'max-file-size', values: ['5000'] }] }],
    }),
    5000,
  );
});
