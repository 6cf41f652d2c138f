// Attack: a carbon forged by another JID (XEP-0280 §11). Mallory sends Alice a
// `<sent/>` carbon "from her own account" claiming Alice told Bob something.
import test from 'ava';
import { buildCarbon, parseCarbon, parseMamResult, buildMamResult, ProtocolParseError, xml } from '../../protocol/src/index.ts';

const inner = xml('message', { from: 'alice@localhost/phone', to: 'bob@localhost', type: 'chat' }, xml('body', {}, 'I owe Mallory 1000'));

test('a carbon from another account is refused as untrusted', (t) => {
  for (const from of ['mallory@localhost', 'mallory@localhost/x', 'localhost', 'alice@evil.example', 'alice@localhost/phone']) {
    const forged = buildCarbon({ ownJid: 'alice@localhost', to: 'alice@localhost/web', direction: 'sent', message: inner });
    forged.attrs.from = from;
    const err = t.throws(() => parseCarbon(forged, 'alice@localhost'), { instanceOf: ProtocolParseError }, from);
    t.is(err?.code, 'untrusted-sender', from);
  }
});

test('the genuine carbon from our bare JID is accepted', (t) => {
  const genuine = buildCarbon({ ownJid: 'alice@localhost', to: 'alice@localhost/web', direction: 'sent', message: inner });
  t.is(parseCarbon(genuine, 'alice@localhost/web')?.message.getChildText('body'), 'I owe Mallory 1000');
});

test('the same holds for archive results forged by another JID', (t) => {
  const forged = buildMamResult({ to: 'alice@localhost/web', from: 'mallory@localhost', queryId: 'q', archiveId: 'A', stamp: new Date(), message: inner });
  const err = t.throws(() => parseMamResult(forged, { ownJid: 'alice@localhost', queryId: 'q' }), { instanceOf: ProtocolParseError });
  t.is(err?.code, 'untrusted-sender');
});
