// One conversation: header with the contact's trust state, messages, and the reply box
// (blocked, with an explanation, while the contact has no key or a changed one).
import { useEffect } from 'preact/hooks';
import { useApp } from '../context.ts';
import { SafeText } from '../common/SafeText.tsx';
import { Composer } from './Composer.tsx';
import { MessageList } from './MessageList.tsx';
import { TrustBanner } from './TrustBanner.tsx';

export function ConversationView({ peer }: { peer: string }) {
  const { mailbox, controller, i18n } = useApp();
  const { t } = i18n;
  const trust = mailbox.trust.value[peer];
  const status = trust?.status ?? 'unknown';
  const blocked = status === 'changed' || status === 'no-key';
  const lastSubject = [...mailbox.messages.value].reverse().find((m) => m.subject)?.subject;

  useEffect(() => {
    document.getElementById('conversation-title')?.focus();
  }, [peer]);

  return (
    <section class="conversation" aria-labelledby="conversation-title">
      <header class="conv-header">
        <button type="button" class="back" onClick={() => controller.mailbox.show({ kind: 'empty' })} aria-label={t('conv.back')}>
          ←
        </button>
        <h2 id="conversation-title" tabIndex={-1}>
          <SafeText text={peer} />
        </h2>
        <button type="button" class={`trust-chip trust-${status}`} onClick={() => (mailbox.trustPanel.value = peer)}
          data-testid="trust-chip" aria-haspopup="dialog">
          {t(`trust.status.${status}`)}
        </button>
      </header>
      <TrustBanner peer={peer} />
      <MessageList />
      <Composer peer={peer} blocked={blocked} replySubject={lastSubject} />
    </section>
  );
}
