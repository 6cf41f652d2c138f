// The sign-up form's password message: the shared preparation's verdict, translated.
import test from 'ava';
import { createI18n } from '../../i18n/i18n.ts';
import { newPasswordError } from './passwordProblem.ts';

test('refused passwords get the reason in the reader language, with the code point', (t) => {
  const { t: tr, locale } = createI18n('en');
  t.regex(newPasswordError(tr, 'soft\u00adhyphen-pw-1', 10)!, /invisible character \(U\+00AD\)/);
  t.regex(newPasswordError(tr, '\u05d0abcdefghijk', 10)!, /right-to-left/);
  t.regex(newPasswordError(tr, 'family\u{1F468}\u200d\u{1F469}pw', 10)!, /U\+200D/);
  locale.value = 'ru';
  t.regex(newPasswordError(tr, 'abc\uff21defghijk', 10)!, /U\+FF21/);
  t.regex(newPasswordError(tr, 'abc\uff21defghijk', 10)!, /символ/);
  locale.value = 'ro';
  t.regex(newPasswordError(tr, '\ue000abcdefghijk', 10)!, /uz privat/);
});

test('accepted passwords pass; length counts the prepared form; empty says nothing yet', (t) => {
  const { t: tr } = createI18n('en');
  t.is(newPasswordError(tr, 'correct horse battery', 10), undefined);
  t.is(newPasswordError(tr, 'emoji\u{1F600}password', 10), undefined);
  t.regex(newPasswordError(tr, 'e\u0301'.repeat(6), 10)!, /at least 10/);
  t.is(newPasswordError(tr, '', 10), undefined);
});
