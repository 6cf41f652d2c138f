// Reply box with an optional subject. Enter sends, Shift+Enter adds a line. The draft is
// saved as it is typed, so it survives a reload.
import { useEffect, useRef, useState } from 'preact/hooks';
import { useApp } from '../context.ts';
import { UploadList } from '../files/UploadList.tsx';

export function Composer({ peer, blocked, replySubject }: { peer: string; blocked: boolean; replySubject?: string | undefined }) {
  const { controller, mailbox, i18n } = useApp();
  const { t } = i18n;
  const [body, setBody] = useState('');
  const [subject, setSubject] = useState('');
  const [showSubject, setShowSubject] = useState(false);
  const [dragging, setDragging] = useState(false);
  const loaded = useRef(false);
  const saveTimer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);

  useEffect(() => {
    loaded.current = false;
    void controller.mailbox.loadDraft(peer).then((d) => {
      setBody(d?.body ?? '');
      setSubject(d?.subject ?? '');
      setShowSubject(Boolean(d?.subject));
      loaded.current = true;
    });
  }, [peer]);

  function save(nextBody: string, nextSubject: string) {
    if (!loaded.current) return;
    clearTimeout(saveTimer.current);
    saveTimer.current = setTimeout(() => void controller.mailbox.saveDraft({ peer, to: peer, subject: nextSubject, body: nextBody }), 250);
  }

  async function send() {
    if (blocked || (!body.trim() && !subject.trim())) return;
    const outcome = await controller.mailbox.send(peer, body, subject);
    if (outcome.ok) {
      clearTimeout(saveTimer.current);
      setBody('');
      setSubject('');
      setShowSubject(false);
      await controller.mailbox.saveDraft({ peer, to: peer, subject: '', body: '' });
    }
  }

  function attach(list: FileList | null | undefined) {
    const files = list ? Array.from(list) : [];
    if (!blocked && files.length) void controller.files.attach(peer, files);
  }

  const notice = mailbox.notice.value;
  return (
    <form class={`composer${dragging ? ' dragging' : ''}`} onSubmit={(e) => { e.preventDefault(); void send(); }} aria-label={t('composer.label')}
      onDragOver={(e) => {
        if (!e.dataTransfer?.types.includes('Files')) return;
        e.preventDefault();
        setDragging(true);
      }}
      onDragLeave={() => setDragging(false)}
      onDrop={(e) => {
        e.preventDefault();
        setDragging(false);
        attach(e.dataTransfer?.files);
      }}>
      <UploadList peer={peer} />
      {dragging && <p class="drop-hint">{t('files.dropHere')}</p>}
      {notice && <p class="banner banner-warn" role="alert">{t(notice.key, { jid: notice.jid ?? peer })}</p>}
      {showSubject && (
        <div class="field inline">
          <label for="reply-subject">{t('compose.subject')}</label>
          <input id="reply-subject" value={subject} placeholder={replySubject ?? ''} disabled={blocked}
            onInput={(e) => { setSubject(e.currentTarget.value); save(body, e.currentTarget.value); }} />
        </div>
      )}
      <div class="composer-row">
        <label for="reply-body" class="visually-hidden">{t('composer.body')}</label>
        <textarea id="reply-body" rows={2} value={body} disabled={blocked} data-testid="composer"
          placeholder={blocked ? t('composer.blocked') : t('composer.placeholder')}
          onInput={(e) => { setBody(e.currentTarget.value); save(e.currentTarget.value, subject); }}
          onPaste={(e) => {
            if (e.clipboardData?.files.length) {
              e.preventDefault();
              attach(e.clipboardData.files);
            }
          }}
          onKeyDown={(e) => {
            if (e.key === 'Enter' && !e.shiftKey && !e.isComposing) {
              e.preventDefault();
              void send();
            }
          }} />
        <div class="composer-actions">
          <label class={`button attach${blocked ? ' disabled' : ''}`}>
            <span aria-hidden="true">📎</span> {t('files.attach')}
            <input type="file" multiple class="visually-hidden" disabled={blocked} data-testid="attach-input"
              onChange={(e) => { attach(e.currentTarget.files); e.currentTarget.value = ''; }} />
          </label>
          {!showSubject && (
            <button type="button" class="link" onClick={() => setShowSubject(true)} disabled={blocked}>
              {t('composer.addSubject')}
            </button>
          )}
          <button type="submit" class="primary" disabled={blocked} data-testid="send">
            {t('composer.send')}
          </button>
        </div>
      </div>
      <p class="hint">{t('composer.hint')}</p>
    </form>
  );
}
