import test from 'ava';
import { checkUsername } from './usernamePolicy.ts';

const bad = (raw: string) => {
  const r = checkUsername(raw);
  return r.ok ? undefined : r.problem;
};

test('uppercase and full-width forms normalise to lowercase ASCII', (t) => {
  t.deepEqual(checkUsername('Alice'), { ok: true, username: 'alice' });
  t.deepEqual(checkUsername('ＢＯＢ'), { ok: true, username: 'bob' });
  t.deepEqual(checkUsername('j.doe-2_x'), { ok: true, username: 'j.doe-2_x' });
});

test('characters XMPP localparts forbid are refused', (t) => {
  for (const raw of ['A@b', 'a/b', 'a b', ' alice', 'a:b', 'a"b', "a'b", 'a&b', 'a<b', 'a>b']) t.truthy(bad(raw), raw);
});

test('control, zero-width and other invisible characters are refused', (t) => {
  for (const raw of ['al\u0000ice', 'al\u0007ice', 'al\u200bice', 'al\u200dice', 'al\ufeffice', 'al\u2028ice', 'ali\nce', 'al\u00adice']) t.truthy(bad(raw), JSON.stringify(raw));
});

test('length limits', (t) => {
  t.truthy(bad(''));
  t.truthy(bad('a'.repeat(1000)));
  t.truthy(bad('a'.repeat(33)));
  t.deepEqual(checkUsername('a'.repeat(32)), { ok: true, username: 'a'.repeat(32) });
  t.deepEqual(checkUsername('a'), { ok: true, username: 'a' });
});

test('shape: letters or digits at both ends, no double dots, no other scripts', (t) => {
  for (const raw of ['.alice', 'alice.', '-bob', 'bob_', 'a..b', 'аlice' /* Cyrillic а */, 'émile', '😀']) t.truthy(bad(raw), raw);
});

test('reserved names are refused unless allowed (admin-created accounts)', (t) => {
  for (const raw of ['admin', 'Root', 'postmaster', 'ABUSE']) t.is(bad(raw), 'this name is reserved', raw);
  t.deepEqual(checkUsername('admin', { allowReserved: true }), { ok: true, username: 'admin' });
});
