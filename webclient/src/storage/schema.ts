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
  /**
   * The signcrypt's signed `<time/>` (XEP-0373 §3.1), ms: what the sender's clock said. Shown
   * when far from `ts`, never used to sort.
   */
  signedAt?: number;
  /** A XEP-0203 `<delay/>` stamp the sender put on the message itself, ms: a claim, never a sort time. */
  claimedAt?: number;
}

/**
 * The replay memory (protocol ox/replay.ts), one record per signcrypt digest, written in the
 * same transaction as the message it came with. Kept until the signed time leaves the window
 * the time check accepts (`expiresAt`), and at most a bounded number of entries.
 */
export interface ReplayRecord {
  /** SHA-256 (hex) of the signcrypt. */
  digest: string;
  /** Server-assigned id of the sighting (XEP-0359 stanza-id by our account, MAM id), when known. */
  occurrence?: string;
  expiresAt: number;
  /** The message it was stored as. */
  messageKey: string;
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
  replay: 'replay',
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
  // 2: the replay memory. Messages already cached were stored without the digest of their
  // signcrypt (only the decrypted content is kept), so no entry can be derived for them: those
  // received in the last accepted age (7 days) stay unprotected against a replay until the
  // signed time ages out; everything received from now on is remembered.
  (db) => {
    const replay = db.createObjectStore(STORES.replay, { keyPath: 'digest' });
    replay.createIndex('byExpiresAt', 'expiresAt');
  },
];

export function messageKey(peer: string, id: string): string {
  return `${peer} ${id}`;
}

export function searchText(body: string, subject: string | undefined): string {
  return `${subject ?? ''}\n${body}`.toLowerCase();
}
