// Language choice (remembered on this browser).
import { LOCALE_NAMES, type Locale } from '../../i18n/i18n.ts';
import { useApp } from '../context.ts';

export function LanguageSelect() {
  const { i18n } = useApp();
  return (
    <div class="field inline">
      <label for="language">{i18n.t('settings.language')}</label>
      <select id="language" value={i18n.locale.value} onChange={(e) => i18n.setLocale(e.currentTarget.value as Locale)}>
        {(Object.keys(LOCALE_NAMES) as Locale[]).map((l) => (
          <option key={l} value={l} lang={l}>
            {LOCALE_NAMES[l]}
          </option>
        ))}
      </select>
    </div>
  );
}
