// Write to any address, as in email: recipient, optional subject, message. Before sending we
// look up the recipient's key and say so plainly if there is none (nothing goes out in clear).
import { useEffect, useRef, useState } from 'preact/hooks';
import { useApp } from '../context.ts';
import { Field } from '../common/Field.tsx';

export function NewMessage() {
  const { controller, mailbox, i18n } = useApp();
  const { t } = i18n;
  const [to, setTo] = useState('');
  const [subject, setSubject] = useState('');
  const [body, setBody] = useState('');
  const [busy, setBusy] = useState(false);
  const loaded = useRef(false);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);

  useEffect(() => {
    void controller.mailbox.loadDraft('').then((d) => {
      if (d) {
        setTo(d.to);
        setSubject(d.subject);
        setBody(d.body);
      }
      loaded.current = true;
    });
    document.getElementById('compose-to')?.focus();
  }, []);

  function save(next: { to?: string; subject?: string; body?: string }) {
    if (!loaded.current) return;
    clearTimeout(timer.current);
    const draft = { peer: '', to, subject, body, ...next };
    timer.current = setTimeout(() => void controller.mailbox.saveDraft(draft), 250);
  }

  const notice = mailbox.notice.value;
  return (
    <section class="compose" aria-labelledby="compose-title">
      <header class="conv-header">
        <button type="button" class="back" onClick={() => controller.mailbox.show({ kind: 'empty' })} aria-label={t('conv.back')}>
          ←
        </button>
        <h2 id="compose-title">{t('compose.title')}</h2>
      </header>
      <form
        class="stack pad"
        onSubmit={async (e) => {
          e.preventDefault();
          setBusy(true);
          const outcome = await controller.mailbox.send(to, body, subject);
          setBusy(false);
          if (outcome.ok) {
            clearTimeout(timer.current);
            await controller.mailbox.saveDraft({ peer: '', to: '', subject: '', body: '' });
            await controller.mailbox.open(outcome.peer);
          }
        }}
      >
        {notice && (
          <p class="banner banner-warn" role="alert" data-testid="compose-notice">
            {t(notice.key, { jid: notice.jid ?? to })}
          </p>
        )}
        <Field id="compose-to" label={t('compose.to')} hint={t('compose.toHint')} type="email" inputMode="email" required
          autocomplete="off" value={to} onInput={(e) => { setTo(e.currentTarget.value); save({ to: e.currentTarget.value }); }} />
        <Field id="compose-subject" label={t('compose.subjectOptional')} value={subject}
          onInput={(e) => { setSubject(e.currentTarget.value); save({ subject: e.currentTarget.value }); }} />
        <div class="field">
          <label for="compose-body">{t('compose.body')}</label>
          <textarea id="compose-body" rows={8} value={body} required
            onInput={(e) => { setBody(e.currentTarget.value); save({ body: e.currentTarget.value }); }} />
        </div>
        <div class="actions">
          <button class="primary" type="submit" disabled={busy} data-testid="compose-send">
            {busy ? t('compose.checking') : t('compose.send')}
          </button>
        </div>
        <p class="hint">{t('compose.e2e')}</p>
      </form>
    </section>
  );
}
