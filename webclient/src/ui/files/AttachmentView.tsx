// One received or sent attachment. Pictures and videos: the thumbnail from the encrypted
// payload first, the decrypted full size on click (blob typed from a short allow-list).
// Everything else, HTML and SVG included, is only ever downloaded (application/octet-stream),
// under its name. aesgcm:// URLs are never shown as links: the fragment is the key.
import { useEffect, useRef, useState } from 'preact/hooks';
import { isAesgcmUrl } from '@sealpost/protocol/media/aesgcmUrl.ts';
import type { Attachment } from '../../storage/schema.ts';
import { downloadDecrypted, downloadPlain, TransferError } from '../../files/transfer.ts';
import { presentationOf, safeBlobType, safeFileName } from '../../files/safeType.ts';
import { useApp } from '../context.ts';
import { SafeText } from '../common/SafeText.tsx';
import { formatSize } from './formatSize.ts';

/** How long a decrypted file outlives its view (spool files are removed after). */
const RELEASE_AFTER_MS = 5 * 60_000;

type State = { kind: 'idle' } | { kind: 'loading'; done: number; total: number } | { kind: 'ready'; url: string } | { kind: 'error'; tampered: boolean };

export function AttachmentView({ attachment: a }: { attachment: Attachment }) {
  const { i18n } = useApp();
  const { t } = i18n;
  const [state, setState] = useState<State>({ kind: 'idle' });
  const abort = useRef<AbortController | undefined>(undefined);
  const encrypted = isAesgcmUrl(a.url);
  const kind = presentationOf(a.mediaType);
  const name = safeFileName(a.name ?? a.desc, t('msg.attachment'));

  const held = useRef<{ url: string; release(): Promise<void> } | undefined>(undefined);
  useEffect(() => () => {
    abort.current?.abort();
    const h = held.current;
    if (h) {
      URL.revokeObjectURL(h.url);
      // A save to disk started from this view may still be reading the spool file.
      setTimeout(() => void h.release(), RELEASE_AFTER_MS);
    }
  }, []);

  async function fetchBlob(): Promise<string | undefined> {
    if (state.kind === 'ready') return state.url;
    const ctl = new AbortController();
    abort.current = ctl;
    setState({ kind: 'loading', done: 0, total: a.size ?? 0 });
    let last = 0;
    const progress = (done: number, total: number) => {
      const now = performance.now();
      if (now - last < 100) return;
      last = now;
      setState({ kind: 'loading', done, total: total || a.size || 0 });
    };
    try {
      const type = safeBlobType(a.mediaType);
      const expected = a.size ?? 0;
      const got = encrypted ? await downloadDecrypted(a.url, type, expected, ctl.signal, progress) : await downloadPlain(a.url, 'application/octet-stream', expected, ctl.signal, progress);
      const url = URL.createObjectURL(got.blob);
      held.current = { url, release: got.release };
      setState({ kind: 'ready', url });
      return url;
    } catch (err) {
      if (err instanceof TransferError && err.code === 'aborted') setState({ kind: 'idle' });
      else setState({ kind: 'error', tampered: err instanceof TransferError && err.code === 'auth-failed' });
      return undefined;
    }
  }

  // What the person asked for, so that Retry after a failure does the same.
  const wanted = useRef<'show' | 'download'>('show');

  async function download() {
    wanted.current = 'download';
    const url = await fetchBlob();
    if (!url) return;
    const link = document.createElement('a');
    link.href = url;
    link.download = name;
    link.rel = 'noopener';
    document.body.append(link);
    link.click();
    link.remove();
  }

  const inline = encrypted && (kind === 'image' || kind === 'video');
  const meta = [a.size !== undefined ? formatSize(a.size) : undefined, a.width && a.height ? `${a.width}×${a.height}` : undefined, a.length !== undefined ? duration(a.length) : undefined]
    .filter(Boolean)
    .join(' · ');

  return (
    <figure class={`attachment attachment-${inline ? kind : 'file'}`} data-testid="attachment" data-kind={inline ? kind : 'file'} data-name={name}>
      {inline && state.kind === 'ready' && kind === 'image' && <img class="full" src={state.url} alt={name} data-testid="attachment-full" />}
      {inline && state.kind === 'ready' && kind === 'video' && <video class="full" src={state.url} controls data-testid="attachment-video" />}
      {inline && state.kind !== 'ready' && (
        <button type="button" class="thumb" onClick={() => { wanted.current = 'show'; void fetchBlob(); }} aria-label={kind === 'image' ? t('files.showFull') : t('files.playVideo')} data-testid="attachment-open">
          {a.thumbnail ? <img src={a.thumbnail} alt="" width={a.width && a.height ? undefined : 160} data-testid="attachment-thumb" /> : <span class="thumb-placeholder" aria-hidden="true">{kind === 'video' ? '▶' : '🖼'}</span>}
          {kind === 'video' && <span class="play" aria-hidden="true">▶</span>}
        </button>
      )}
      <figcaption>
        <span class="file-name"><SafeText text={name} /></span>
        {meta && <small class="file-meta"> {meta}</small>}
        {!encrypted && <span class="tag tag-warn">{t('files.unencryptedLink')}</span>}
        {/* A plain link is shown as text to copy (never a link); an aesgcm:// one never (its fragment is the key). */}
        {!encrypted && <code class="file-url" data-testid="attachment-url"><SafeText text={a.url} /></code>}
        <button type="button" class="link" onClick={() => void download()} data-testid="attachment-download">{t('files.download')}</button>
        {state.kind === 'loading' && (
          <>
            <progress max={Math.max(state.total, 1)} value={state.done} aria-label={t('files.downloading')} data-testid="download-progress" />
            <button type="button" class="link" onClick={() => abort.current?.abort()}>{t('files.cancel')}</button>
          </>
        )}
        {state.kind === 'error' && (
          <span role="alert" data-testid="download-error">
            {state.tampered ? t('files.tampered') : t('files.downloadFailed')}{' '}
            {!state.tampered && <button type="button" class="link" onClick={() => void (wanted.current === 'download' ? download() : fetchBlob())}>{t('files.retry')}</button>}
          </span>
        )}
      </figcaption>
    </figure>
  );
}

function duration(ms: number): string {
  const s = Math.round(ms / 1000);
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
}
