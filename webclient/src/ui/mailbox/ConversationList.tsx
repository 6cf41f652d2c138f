// Conversations by latest activity. Arrow keys move between them (one tab stop for the list).
import { useEffect, useRef, useState } from 'preact/hooks';
import { useApp } from '../context.ts';
import { ConversationItem } from './ConversationItem.tsx';

const FIRST_CHUNK = 40;
const NEXT_CHUNK = 160;

export function ConversationList() {
  const { mailbox, controller, i18n } = useApp();
  const { t } = i18n;
  const list = useRef<HTMLUListElement>(null);
  const conversations = mailbox.conversations.value;
  const view = mailbox.view.value;
  const selected = view.kind === 'conversation' ? view.peer : undefined;
  // The first screenful renders at once; the rest follows in chunks, so a big mailbox shows
  // without waiting for a thousand rows.
  const [limit, setLimit] = useState(FIRST_CHUNK);
  useEffect(() => {
    if (limit >= conversations.length) return;
    const timer = setTimeout(() => setLimit((l) => l + NEXT_CHUNK), 0);
    return () => clearTimeout(timer);
  }, [limit, conversations.length]);

  function onKeyDown(e: KeyboardEvent) {
    if (e.key !== 'ArrowDown' && e.key !== 'ArrowUp' && e.key !== 'Home' && e.key !== 'End') return;
    const buttons = [...(list.current?.querySelectorAll<HTMLButtonElement>('button.conv') ?? [])];
    const i = buttons.indexOf(document.activeElement as HTMLButtonElement);
    const next = e.key === 'Home' ? 0 : e.key === 'End' ? buttons.length - 1 : e.key === 'ArrowDown' ? Math.min(buttons.length - 1, i + 1) : Math.max(0, i - 1);
    buttons[next]?.focus();
    e.preventDefault();
  }

  if (conversations.length === 0) return <p class="muted pad">{t('list.empty')}</p>;
  const focusable = selected ?? conversations[0]?.peer;
  return (
    <ul class="conversations" ref={list} onKeyDown={onKeyDown} aria-label={t('list.label')} data-testid="conversations">
      {conversations.slice(0, limit).map((c) => (
        <ConversationItem key={c.peer} conv={c} selected={c.peer === selected} tabbable={c.peer === focusable}
          onOpen={() => void controller.mailbox.open(c.peer)} />
      ))}
    </ul>
  );
}
