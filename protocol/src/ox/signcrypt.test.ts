import test from 'ava';
import { buildSigncrypt, parseSigncrypt } from './signcrypt.ts';
import { oxPayload, type OxPayload } from './payload.ts';
import { overTheWire } from '../xml/testWire.ts';
import { parseXml } from '../xml/parse.ts';
import { xml } from '../xml/element.ts';
import { MAX_RPAD_LENGTH, randomPadding } from './rpad.ts';
import { ProtocolParseError } from '../errors.ts';

const payload: OxPayload = oxPayload({
  body: 'Meet at <noon> & bring "tea"',
  subject: 'Plans',
  thread: 'th-1',
  attachments: [{ url: 'aesgcm://upload.localhost/x.jpg#' + 'a'.repeat(88), desc: 'photo' }, { url: 'https://example.org/y' }],
  receiptRequest: true,
});

test('a signcrypt with every payload part survives build -> string -> parse', (t) => {
  const time = new Date('2024-05-01T12:00:00.000Z');
  const el = overTheWire(buildSigncrypt({ to: ['Bob@Localhost/phone', 'carol@localhost'], time, payload }));
  const parsed = parseSigncrypt(el);
  t.deepEqual(parsed.to, ['bob@localhost', 'carol@localhost']);
  t.is(parsed.time.getTime(), time.getTime());
  t.deepEqual({ ...parsed.payload, extensions: [] }, payload);
});

test('unknown payload children are kept as extensions', (t) => {
  const el = overTheWire(
    buildSigncrypt({ to: ['b@c'], time: new Date(), payload: oxPayload({ body: 'x', extensions: [xml('markable', { xmlns: 'urn:xmpp:chat-markers:0' })] }) }),
  );
  const ext = parseSigncrypt(el).payload.extensions;
  t.is(ext.length, 1);
  t.true(ext[0]!.is('markable', 'urn:xmpp:chat-markers:0'));
});

test('bodies in jabber:server or without a namespace are accepted (XEP-0374 §5)', (t) => {
  const stamp = `<time stamp='2024-01-01T00:00:00Z'/>`;
  const a = parseXml(`<signcrypt xmlns='urn:xmpp:openpgp:0'><to jid='b@c'/>${stamp}<payload><body xmlns='jabber:server'>A</body></payload></signcrypt>`);
  const b = parseXml(`<signcrypt xmlns='urn:xmpp:openpgp:0'><to jid='b@c'/>${stamp}<payload><body>B</body></payload></signcrypt>`);
  t.is(parseSigncrypt(a).payload.body, 'A');
  t.is(parseSigncrypt(b).payload.body, 'B');
});

test('schema violations are refused (XEP-0373 §3.1 table)', (t) => {
  const bad = [
    `<signcrypt xmlns='urn:xmpp:openpgp:0'><time stamp='2024-01-01T00:00:00Z'/><payload/></signcrypt>`, // no <to>
    `<signcrypt xmlns='urn:xmpp:openpgp:0'><to jid='b@c'/><payload/></signcrypt>`, // no <time>
    `<signcrypt xmlns='urn:xmpp:openpgp:0'><to jid='b@c'/><time stamp='2024-01-01T00:00:00Z'/><time stamp='2024-01-01T00:00:00Z'/><payload/></signcrypt>`,
    `<signcrypt xmlns='urn:xmpp:openpgp:0'><to jid='b@c'/><time stamp='2024-01-01T00:00:00Z'/></signcrypt>`, // no <payload>
    `<signcrypt xmlns='urn:xmpp:openpgp:0'><to jid='b@c'/><time stamp='yesterday'/><payload/></signcrypt>`,
    `<signcrypt xmlns='urn:xmpp:openpgp:0'><to/><time stamp='2024-01-01T00:00:00Z'/><payload/></signcrypt>`,
    `<crypt xmlns='urn:xmpp:openpgp:0'><time stamp='2024-01-01T00:00:00Z'/><payload/></crypt>`, // XEP-0374: signcrypt only
    `<signcrypt xmlns='urn:other'><to jid='b@c'/><time stamp='2024-01-01T00:00:00Z'/><payload/></signcrypt>`,
    `<signcrypt xmlns='urn:xmpp:openpgp:0'><to jid='b@c'/><time stamp='2024-01-01T00:00:00Z'/><payload><body>1</body><body>2</body></payload></signcrypt>`,
  ];
  for (const text of bad) t.throws(() => parseSigncrypt(parseXml(text)), { instanceOf: ProtocolParseError }, text);
});

test('padding has random length within bounds and random content', (t) => {
  const lengths = new Set<number>();
  for (let i = 0; i < 200; i++) {
    const pad = randomPadding();
    t.true(pad.length <= MAX_RPAD_LENGTH);
    t.regex(pad, /^[A-Za-z0-9_-]*$/);
    lengths.add(pad.length);
  }
  t.true(lengths.size > 50);
});
