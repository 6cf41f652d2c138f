// Reply box with an optional subject. Enter sends, Shift+Enter adds a line. The draft is
// saved as it is typed (each change, in order), so it survives a reload.
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
  const [draftState, setDraftState] = useState<'none' | 'saving' | 'saved'>('none');
  const loaded = useRef(false);
  // What is typed before the stored draft has loaded wins over it, and is saved once it has.
  const typedEarly = useRef<{ body: string; subject: string } | undefined>(undefined);
  const saveSeq = useRef(0);

  useEffect(() => {
    loaded.current = false;
    typedEarly.current = undefined;
    setDraftState('none');
    let current = true;
    void controller.mailbox.loadDraft(peer).then((d) => {
      if (!current) return;
      loaded.current = true;
      const early = typedEarly.current;
      if (early) return save(early.body, early.subject);
      setBody(d?.body ?? '');
      setSubject(d?.subject ?? '');
      setShowSubject(Boolean(d?.subject));
      if (d) setDraftState('saved');
    });
    return () => {
      current = false;
    };
  }, [peer]);

  /** Saves at every change: IndexedDB applies the writes in order, and a reload loses nothing. */
  function save(nextBody: string, nextSubject: string) {
    if (!loaded.current) {
      typedEarly.current = { body: nextBody, subject: nextSubject };
      return;
    }
    const seq = ++saveSeq.current;
    setDraftState('saving');
    void controller.mailbox.saveDraft({ peer, to: peer, subject: nextSubject, body: nextBody }).then(
      () => seq === saveSeq.current && setDraftState(nextBody || nextSubject ? 'saved' : 'none'),
      () => seq === saveSeq.current && setDraftState('none'), // never claim "saved" when it was not
    );
  }

  async function send() {
    if (blocked || (!body.trim() && !subject.trim())) return;
    const outcome = await controller.mailbox.send(peer, body, subject);
    if (outcome.ok) {
      setBody('');
      setSubject('');
      setShowSubject(false);
      save('', '');
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
      <p class="hint">
        {t('composer.hint')}
        {draftState === 'saved' && <span class="draft-saved" data-testid="draft-saved"> · {t('composer.draftSaved')}</span>}
      </p>
    </form>
  );
}
