import test from 'ava';
import { bareJid, isBareJid, parseJid, sameBareJid } from './jid.ts';

test('parses local, domain and resource', (t) => {
  t.deepEqual(parseJid('Alice@Example.ORG/Phone/x'), { local: 'alice', domain: 'example.org', resource: 'Phone/x' });
  t.deepEqual(parseJid('example.org'), { local: undefined, domain: 'example.org', resource: undefined });
});

test('bare JIDs are normalized for comparison (XEP-0373 §7.3)', (t) => {
  t.is(bareJid('Alice@Localhost/res'), 'alice@localhost');
  t.true(sameBareJid('ALICE@localhost', 'alice@LOCALHOST/x'));
  t.false(sameBareJid('alice@localhost', 'alice@localhost.evil'));
  t.false(sameBareJid('not a jid@', 'x'));
});

test('rejects malformed JIDs', (t) => {
  for (const bad of ['', '@localhost', 'a@', 'a@b@c', 'a b@c', 'a@b/', "a'b@c"]) t.throws(() => parseJid(bad), undefined, bad);
  t.true(isBareJid('a@b'));
  t.false(isBareJid('a@b/c'));
});
