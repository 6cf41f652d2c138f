// The composer's attachments: each file becomes one message once encrypted and uploaded.
// Progress, cancel and retry live in the mailbox store's `uploads` signal; a failed upload
// keeps its File in memory so "Retry" starts it again.
import type { Element } from '@sealpost/protocol';
import type { Attachment } from '../storage/schema.ts';
import type { MailboxStore, UploadItem } from '../stores/mailboxStore.ts';
import { UploadError, uploadFile } from './sendFile.ts';
import { discoverUploadService, type UploadService } from './uploadService.ts';

export interface UploadActionsDeps {
  mailbox: MailboxStore;
  iq(el: Element): Promise<Element>;
  domain(): string | undefined;
  /** Checks the contact's keys (false: a notice says why) and queues the message. */
  canSend(peer: string): Promise<boolean>;
  send(peer: string, body: string, attachments: Attachment[]): Promise<unknown>;
}

export function createUploadActions(deps: UploadActionsDeps) {
  const { mailbox } = deps;
  const files = new Map<string, File>();
  const aborts = new Map<string, AbortController>();
  let service: Promise<UploadService | undefined> | undefined;

  function getService(): Promise<UploadService | undefined> {
    const domain = deps.domain();
    if (!domain) return Promise.resolve(undefined);
    service ??= discoverUploadService(deps.iq, domain).catch(() => {
      service = undefined;
      return undefined;
    });
    return service;
  }

  function update(id: string, patch: Partial<UploadItem>): void {
    mailbox.uploads.value = mailbox.uploads.value.map((u) => (u.id === id ? { ...u, ...patch } : u));
  }
  function remove(id: string): void {
    mailbox.uploads.value = mailbox.uploads.value.filter((u) => u.id !== id);
    files.delete(id);
    aborts.delete(id);
  }

  async function run(id: string, peer: string, file: File): Promise<void> {
    const abort = new AbortController();
    aborts.set(id, abort);
    update(id, { state: 'uploading', done: 0 });
    let lastPaint = 0;
    try {
      const attachment = await uploadFile({ iq: deps.iq, service: getService }, file, abort.signal, (done) => {
        const now = performance.now();
        if (now - lastPaint < 100 && done < file.size) return; // repaint at most 10 times a second
        lastPaint = now;
        update(id, { done });
      });
      // The body is the URL (what other XEP-0454 clients expect); Sealpost hides it.
      await deps.send(peer, attachment.url, [attachment]);
      remove(id);
    } catch (err) {
      aborts.delete(id);
      if (err instanceof UploadError && err.code === 'aborted') return remove(id);
      if (err instanceof UploadError && err.code === 'too-large') {
        update(id, { state: 'too-large', ...(err.maxFileSize ? { maxFileSize: err.maxFileSize } : {}) });
        files.delete(id);
        return;
      }
      update(id, { state: 'failed', reason: err instanceof Error ? err.message : String(err) });
    }
  }

  return {
    /** Attach files to the conversation with `peer` (button, drop or paste). */
    async attach(peer: string, list: readonly File[]): Promise<void> {
      if (list.length === 0 || !(await deps.canSend(peer))) return;
      const svc = await getService();
      for (const file of list) {
        const id = crypto.randomUUID();
        const item: UploadItem = { id, peer, name: file.name || 'file', size: file.size, done: 0, state: 'uploading' };
        // Refused at once, before reading a byte, when the server's limit says so.
        if (svc?.maxFileSize !== undefined && file.size + 16 > svc.maxFileSize) {
          mailbox.uploads.value = [...mailbox.uploads.value, { ...item, state: 'too-large', maxFileSize: svc.maxFileSize }];
          continue;
        }
        files.set(id, file);
        mailbox.uploads.value = [...mailbox.uploads.value, item];
        void run(id, peer, file);
      }
    },
    cancel(id: string): void {
      const a = aborts.get(id);
      if (a) a.abort();
      else remove(id);
    },
    retry(id: string): void {
      const item = mailbox.uploads.value.find((u) => u.id === id);
      const file = files.get(id);
      if (item && file) void run(id, item.peer, file);
    },
    dismiss: (id: string) => remove(id),
  };
}

export type UploadActions = ReturnType<typeof createUploadActions>;
