// Translations: plural forms per language, parameters, fallbacks.
import test from 'ava';
import { createI18n, isMessageKey, LOCALES } from './i18n.ts';
import { en } from './en.ts';

test('plural forms follow each language', (t) => {
  const i18n = createI18n('en');
  t.is(i18n.t('list.unread', { count: 1 }), '1 unread message');
  t.is(i18n.t('list.unread', { count: 5 }), '5 unread messages');
  i18n.locale.value = 'ru';
  t.is(i18n.t('list.unread', { count: 1 }), '1 непрочитанное сообщение');
  t.is(i18n.t('list.unread', { count: 3 }), '3 непрочитанных сообщения');
  t.is(i18n.t('list.unread', { count: 11 }), '11 непрочитанных сообщений');
  i18n.locale.value = 'ro';
  t.is(i18n.t('list.unread', { count: 1 }), '1 mesaj necitit');
  t.is(i18n.t('list.unread', { count: 2 }), '2 mesaje necitite');
  t.is(i18n.t('list.unread', { count: 25 }), '25 de mesaje necitite');
});

test('parameters are substituted as text', (t) => {
  const i18n = createI18n('en');
  t.is(i18n.t('trust.noKey', { jid: '<b>x</b>@y' }).startsWith('<b>x</b>@y has no encryption key'), true);
});

test('every language has every string, none empty', (t) => {
  for (const [name, table] of Object.entries(LOCALES)) {
    for (const key of Object.keys(en)) t.true(((table as Record<string, string>)[key] ?? '').trim().length > 0, `${name}: ${key}`);
  }
});

test('stored failure reasons map to keys, unknown ones do not', (t) => {
  t.true(isMessageKey('failure.bad-signature'));
  t.true(isMessageKey('list.unread'));
  t.false(isMessageKey('failure.__proto__x'));
});
