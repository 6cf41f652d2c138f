// Repository over one account's IndexedDB: messages with their conversation summaries kept
// in the same transaction, outbox, drafts, contacts' keys and small settings.
import { deleteDatabase, done, openDatabase, req } from './idb.ts';
import {
  type ContactKeysRecord, type ConversationRecord, type DeliveryState, type DraftRecord, messageKey, type MessageRecord,
  type MetaRecord, MIGRATIONS, type OutboxRecord, type ReplayRecord, STORES,
} from './schema.ts';

const STATE_ORDER: Record<DeliveryState, number> = { error: 0, queued: 1, sending: 2, sent: 3, delivered: 4, read: 5 };
const PREVIEW_CHARS = 140;
/** One microsecond, in ms: the spacing between messages that share a server time stamp. */
const ORDER_STEP = 0.001;

export interface PutResult {
  inserted: boolean;
  record: MessageRecord;
}

export type AccountStore = Awaited<ReturnType<typeof openAccountStore>>;

export function accountDbName(jid: string): string {
  return `sealpost:${jid}`;
}

export async function deleteAccountData(jid: string, factory?: IDBFactory): Promise<void> {
  await deleteDatabase(accountDbName(jid), factory);
}

export async function openAccountStore(jid: string, factory?: IDBFactory) {
  const db = await openDatabase(accountDbName(jid), MIGRATIONS, factory);
  // Relaxed durability (the browser still writes to disk, without waiting for a flush per
  // transaction): a sent message does not wait on the disk.
  const rw = (stores: string | string[]) => db.transaction(stores, 'readwrite', { durability: 'relaxed' });

  function merge(old: MessageRecord, incoming: MessageRecord): MessageRecord {
    if (old.security === 'failed' && incoming.security !== 'failed') return { ...incoming, ts: old.ts, archiveId: incoming.archiveId ?? old.archiveId };
    const out = { ...old };
    if (incoming.archiveId && !old.archiveId) out.archiveId = incoming.archiveId;
    if (old.state && incoming.state && STATE_ORDER[incoming.state] > STATE_ORDER[old.state]) out.state = incoming.state;
    return out;
  }

  interface PutOptions {
    countUnread: boolean;
    outbox?: OutboxRecord;
    /** Replay-memory entries of these messages: written in the same transaction. */
    replays?: readonly ReplayRecord[];
  }

  async function putMessages(records: readonly MessageRecord[], options: PutOptions): Promise<PutResult[]> {
    const stores: string[] = [STORES.messages, STORES.conversations];
    if (options.outbox) stores.push(STORES.outbox);
    if (options.replays?.length) stores.push(STORES.replay);
    const tx = rw(stores);
    if (options.outbox) tx.objectStore(STORES.outbox).put(options.outbox);
    for (const r of options.replays ?? []) tx.objectStore(STORES.replay).put(r);
    const messages = tx.objectStore(STORES.messages);
    const conversations = tx.objectStore(STORES.conversations);
    const results: PutResult[] = [];
    const convs = new Map<string, ConversationRecord | undefined>();
    for (const rec of records) {
      const old = (await req(messages.get(rec.key))) as MessageRecord | undefined;
      const record = old ? merge(old, rec) : rec;
      messages.put(record);
      results.push({ inserted: !old, record });
      if (!convs.has(rec.peer)) convs.set(rec.peer, (await req(conversations.get(rec.peer))) as ConversationRecord | undefined);
      let conv = convs.get(rec.peer);
      if (!conv || record.ts >= conv.lastTs || (old && conv.lastTs === record.ts)) {
        conv = {
          peer: rec.peer,
          lastTs: Math.max(record.ts, conv?.lastTs ?? 0),
          preview: previewOf(record),
          lastDir: record.dir,
          security: record.security,
          unread: conv?.unread ?? 0,
          ...(record.subject !== undefined ? { subject: record.subject } : {}),
        };
      }
      if (!old && options.countUnread && record.dir === 'in') conv = { ...conv, unread: conv.unread + 1 };
      convs.set(rec.peer, conv);
    }
    for (const conv of convs.values()) if (conv) conversations.put(conv);
    await done(tx);
    return results;
  }

  return {
    db,
    close: () => db.close(),

    putMessages,
    async putMessage(record: MessageRecord, options: Omit<PutOptions, 'replays'> & { replay?: ReplayRecord } = { countUnread: true }): Promise<PutResult> {
      const { replay, ...rest } = options;
      return (await putMessages([record], { ...rest, ...(replay ? { replays: [replay] } : {}) }))[0]!;
    },
    async getReplay(digest: string): Promise<ReplayRecord | undefined> {
      return req(db.transaction(STORES.replay).objectStore(STORES.replay).get(digest));
    },
    /** Records a sighting that brings no new message (a duplicate learning its server id). */
    async putReplay(record: ReplayRecord): Promise<void> {
      const tx = rw(STORES.replay);
      tx.objectStore(STORES.replay).put(record);
      await done(tx);
    },
    /**
     * Forgets replay entries that expired at `now`, then the soonest to expire beyond
     * `maxEntries`. Returns how many were removed.
     */
    async pruneReplay(now: number, maxEntries: number): Promise<number> {
      const tx = rw(STORES.replay);
      const store = tx.objectStore(STORES.replay);
      const index = store.index('byExpiresAt');
      let removed = 0;
      const expired = (await req(index.getAllKeys(IDBKeyRange.upperBound(now)))) as IDBValidKey[];
      for (const key of expired) store.delete(key);
      removed += expired.length;
      const excess = (await req(store.count())) - maxEntries; // counted after the deletions above
      if (excess > 0) {
        const oldest = (await req(index.getAllKeys(IDBKeyRange.lowerBound(now, true), excess))) as IDBValidKey[];
        for (const key of oldest) store.delete(key);
        removed += oldest.length;
      }
      await done(tx);
      return removed;
    },
    async getMessage(peer: string, id: string): Promise<MessageRecord | undefined> {
      return req(db.transaction(STORES.messages).objectStore(STORES.messages).get(messageKey(peer, id)));
    },
    async getMessageByKey(key: string): Promise<MessageRecord | undefined> {
      return req(db.transaction(STORES.messages).objectStore(STORES.messages).get(key));
    },
    /** Messages with this id in any conversation (receipts and markers carry only the id). */
    async findById(id: string): Promise<MessageRecord[]> {
      return req(db.transaction(STORES.messages).objectStore(STORES.messages).index('byId').getAll(id));
    },
    async hasArchiveId(archiveId: string): Promise<boolean> {
      const key = await req(db.transaction(STORES.messages).objectStore(STORES.messages).index('byArchiveId').getKey(archiveId));
      return key !== undefined;
    },
    /** Sort time of the oldest stored message of `peer`. */
    async firstTs(peer: string): Promise<number | undefined> {
      const index = db.transaction(STORES.messages).objectStore(STORES.messages).index('byPeerTs');
      const cursor = await req(index.openCursor(IDBKeyRange.bound([peer, -Infinity], [peer, Infinity])));
      return (cursor?.value as MessageRecord | undefined)?.ts;
    },
    /**
     * A sort time for a new message of `peer` that keeps the conversation in arrival order:
     * at least `at`, after everything stored (append), or before everything (prepend, for
     * older archive pages). Server stamps have one-second resolution, so messages of the same
     * second are spread by a microsecond each.
     */
    async orderedTs(peer: string, at: number, order: 'append' | 'prepend'): Promise<number> {
      if (order === 'append') {
        const last = (await req(db.transaction(STORES.conversations).objectStore(STORES.conversations).get(peer)) as ConversationRecord | undefined)?.lastTs;
        return last === undefined ? at : Math.max(at, last + ORDER_STEP);
      }
      const first = await this.firstTs(peer);
      return first === undefined ? at : Math.min(at, first - ORDER_STEP);
    },
    /** Every message of `peer` from `fromTs` (inclusive) on, oldest first. */
    async since(peer: string, fromTs: number): Promise<MessageRecord[]> {
      const index = db.transaction(STORES.messages).objectStore(STORES.messages).index('byPeerTs');
      return req(index.getAll(IDBKeyRange.bound([peer, fromTs], [peer, Infinity]))) as Promise<MessageRecord[]>;
    },
    /** Up to `limit` messages of `peer` before `beforeTs` (exclusive), oldest first. */
    async page(peer: string, limit: number, beforeTs = Number.MAX_SAFE_INTEGER): Promise<MessageRecord[]> {
      const index = db.transaction(STORES.messages).objectStore(STORES.messages).index('byPeerTs');
      const range = IDBKeyRange.bound([peer, -Infinity], [peer, beforeTs], false, true);
      const out: MessageRecord[] = [];
      await new Promise<void>((resolve, reject) => {
        const cursor = index.openCursor(range, 'prev');
        cursor.onerror = () => reject(cursor.error);
        cursor.onsuccess = () => {
          const c = cursor.result;
          if (!c || out.length >= limit) return resolve();
          out.push(c.value as MessageRecord);
          c.continue();
        };
      });
      return out.reverse();
    },
    async updateMessage(peer: string, id: string, patch: Partial<MessageRecord>): Promise<MessageRecord | undefined> {
      const tx = rw(STORES.messages);
      const store = tx.objectStore(STORES.messages);
      const old = (await req(store.get(messageKey(peer, id)))) as MessageRecord | undefined;
      if (!old) return undefined;
      if (patch.state && old.state && STATE_ORDER[patch.state] < STATE_ORDER[old.state] && patch.state !== 'queued' && patch.state !== 'error') {
        delete patch.state; // never move a delivery state backwards
      }
      const record = { ...old, ...patch };
      store.put(record);
      await done(tx);
      return record;
    },
    /** Full-text search over decrypted local messages, newest first. */
    async search(query: string, limit = 50): Promise<MessageRecord[]> {
      const needle = query.trim().toLowerCase();
      if (!needle) return [];
      const all = (await req(db.transaction(STORES.messages).objectStore(STORES.messages).getAll())) as MessageRecord[];
      return all.filter((m) => m.security !== 'failed' && m.text.includes(needle)).sort((a, b) => b.ts - a.ts).slice(0, limit);
    },

    async conversations(): Promise<ConversationRecord[]> {
      const all = (await req(db.transaction(STORES.conversations).objectStore(STORES.conversations).getAll())) as ConversationRecord[];
      return all.sort((a, b) => b.lastTs - a.lastTs);
    },
    async conversation(peer: string): Promise<ConversationRecord | undefined> {
      return req(db.transaction(STORES.conversations).objectStore(STORES.conversations).get(peer));
    },
    async setUnread(peer: string, unread: number): Promise<void> {
      const tx = rw(STORES.conversations);
      const store = tx.objectStore(STORES.conversations);
      const conv = (await req(store.get(peer))) as ConversationRecord | undefined;
      if (conv && conv.unread !== unread) store.put({ ...conv, unread });
      await done(tx);
    },

    async outbox(): Promise<OutboxRecord[]> {
      const all = (await req(db.transaction(STORES.outbox).objectStore(STORES.outbox).getAll())) as OutboxRecord[];
      return all.sort((a, b) => a.createdAt - b.createdAt);
    },
    async addToOutbox(rec: OutboxRecord): Promise<void> {
      const tx = rw(STORES.outbox);
      tx.objectStore(STORES.outbox).put(rec);
      await done(tx);
    },
    async removeFromOutbox(id: string): Promise<void> {
      const tx = rw(STORES.outbox);
      tx.objectStore(STORES.outbox).delete(id);
      await done(tx);
    },

    async draft(peer: string): Promise<DraftRecord | undefined> {
      return req(db.transaction(STORES.drafts).objectStore(STORES.drafts).get(peer));
    },
    async saveDraft(draft: DraftRecord): Promise<void> {
      const tx = rw(STORES.drafts);
      if (draft.body === '' && draft.subject === '' && draft.to === '') tx.objectStore(STORES.drafts).delete(draft.peer);
      else tx.objectStore(STORES.drafts).put(draft);
      await done(tx);
    },

    async contact(jid: string): Promise<ContactKeysRecord | undefined> {
      return req(db.transaction(STORES.contacts).objectStore(STORES.contacts).get(jid));
    },
    async saveContact(rec: ContactKeysRecord): Promise<void> {
      const tx = rw(STORES.contacts);
      tx.objectStore(STORES.contacts).put(rec);
      await done(tx);
    },

    async getMeta<T>(key: string): Promise<T | undefined> {
      const rec = (await req(db.transaction(STORES.meta).objectStore(STORES.meta).get(key))) as MetaRecord | undefined;
      return rec?.value as T | undefined;
    },
    async setMeta(key: string, value: unknown): Promise<void> {
      const tx = rw(STORES.meta);
      tx.objectStore(STORES.meta).put({ key, value });
      await done(tx);
    },
  };
}

export function previewOf(m: Pick<MessageRecord, 'body' | 'subject' | 'security' | 'attachments'>): string {
  if (m.security === 'failed') return '';
  // A file message's body is its URL (an aesgcm:// fragment is the key): show the file names.
  const files = m.attachments ?? [];
  const isFileBody = files.some((a) => a.url === m.body.trim());
  const names = files.map((a) => `📎 ${a.name ?? a.desc ?? ''}`.trim()).join(' ');
  const text = isFileBody ? names : `${m.body.replace(/\s+/g, ' ').trim()}${names ? ` ${names}` : ''}`;
  return text.length > PREVIEW_CHARS ? `${text.slice(0, PREVIEW_CHARS - 1)}…` : text;
}
