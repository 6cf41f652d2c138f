// Messages matching the search, newest first; choosing one opens its conversation.
import { useApp } from '../context.ts';
import { SafeText } from '../common/SafeText.tsx';

export function SearchResults() {
  const { mailbox, controller, i18n } = useApp();
  const { t } = i18n;
  const results = mailbox.searchResults.value ?? [];
  return (
    <section class="search-results" aria-live="polite" aria-label={t('search.results', { count: results.length })}>
      <p class="muted pad">{t('search.results', { count: results.length })}</p>
      <ul class="conversations">
        {results.map((m) => (
          <li key={m.key}>
            <button type="button" class="conv" onClick={() => {
              void controller.mailbox.search('');
              void controller.mailbox.open(m.peer);
            }}>
              <span class="conv-body">
                <span class="conv-top">
                  <span class="conv-name"><SafeText text={m.peer} /></span>
                  <time class="conv-time">{i18n.when(m.ts)}</time>
                </span>
                <span class="conv-preview">
                  {m.subject && <SafeText class="conv-subject" text={m.subject} />}
                  {m.subject && ' — '}
                  <SafeText text={m.body.slice(0, 200)} />
                </span>
              </span>
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
