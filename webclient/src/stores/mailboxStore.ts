// Mailbox state as signals: conversations by activity, the open conversation's loaded
// window of messages, search, trust per contact and the compose form.
import { signal } from '@preact/signals';
import type { ConversationRecord, MessageRecord } from '../storage/schema.ts';
import type { TrustInfo } from '../session/trust.ts';
import type { MessageKey } from '../i18n/i18n.ts';

export interface UploadItem {
  id: string;
  peer: string;
  name: string;
  size: number;
  done: number;
  state: 'uploading' | 'failed' | 'too-large';
  /** The server's limit, for the too-large message. */
  maxFileSize?: number;
  /** Why it failed (an UploadError code, for diagnostics). */
  reason?: string;
}

export type View = { kind: 'empty' } | { kind: 'conversation'; peer: string } | { kind: 'compose' } | { kind: 'settings' } | { kind: 'admin' };

export function createMailboxStore() {
  return {
    conversations: signal<ConversationRecord[]>([]),
    view: signal<View>({ kind: 'empty' }),
    messages: signal<MessageRecord[]>([]),
    history: signal<'idle' | 'loading' | 'complete'>('idle'),
    searchQuery: signal(''),
    searchResults: signal<MessageRecord[] | undefined>(undefined),
    trust: signal<Record<string, TrustInfo>>({}),
    trustPanel: signal<string | undefined>(undefined),
    /** i18n key of a notice for the compose form or conversation (e.g. no key). */
    /** Files being encrypted and uploaded (or that failed and can be retried). */
    uploads: signal<UploadItem[]>([]),
    notice: signal<{ key: MessageKey; jid?: string } | undefined>(undefined),
  };
}

export type MailboxStore = ReturnType<typeof createMailboxStore>;
