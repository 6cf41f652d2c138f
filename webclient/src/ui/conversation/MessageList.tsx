// The loaded window of a conversation, oldest first, with day separators. Scrolling to the
// top loads older messages (cache, then server archive) while keeping the reading position.
import { useLayoutEffect, useRef } from 'preact/hooks';
import { useApp } from '../context.ts';
import { MessageItem } from './MessageItem.tsx';

export function MessageList() {
  const { mailbox, controller, i18n } = useApp();
  const { t } = i18n;
  const ref = useRef<HTMLOListElement>(null);
  const prev = useRef<{ first?: string; last?: string; height: number; top: number; atBottom: boolean }>({ height: 0, top: 0, atBottom: true });
  const messages = mailbox.messages.value;
  const history = mailbox.history.value;

  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    const first = messages[0]?.key;
    const lastMsg = messages[messages.length - 1];
    const last = lastMsg?.key;
    const p = prev.current;
    if (p.first === undefined) {
      el.scrollTop = el.scrollHeight; // opened: start at the newest
    } else if (first !== p.first && last === p.last) {
      el.scrollTop = p.top + (el.scrollHeight - p.height); // older messages above: keep the reading position
    } else if (last !== p.last && (p.atBottom || lastMsg?.dir === 'out')) {
      el.scrollTop = el.scrollHeight; // a new message while at the bottom, or one we sent
    }
    prev.current = { first, last, height: el.scrollHeight, top: el.scrollTop, atBottom: nearBottom(el) };
  }, [messages]);

  function onScroll() {
    const el = ref.current;
    if (!el) return;
    prev.current = { ...prev.current, height: el.scrollHeight, top: el.scrollTop, atBottom: nearBottom(el) };
    if (el.scrollTop < 80 && history === 'idle') void controller.mailbox.loadOlder();
  }

  let lastDay = '';
  return (
    <ol class="messages" ref={ref} onScroll={onScroll} aria-label={t('conv.messages')} data-testid="messages" tabIndex={0}>
      <li class="history-status">
        {history === 'complete' ? (
          <span class="muted">{t('conv.start')}</span>
        ) : (
          <button type="button" class="link" disabled={history === 'loading'} onClick={() => void controller.mailbox.loadOlder()}>
            {history === 'loading' ? t('conv.loading') : t('conv.older')}
          </button>
        )}
      </li>
      {messages.map((m) => {
        const day = new Date(m.ts).toDateString();
        const separator = day !== lastDay;
        lastDay = day;
        return [
          separator && (
            <li key={`day-${day}`} class="day" role="separator">
              <span>{i18n.day(m.ts)}</span>
            </li>
          ),
          <MessageItem key={m.key} message={m} />,
        ];
      })}
    </ol>
  );
}

function nearBottom(el: HTMLElement): boolean {
  return el.scrollHeight - el.scrollTop - el.clientHeight < 40;
}
