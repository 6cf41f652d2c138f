// One message. Text is rendered as text only (SafeText). Messages that failed verification
// show why, never their content; unencrypted ones are marked; ours show delivery state.
import { memo } from 'preact/compat';
import type { MessageRecord } from '../../storage/schema.ts';
import { useApp } from '../context.ts';
import { SafeText } from '../common/SafeText.tsx';
import { isMessageKey } from '../../i18n/i18n.ts';
import { AttachmentView } from '../files/AttachmentView.tsx';
import { dateNote } from '../../session/arrivalTime.ts';

const STATE_GLYPH: Record<string, string> = { queued: '◷', sending: '…', sent: '✓', delivered: '✓✓', read: '✓✓', error: '!' };

function Item({ message: m }: { message: MessageRecord }) {
  const { i18n } = useApp();
  const { t } = i18n;
  const cls = ['msg', `msg-${m.dir}`, `sec-${m.security}`, m.state ? `state-${m.state}` : ''].join(' ');
  // Sorted by arrival; a date the sender chose is shown as what it is (arrivalTime.ts).
  const note = dateNote(m);
  return (
    <li class={cls} data-testid="message" data-id={m.id} data-security={m.security} data-state={m.state} data-ts={m.ts}>
      <article class="bubble" aria-label={m.dir === 'out' ? t('msg.fromYou') : t('msg.fromThem')}>
        {m.security === 'failed' ? (
          <div class="failed" role="note">
            <strong>{t('msg.failedTitle')}</strong>
            <p>{t(failureKey(m.failure))}</p>
          </div>
        ) : (
          <>
            {m.subject && (
              <p class="subject">
                <SafeText text={m.subject} />
              </p>
            )}
            {/* A file message's body is its URL (for other clients): not shown, never a link. */}
            {!m.attachments?.some((a) => a.url === m.body.trim()) && (
              <p class="body">
                <SafeText text={m.body} />
              </p>
            )}
            {m.attachments?.map((a) => <AttachmentView key={a.url} attachment={a} />)}
          </>
        )}
        {note && (
          <p class="date-note" role="note" data-testid="date-note">
            {t(note.kind === 'claimed' ? 'msg.dateClaimed' : 'msg.dateSigned', { date: `${i18n.day(note.at)} ${i18n.time(note.at)}` })}
          </p>
        )}
        <footer class="meta">
          {m.security === 'plain' && <span class="tag tag-warn" data-testid="unencrypted">{t('security.plain')}</span>}
          {m.unacceptedKey && <span class="tag tag-warn">{t('security.unacceptedKey')}</span>}
          <time dateTime={new Date(m.ts).toISOString()}>{i18n.time(m.ts)}</time>
          {m.dir === 'out' && m.state && (
            <span class={`state state-${m.state}`} title={t(`state.${m.state}`)}>
              <span aria-hidden="true">{STATE_GLYPH[m.state]}</span>
              <span class="visually-hidden">{t(`state.${m.state}`)}</span>
            </span>
          )}
        </footer>
      </article>
    </li>
  );
}

// Reloads hand back new objects for the same message: compare what can change.
export const MessageItem = memo(Item, (a, b) => {
  const x = a.message;
  const y = b.message;
  return x === y || (x.key === y.key && x.state === y.state && x.security === y.security && x.body === y.body && x.unacceptedKey === y.unacceptedKey && x.ts === y.ts && x.signedAt === y.signedAt && x.claimedAt === y.claimedAt);
});

function failureKey(reason: string | undefined) {
  const key = `failure.${reason ?? 'malformed'}`;
  return isMessageKey(key) ? key : 'failure.malformed';
}
