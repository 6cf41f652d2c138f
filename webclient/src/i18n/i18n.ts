// Translations: every user-visible string goes through `t(key, params)`. Plurals use
// `key.one` / `key.few` / `key.many` / `key.other` chosen by Intl.PluralRules; `{name}` in a
// string is replaced by params.name. Missing keys fall back to English, then the key itself.
import { computed, signal } from '@preact/signals';
import { en } from './en.ts';
import { ro } from './ro.ts';
import { ru } from './ru.ts';

export type Messages = Record<keyof typeof en, string> | Record<string, string>;
export const LOCALES = { en, ro, ru } as const;
export type Locale = keyof typeof LOCALES;
export const LOCALE_NAMES: Record<Locale, string> = { en: 'English', ro: 'Română', ru: 'Русский' };

const STORAGE_KEY = 'sealpost.locale';

export function detectLocale(): Locale {
  const saved = typeof localStorage !== 'undefined' ? localStorage.getItem(STORAGE_KEY) : null;
  if (saved && saved in LOCALES) return saved as Locale;
  const langs = typeof navigator !== 'undefined' ? navigator.languages ?? [navigator.language] : [];
  for (const l of langs) {
    const base = l.toLowerCase().split('-')[0];
    if (base && base in LOCALES) return base as Locale;
  }
  return 'en';
}

export type Params = Record<string, string | number>;

type EnKey = keyof typeof en;
type PluralForm = 'one' | 'few' | 'many' | 'other';
type PluralBase<K> = K extends `${infer B}.${PluralForm}` ? B : never;
/** Every key the English table defines, plus plural bases: misspelt keys fail to compile. */
export type MessageKey = EnKey | PluralBase<EnKey>;

/** Narrows data (e.g. a stored failure reason) to a key the tables define. */
export function isMessageKey(key: string): key is MessageKey {
  return key in en || `${key}.other` in en;
}

export function createI18n(initial: Locale = detectLocale()) {
  const locale = signal<Locale>(initial);
  const plural = computed(() => new Intl.PluralRules(locale.value));
  const timeFmt = computed(() => new Intl.DateTimeFormat(locale.value, { hour: '2-digit', minute: '2-digit' }));
  const dayFmt = computed(() => new Intl.DateTimeFormat(locale.value, { weekday: 'long', year: 'numeric', month: 'long', day: 'numeric' }));
  const shortDayFmt = computed(() => new Intl.DateTimeFormat(locale.value, { month: 'short', day: 'numeric' }));

  function lookup(key: string): string | undefined {
    const table = LOCALES[locale.value] as Record<string, string>;
    return table[key] ?? (en as Record<string, string>)[key];
  }

  function t(key: MessageKey, params?: Params): string {
    let text: string | undefined;
    if (params && typeof params['count'] === 'number') {
      text = lookup(`${key}.${plural.value.select(params['count'])}`) ?? lookup(`${key}.other`);
    }
    text ??= lookup(key) ?? key;
    if (!params) return text;
    return text.replace(/\{(\w+)\}/g, (m, name: string) => (name in params ? String(params[name]) : m));
  }

  return {
    locale,
    t,
    setLocale(next: Locale): void {
      locale.value = next;
      localStorage.setItem(STORAGE_KEY, next);
      document.documentElement.lang = next;
    },
    time: (ts: number) => timeFmt.value.format(ts),
    day: (ts: number) => dayFmt.value.format(ts),
    /** Time today, else a short date: for the conversation list. */
    when(ts: number): string {
      const d = new Date(ts);
      const now = new Date();
      return d.toDateString() === now.toDateString() ? timeFmt.value.format(ts) : shortDayFmt.value.format(ts);
    },
  };
}

export type I18n = ReturnType<typeof createI18n>;
