// Turns one received message (live, carbon or archived) into stored state: OX messages are
// decrypted and verified, plaintext ones are kept and marked unencrypted, receipts and
// markers move delivery states. Nothing here renders: the UI reads the store.
import {
  bareJid, buildReceipt, type Element, parseChatMarker, parseDelays, parseJid, parseOriginId, parseReceipt, parseStanzaError,
} from '@sealpost/protocol';
import { isOxMessage, type OxDecryptResult } from '../ox/oxAdapter.ts';
import type { AccountStore } from '../storage/accountStore.ts';
import { messageKey, type MessageRecord, searchText } from '../storage/schema.ts';
import type { TrustManager } from './trust.ts';
import { attachmentsFromPayload, oobAttachments } from '../files/payload.ts';
import { replayRecord, type ReplayMemory } from './replayMemory.ts';
import { claimedDate } from './arrivalTime.ts';

export interface IngestContext {
  /**
   * When it reached us, by our own clock or our own server's stamp (arrivalTime.ts), never
   * a date the sender chose: the sort time, and what the signed time is judged against.
   */
  receivedAt: Date;
  archiveId?: string;
  /** Delivered live (answer receipts); false for archive results. */
  live: boolean;
  countUnread: boolean;
  /** Live and catch-up messages are newer than what we hold; older archive pages go before. */
  order?: 'append' | 'prepend';
}

export interface IngestDeps {
  ownJid: string;
  store: AccountStore;
  trust: TrustManager;
  decrypt(stanza: Element, ctx: { receivedAt: Date; occurrence?: string }): Promise<OxDecryptResult>;
  /** The replay memory the decryptor checks; its entries are stored with the messages. */
  replay: ReplayMemory;
  send(stanza: Element): void;
  /** Conversations whose messages changed. */
  changed(peers: string[]): void;
}

export type Ingested = { kind: 'message'; record: MessageRecord; inserted: boolean } | { kind: 'other' } | { kind: 'ignored' };

export function createIngest(deps: IngestDeps) {
  const own = bareJid(deps.ownJid);
  const ownDomain = parseJid(own).domain;

  async function markOut(peer: string, id: string, state: 'delivered' | 'read' | 'error'): Promise<void> {
    const msg = await deps.store.getMessage(peer, id);
    if (!msg || msg.dir !== 'out') return;
    if (state === 'read') {
      // XEP-0333 §4.1: a marker covers every earlier message too.
      const earlier = await deps.store.page(peer, 200, msg.ts + 1);
      for (const m of earlier) if (m.dir === 'out' && m.state !== 'read' && m.state !== 'error') await deps.store.updateMessage(peer, m.id, { state: 'read' });
    } else {
      await deps.store.updateMessage(peer, id, { state });
    }
    deps.changed([peer]);
  }

  async function ingest(msg: Element, ctx: IngestContext): Promise<Ingested> {
    const fromAttr = msg.attrs.from ?? own;
    let from: string;
    let to: string;
    try {
      from = bareJid(fromAttr);
      to = bareJid(msg.attrs.to ?? own);
    } catch {
      return { kind: 'ignored' };
    }
    const dir: 'in' | 'out' = from === own ? 'out' : 'in';
    const peer = dir === 'out' ? to : from;
    if (peer === own && dir === 'out' && from === to) return { kind: 'ignored' }; // notes to self: not a conversation here
    const type = msg.attrs.type;
    if (type === 'groupchat' || type === 'headline') return { kind: 'ignored' };

    if (type === 'error') {
      const id = msg.attrs.id;
      if (id && parseStanzaError(msg)) await markOut(peer, id, 'error');
      return { kind: 'other' };
    }
    let receipt, marker;
    try {
      receipt = parseReceipt(msg);
      marker = parseChatMarker(msg);
    } catch {
      return { kind: 'ignored' };
    }
    if (receipt) {
      if (dir === 'in') await markOut(peer, receipt.id, 'delivered');
      return { kind: 'other' };
    }
    if (marker) {
      if (marker.type === 'displayed' || marker.type === 'acknowledged') {
        if (dir === 'in') await markOut(peer, marker.id, 'read');
        else {
          await deps.store.setUnread(peer, 0); // read on another of our devices
          deps.changed([peer]);
        }
      } else if (dir === 'in') await markOut(peer, marker.id, 'delivered');
      return { kind: 'other' };
    }

    const ox = isOxMessage(msg);
    const plainBody = msg.getChildText('body');
    if (!ox && plainBody === null) return { kind: 'ignored' };
    const id = parseOriginId(msg) ?? msg.attrs.id ?? ctx.archiveId ?? crypto.randomUUID();
    const existing = await deps.store.getMessage(peer, id);
    if (existing && existing.security !== 'failed') {
      if (ctx.archiveId && !existing.archiveId) await deps.store.updateMessage(peer, id, { archiveId: ctx.archiveId });
      return { kind: 'message', record: existing, inserted: false };
    }

    const ts = await deps.store.orderedTs(peer, ctx.receivedAt.getTime(), ctx.order ?? 'append');
    // XEP-0203: a delay on the sender's own stanza is only its claim (shown, never sorted by).
    const claimed = claimedDate(parseDelays(msg), ownDomain);
    const base = {
      key: messageKey(peer, id), id, peer, dir, ts,
      ...(ctx.archiveId ? { archiveId: ctx.archiveId } : {}),
      ...(claimed ? { claimedAt: claimed.getTime() } : {}),
    };
    let record: MessageRecord;
    let wantsReceipt = false;
    let replay;
    if (ox) {
      let result = await deps.decrypt(msg, { receivedAt: ctx.receivedAt, ...(ctx.archiveId ? { occurrence: ctx.archiveId } : {}) });
      if (!result.ok && result.reason === 'unknown-signer') {
        await deps.trust.refresh(from); // the sender may have announced a new key since
        result = await deps.decrypt(msg, { receivedAt: ctx.receivedAt, ...(ctx.archiveId ? { occurrence: ctx.archiveId } : {}) });
      }
      if (result.ok) {
        const sighting = deps.replay.take(result.digest);
        if (sighting?.storedAs !== undefined && sighting.storedAs !== base.key) {
          // The same signcrypt is already stored as another message (a copy seen without a
          // server id, ox/replay.ts 'duplicate'): shown once, under the first id.
          const first = await deps.store.getMessageByKey(sighting.storedAs);
          if (first) {
            await deps.store.putReplay(replayRecord(sighting, first.key));
            if (ctx.archiveId && !first.archiveId) await deps.store.updateMessage(first.peer, first.id, { archiveId: ctx.archiveId });
            return { kind: 'message', record: first, inserted: false };
          }
        }
        if (sighting) replay = replayRecord(sighting, base.key);
        const { body = '', subject } = result.payload;
        const attachments = attachmentsFromPayload(result.payload);
        record = {
          ...base,
          body,
          ...(subject !== undefined && subject !== '' ? { subject } : {}),
          ...(attachments.length ? { attachments } : {}),
          security: 'ox',
          signer: result.signerFingerprint,
          signedAt: result.time.getTime(),
          text: searchText(body, subject),
        };
        if (dir === 'in' && !(await deps.trust.isPinned(from, result.signerFingerprint))) record.unacceptedKey = true;
        wantsReceipt = result.payload.receiptRequest;
      } else {
        record = { ...base, body: '', security: 'failed', failure: result.reason, text: '' };
      }
    } else {
      const subject = msg.getChildText('subject') ?? undefined;
      record = {
        ...base,
        body: plainBody ?? '',
        ...(subject ? { subject } : {}),
        ...withAttachments(oobAttachments(msg)),
        security: 'plain',
        text: searchText(plainBody ?? '', subject),
      };
      wantsReceipt = msg.getChild('request', 'urn:xmpp:receipts') !== undefined;
    }
    if (dir === 'out') record.state = 'sent';
    const { inserted, record: stored } = await deps.store.putMessage(record, { countUnread: ctx.countUnread, ...(replay ? { replay } : {}) });
    if (ctx.live && dir === 'in' && wantsReceipt && msg.attrs.from && record.security !== 'failed') {
      deps.send(buildReceipt({ to: msg.attrs.from, id, type: 'chat' }));
    }
    deps.changed([peer]);
    return { kind: 'message', record: stored, inserted };
  }

  return { ingest };
}

function withAttachments(list: MessageRecord['attachments'] & object): Pick<MessageRecord, 'attachments'> {
  return list.length ? { attachments: list } : {};
}

export type IngestFn = ReturnType<typeof createIngest>['ingest'];
