import test from 'ava';
import { checkPassword, commonPasswords, passwordProblem } from './passwordPolicy.ts';

test('the shipped list holds thousands of lowercase entries', (t) => {
  const list = commonPasswords();
  t.true(list.size > 5000);
  t.true(list.has('password123'));
  t.true(list.has('1234567890'));
});

test('short, long, control characters, common and username-like passwords are refused', (t) => {
  t.regex(passwordProblem('short')!, /at least 10/);
  t.regex(passwordProblem('x'.repeat(1025))!, /at most/);
  t.regex(passwordProblem('good\u0000password')!, /control/);
  t.regex(passwordProblem('Password123')!, /common/);
  t.regex(passwordProblem('qwertyuiop')!, /common/);
  t.regex(passwordProblem('alice12345', 'alice')!, /username/);
});

test('a reasonable password passes, non-ASCII counted by characters', (t) => {
  t.is(passwordProblem('correct horse battery', 'alice'), undefined);
  t.is(passwordProblem('ünïcödé-pässwörd'), undefined);
  t.is(passwordProblem('alice-has-a-long-passphrase', 'alice'), undefined);
});

test('the policy checks the prepared password (RFC 8265 OpaqueString) and returns it', (t) => {
  t.deepEqual(checkPassword('cafe\u0301-latte-pw', 'alice'), { ok: true, password: 'caf\u00e9-latte-pw' });
  t.deepEqual(checkPassword('no\u00a0break-space'), { ok: true, password: 'no break-space' });
  t.regex(passwordProblem('soft\u00adhyphen-pw-1')!, /invisible.*U\+00AD/);
  t.regex(passwordProblem('heart\u2764\ufe0fpassword')!, /U\+FE0F/);
  t.regex(passwordProblem('\u05d0abcdefghijk')!, /right-to-left/);
  t.regex(passwordProblem('\ue000abcdefghijk')!, /private-use/);
  t.regex(passwordProblem('abc\uff21defghijk')!, /compatibility/);
  // Length counts the prepared form: ten NFD characters are five after NFC.
  t.regex(passwordProblem('e\u0301'.repeat(5))!, /at least 10/);
});
