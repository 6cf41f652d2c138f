// Search over decrypted messages kept on this browser.
import { useApp } from '../context.ts';

export function SearchBox() {
  const { mailbox, controller, i18n } = useApp();
  const { t } = i18n;
  return (
    <div class="search" role="search">
      <label for="search" class="visually-hidden">
        {t('search.label')}
      </label>
      <input id="search" type="search" placeholder={t('search.placeholder')} aria-keyshortcuts="/"
        value={mailbox.searchQuery.value} onInput={(e) => void controller.mailbox.search(e.currentTarget.value)} />
    </div>
  );
}
