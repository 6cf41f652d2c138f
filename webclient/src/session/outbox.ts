// Sending: every message is first stored and queued (so it survives a reload or a lost
// connection), then encrypted and sent when online. The server's XEP-0198 acknowledgement
// moves it to "sent"; an unacknowledged stanza whose session could not be resumed goes back
// to the queue. One flush at a time and a stable id per message: nothing is sent twice by us,
// and receivers drop a repeat with the same id.
import type { Element } from '@sealpost/protocol';
import type { AccountStore } from '../storage/accountStore.ts';
import type { Attachment } from '../storage/schema.ts';
import { attachmentPayload } from '../files/payload.ts';
import { encryptMessage, oxPayload, type OwnKey, type PublicKey } from '../ox/oxAdapter.ts';
import type { TrustManager, TrustInfo } from './trust.ts';

export interface OutboxDeps {
  ownJid: string;
  store: AccountStore;
  trust: TrustManager;
  own: () => OwnKey | undefined;
  ownOtherKeys: () => Promise<PublicKey[]>;
  online: () => boolean;
  send(stanza: Element): Promise<void>;
  /** Stream management acknowledges stanzas; without it, "sent" means written to the socket. */
  acksEnabled: () => boolean;
  changed(peers: string[]): void;
  /** A queued message cannot go out because of the contact's keys. */
  blocked(info: TrustInfo): void;
}

export function createOutbox(deps: OutboxDeps) {
  const inFlight = new Map<Element, { peer: string; id: string }>();
  const inFlightIds = new Set<string>();
  let flushing: Promise<void> | undefined;
  let again = false;

  async function sendOne(peer: string, id: string): Promise<void> {
    if (inFlightIds.has(id)) return; // written to the stream, waiting for the server's ack
    const msg = await deps.store.getMessage(peer, id);
    if (!msg || msg.dir !== 'out' || (msg.state !== 'queued' && msg.state !== 'error')) {
      if (!msg || msg.state === 'sent' || msg.state === 'delivered' || msg.state === 'read') await deps.store.removeFromOutbox(id);
      return;
    }
    const own = deps.own();
    if (!own) return;
    const { info, keys } = await deps.trust.sendKeys(peer, { refresh: true });
    if (keys.length === 0) {
      deps.blocked(info);
      return;
    }
    const stanza = await encryptMessage({
      id,
      to: peer,
      payload: oxPayload({ body: msg.body, ...(msg.subject ? { subject: msg.subject } : {}), receiptRequest: true, ...attachmentPayload(msg.attachments ?? []) }),
      recipientKeys: keys,
      own,
      ownOtherKeys: await deps.ownOtherKeys(),
    });
    // "sending" lives in memory only: after a reload, recover() queues unacknowledged ones again.
    inFlight.set(stanza, { peer, id });
    inFlightIds.add(id);
    await deps.send(stanza);
    if (!deps.acksEnabled()) return acked(stanza);
    // Shown as "sending" until the server's ack (written after the send, never delaying it; an
    // ack that is already in has moved it to "sent", which this does not undo).
    await deps.store.updateMessage(peer, id, { state: 'sending' });
    deps.changed([peer]);
  }

  async function acked(stanza: Element): Promise<void> {
    const entry = inFlight.get(stanza);
    if (!entry) return;
    inFlight.delete(stanza);
    inFlightIds.delete(entry.id);
    await deps.store.updateMessage(entry.peer, entry.id, { state: 'sent' });
    await deps.store.removeFromOutbox(entry.id);
    deps.changed([entry.peer]);
  }

  async function flushLoop(): Promise<void> {
    do {
      again = false;
      for (const item of await deps.store.outbox()) {
        if (!deps.online()) return;
        try {
          await sendOne(item.peer, item.id);
        } catch {
          // keep it queued; the next flush retries
        }
      }
    } while (again && deps.online());
  }

  return {
    /** Stores and queues a new message, then tries to send it. */
    async enqueue(peer: string, body: string, subject: string | undefined, attachments: Attachment[] = []): Promise<string> {
      const id = crypto.randomUUID();
      const ts = await deps.store.orderedTs(peer, Date.now(), 'append');
      await deps.store.putMessage(
        {
          key: `${peer} ${id}`, id, peer, dir: 'out', ts, body, security: 'ox', state: 'queued',
          text: `${subject ?? ''}\n${body}\n${attachments.map((a) => a.name ?? '').join(' ')}`.toLowerCase(), ...(subject ? { subject } : {}),
          ...(attachments.length ? { attachments } : {}),
        },
        // Stored and queued in one transaction: a queued message is never lost or half-written.
        { countUnread: false, outbox: { id, peer, createdAt: ts } },
      );
      deps.changed([peer]);
      void this.flush();
      return id;
    },
    flush(): Promise<void> {
      if (flushing) {
        again = true;
        return flushing;
      }
      flushing = flushLoop().finally(() => (flushing = undefined));
      return flushing;
    },
    acked,
    /** Not acknowledged and not resumed: back to the queue (sent again on the next flush). */
    async unacked(stanza: Element): Promise<void> {
      const entry = inFlight.get(stanza);
      if (!entry) return;
      inFlight.delete(stanza);
      inFlightIds.delete(entry.id);
      await deps.store.updateMessage(entry.peer, entry.id, { state: 'queued' });
      deps.changed([entry.peer]);
    },
    /** After a reload: anything left "sending" was never acknowledged; queue it again. */
    async recover(): Promise<void> {
      for (const item of await deps.store.outbox()) {
        const msg = await deps.store.getMessage(item.peer, item.id);
        if (msg?.state === 'sending') await deps.store.updateMessage(item.peer, item.id, { state: 'queued' }); // older versions
      }
    },
  };
}

export type Outbox = ReturnType<typeof createOutbox>;
