// The per-account IndexedDB schema. Migrations are numbered and append-only (migration i
// brings the database to version i+1); each is exercised by storage tests.
import type { Migration } from './idb.ts';

export type Security = 'ox' | 'plain' | 'failed';
export type DeliveryState = 'queued' | 'sending' | 'sent' | 'delivered' | 'read' | 'error';

export interface Attachment {
  /** aesgcm:// (XEP-0454) or https:// (XEP-0066); never linkified. */
  url: string;
  desc?: string;
  /** XEP-0446 metadata, when the sender gave it (inside the encrypted payload). */
  name?: string;
  size?: number;
  mediaType?: string;
  width?: number;
  height?: number;
  /** Duration of a video, ms. */
  length?: number;
  /** `data:image/jpeg;base64,...` (checked on parse: raster types only). */
  thumbnail?: string;
}

export interface MessageRecord {
  /** `${peer} ${id}`: one record per message per conversation. */
  key: string;
  /** The id chosen by the sender (XEP-0359 origin-id / message id). */
  id: string;
  /** Bare JID of the other party. */
  peer: string;
  dir: 'in' | 'out';
  /** Sort time, ms since epoch (server time for received messages). */
  ts: number;
  body: string;
  subject?: string;
  attachments?: Attachment[];
  security: Security;
  /** Why an encrypted message could not be read (OX failure reason). */
  failure?: string;
  /** Outgoing messages only. */
  state?: DeliveryState;
  /** Server archive id (XEP-0313/XEP-0359), when known. */
  archiveId?: string;
  /** Fingerprint that signed an OX message. */
  signer?: string;
  /** Signed by a key the user has not accepted (yet). */
  unacceptedKey?: boolean;
  /** Lower-cased body and subject, for search. */
  text: string;
}

export interface ConversationRecord {
  peer: string;
  lastTs: number;
  preview: string;
  subject?: string;
  lastDir: 'in' | 'out';
  security: Security;
  unread: number;
}

export interface OutboxRecord {
  id: string;
  peer: string;
  createdAt: number;
}

export interface DraftRecord {
  /** Peer bare JID, or '' for the new-message form. */
  peer: string;
  to: string;
  subject: string;
  body: string;
}

export interface ContactKeysRecord {
  jid: string;
  /** Fingerprints the user accepted (first use, or explicitly). */
  pinned: string[];
  /** Fingerprints the user verified in person (QR code or comparison code). */
  verified: string[];
  /** Fingerprints the contact announces now (XEP-0373 §4.2). */
  announced: string[];
  /** Binary public keys, base64, by fingerprint. */
  keys: Record<string, string>;
  updatedAt: number;
}

export interface MetaRecord {
  key: string;
  value: unknown;
}

export const STORES = {
  messages: 'messages',
  conversations: 'conversations',
  outbox: 'outbox',
  drafts: 'drafts',
  contacts: 'contacts',
  meta: 'meta',
} as const;

export const MIGRATIONS: readonly Migration[] = [
  (db) => {
    const messages = db.createObjectStore(STORES.messages, { keyPath: 'key' });
    messages.createIndex('byPeerTs', ['peer', 'ts']);
    messages.createIndex('byId', 'id');
    messages.createIndex('byArchiveId', 'archiveId');
    const conversations = db.createObjectStore(STORES.conversations, { keyPath: 'peer' });
    conversations.createIndex('byLastTs', 'lastTs');
    db.createObjectStore(STORES.outbox, { keyPath: 'id' });
    db.createObjectStore(STORES.drafts, { keyPath: 'peer' });
    db.createObjectStore(STORES.contacts, { keyPath: 'jid' });
    db.createObjectStore(STORES.meta, { keyPath: 'key' });
  },
];

export function messageKey(peer: string, id: string): string {
  return `${peer} ${id}`;
}

export function searchText(body: string, subject: string | undefined): string {
  return `${subject ?? ''}\n${body}`.toLowerCase();
}
