// One conversation in the list: who, when, subject and a decrypted preview, unread count.
import { memo } from 'preact/compat';
import type { ConversationRecord } from '../../storage/schema.ts';
import { useApp } from '../context.ts';
import { plainText, SafeText } from '../common/SafeText.tsx';

interface Props {
  conv: ConversationRecord;
  selected: boolean;
  tabbable: boolean;
  onOpen(): void;
}

function Item({ conv, selected, tabbable, onOpen }: Props) {
  const { i18n } = useApp();
  const { t } = i18n;
  const [local, domain] = splitJid(conv.peer);
  const preview = conv.security === 'failed' ? t('preview.failed') : conv.preview;
  const label = `${plainText(conv.peer)}. ${conv.unread ? t('list.unread', { count: conv.unread }) + '. ' : ''}${conv.subject ? plainText(conv.subject) + '. ' : ''}${plainText(preview)}`;
  return (
    <li>
      <button type="button" class={`conv${selected ? ' selected' : ''}${conv.unread ? ' unread' : ''}`} onClick={onOpen}
        aria-current={selected ? 'true' : undefined} tabIndex={tabbable ? 0 : -1} aria-label={label} data-peer={conv.peer}>
        <span class="avatar" aria-hidden="true">{(local[0] ?? '?').toUpperCase()}</span>
        <span class="conv-body">
          <span class="conv-top">
            <span class="conv-name">
              <SafeText text={local} />
              <span class="muted">@{domain}</span>
            </span>
            <time class="conv-time" dateTime={new Date(conv.lastTs).toISOString()}>{i18n.when(conv.lastTs)}</time>
          </span>
          <span class="conv-bottom">
            <span class="conv-preview">
              {conv.lastDir === 'out' && <span class="muted">{t('preview.you')} </span>}
              {conv.subject && <SafeText class="conv-subject" text={conv.subject} />}
              {conv.subject && ' — '}
              {conv.security === 'plain' && <span class="tag tag-warn">{t('security.plainShort')}</span>}
              <SafeText text={preview} class={conv.security === 'failed' ? 'failed' : undefined} />
            </span>
            {conv.unread > 0 && <span class="badge" aria-hidden="true">{conv.unread}</span>}
          </span>
        </span>
      </button>
    </li>
  );
}

export const ConversationItem = memo(Item, (a, b) => {
  const x = a.conv;
  const y = b.conv;
  const same = x === y || (x.peer === y.peer && x.lastTs === y.lastTs && x.unread === y.unread && x.preview === y.preview && x.subject === y.subject && x.security === y.security && x.lastDir === y.lastDir);
  return same && a.selected === b.selected && a.tabbable === b.tabbable;
});

function splitJid(jid: string): [string, string] {
  const at = jid.indexOf('@');
  return at < 0 ? [jid, ''] : [jid.slice(0, at), jid.slice(at + 1)];
}
