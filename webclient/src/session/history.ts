// History from the server archive (XEP-0313) on every device: catch-up after login (forward
// from the last archive id we saw, or the latest page on a new device) and paging back one
// conversation as the user scrolls. Results are collected by query id, then ingested in order.
import { buildMamQuery, type Element, NS_MAM, parseMamFin, parseMamResult, type MamResult } from '@sealpost/protocol';
import type { AccountStore } from '../storage/accountStore.ts';
import type { IngestFn } from './ingest.ts';

const PAGE = 100;
const MAX_CATCHUP_PAGES = 50;

interface Cursor {
  before: string;
  complete: boolean;
}

export interface HistoryDeps {
  ownJid: string;
  store: AccountStore;
  iq(request: Element): Promise<Element>;
  ingest: IngestFn;
}

export function createHistory(deps: HistoryDeps) {
  const collectors = new Map<string, MamResult[]>();

  /** Called by the stanza router; true when the stanza was an archive result we asked for. */
  function onStanza(stanza: Element): boolean {
    const result = stanza.getChild('result', NS_MAM);
    if (stanza.name !== 'message' || !result) return false;
    const queryId = result.attrs.queryid ?? '';
    const bucket = collectors.get(queryId);
    if (!bucket) return true; // not ours (or late): drop, never ingest unsolicited results
    try {
      const parsed = parseMamResult(stanza, { ownJid: deps.ownJid, queryId });
      if (parsed) bucket.push(parsed);
    } catch {
      // forged or malformed result: ignored (XEP-0313 §9)
    }
    return true;
  }

  async function query(options: { with?: string; after?: string; before?: string }): Promise<{ results: MamResult[]; complete: boolean; first?: string; last?: string }> {
    const queryId = crypto.randomUUID();
    collectors.set(queryId, []);
    try {
      const rsm: { max: number; after?: string; before?: string } = { max: PAGE };
      if (options.after !== undefined) rsm.after = options.after;
      if (options.before !== undefined) rsm.before = options.before;
      const fin = parseMamFin(await deps.iq(buildMamQuery({ queryId, ...(options.with ? { with: options.with } : {}), rsm })));
      const results = collectors.get(queryId) ?? [];
      return {
        results,
        complete: fin.complete,
        ...(fin.rsm.first !== undefined ? { first: fin.rsm.first } : {}),
        ...(fin.rsm.last !== undefined ? { last: fin.rsm.last } : {}),
      };
    } finally {
      collectors.delete(queryId);
    }
  }

  async function ingestAll(results: MamResult[], countUnread: boolean, order: 'append' | 'prepend' = 'append'): Promise<number> {
    let added = 0;
    // An older page goes in front of what we hold: newest first, each before the previous.
    for (const r of order === 'prepend' ? [...results].reverse() : results) {
      const receivedAt = r.delay?.stamp ?? new Date();
      const outcome = await deps.ingest(r.message, { receivedAt, archiveId: r.archiveId, live: false, countUnread, order });
      if (outcome.kind === 'message' && outcome.inserted) added++;
    }
    return added;
  }

  return {
    onStanza,
    /** After a new (not resumed) session: everything archived since we last looked. */
    async catchUp(): Promise<void> {
      const last = await deps.store.getMeta<string>('mamLast');
      if (!last) {
        // A new device: the latest page, across all conversations.
        const page = await query({ before: '' });
        await ingestAll(page.results, false);
        if (page.last) await deps.store.setMeta('mamLast', page.last);
        return;
      }
      let after = last;
      for (let i = 0; i < MAX_CATCHUP_PAGES; i++) {
        let page;
        try {
          page = await query({ after });
        } catch {
          // The id left the archive: start over from the latest page.
          await deps.store.setMeta('mamLast', undefined);
          const latest = await query({ before: '' });
          await ingestAll(latest.results, true);
          if (latest.last) await deps.store.setMeta('mamLast', latest.last);
          return;
        }
        await ingestAll(page.results, true);
        if (page.last) {
          after = page.last;
          await deps.store.setMeta('mamLast', after);
        }
        if (page.complete || page.results.length === 0) return;
      }
    },
    /** One page of older messages of one conversation; false when the archive has no more. */
    async loadOlder(peer: string): Promise<boolean> {
      const key = `history:${peer}`;
      const cursor = await deps.store.getMeta<Cursor>(key);
      if (cursor?.complete) return false;
      const page = await query({ with: peer, before: cursor?.before ?? '' });
      await ingestAll(page.results, false, 'prepend');
      const next: Cursor = { before: page.first ?? cursor?.before ?? '', complete: page.complete || page.results.length === 0 };
      await deps.store.setMeta(key, next);
      return !next.complete;
    },
  };
}

export type History = ReturnType<typeof createHistory>;
