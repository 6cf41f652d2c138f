import test from 'ava';
import { commonPasswords, passwordProblem } from './passwordPolicy.ts';

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
