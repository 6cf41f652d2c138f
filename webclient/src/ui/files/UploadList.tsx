// Files on their way out of this conversation: progress, cancel, retry, and why one was refused.
import { useApp } from '../context.ts';
import { SafeText } from '../common/SafeText.tsx';
import { formatSize } from './formatSize.ts';

export function UploadList({ peer }: { peer: string }) {
  const { mailbox, controller, i18n } = useApp();
  const { t } = i18n;
  const items = mailbox.uploads.value.filter((u) => u.peer === peer);
  if (items.length === 0) return null;
  return (
    <ul class="uploads" aria-label={t('files.uploads')}>
      {items.map((u) => (
        <li key={u.id} class={`upload upload-${u.state}`} data-testid="upload" data-state={u.state} data-reason={u.reason}>
          <span class="upload-name"><SafeText text={u.name} /> <small>{formatSize(u.size)}</small></span>
          {u.state === 'uploading' && (
            <>
              <progress max={Math.max(u.size, 1)} value={u.done} aria-label={t('files.uploading')} />
              <button type="button" class="link" onClick={() => controller.files.cancel(u.id)}>{t('files.cancel')}</button>
            </>
          )}
          {u.state === 'failed' && (
            <>
              <span role="alert">{t('files.failed')}</span>
              <button type="button" class="link" onClick={() => controller.files.retry(u.id)}>{t('files.retry')}</button>
              <button type="button" class="link" onClick={() => controller.files.dismiss(u.id)}>{t('files.dismiss')}</button>
            </>
          )}
          {u.state === 'too-large' && (
            <>
              <span role="alert" data-testid="too-large">
                {u.maxFileSize ? t('files.tooLarge', { max: formatSize(u.maxFileSize) }) : t('files.tooLargeUnknown')}
              </span>
              <button type="button" class="link" onClick={() => controller.files.dismiss(u.id)}>{t('files.dismiss')}</button>
            </>
          )}
        </li>
      ))}
    </ul>
  );
}
