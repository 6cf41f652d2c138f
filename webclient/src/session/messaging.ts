// The messaging engine of one signed-in account: routes live stanzas (carbons, archive
// results, receipts, markers, key notifications) to ingest, runs archive catch-up, and owns
// the outbox. Stanzas are processed one at a time, in arrival order.
import {
  bareJid, buildChatMarker, buildEnableCarbons, DEFAULT_REPLAY_MAX_ENTRIES, type Delay, type Element, parseCarbon, parseDelays, parseJid,
  parseStanzaIds, xml,
} from '@sealpost/protocol';
import { createDecryptor, type OwnKey, parseKeyListEvent, type PublicKey } from '../ox/oxAdapter.ts';
import type { AccountStore } from '../storage/accountStore.ts';
import type { Attachment } from '../storage/schema.ts';
import type { Connection } from '../xmpp/connection.ts';
import { createHistory } from './history.ts';
import { createIngest } from './ingest.ts';
import { createOutbox } from './outbox.ts';
import { liveArrival } from './arrivalTime.ts';
import { createReplayMemory } from './replayMemory.ts';
import type { TrustInfo, TrustManager } from './trust.ts';

export interface MessagingDeps {
  jid: string;
  own: OwnKey;
  store: AccountStore;
  trust: TrustManager;
  connection: () => Connection | undefined;
  /** Whether the user is looking at this conversation right now. */
  isViewing(peer: string): boolean;
  changed(peers: string[]): void;
  blocked(info: TrustInfo): void;
}

export function createMessaging(deps: MessagingDeps) {
  const own = bareJid(deps.jid);
  const ownDomain = parseJid(own).domain;
  /** Newest sort time held when the session began: our server kept nothing for us before it. */
  let offlineFloor = 0;
  let ownOtherKeys: PublicKey[] | undefined;
  let queue: Promise<unknown> = Promise.resolve();
  const iq = (el: Element) => {
    const c = deps.connection();
    if (!c) return Promise.reject(new Error('offline'));
    return c.iq(el);
  };
  const send = (el: Element) => {
    const c = deps.connection();
    if (!c) return Promise.reject(new Error('offline'));
    return c.send(el);
  };

  const replay = createReplayMemory({ store: deps.store });
  // Bounded like the protocol's in-memory cache: expired entries (their signed time is past
  // the accepted age, so decrypt refuses the copy as stale anyway), then the soonest to expire.
  void deps.store.pruneReplay(Date.now(), DEFAULT_REPLAY_MAX_ENTRIES).catch((err) => console.warn('messaging: pruning the replay memory failed', err));
  const decryptor = createDecryptor({
    ownJid: own,
    own: deps.own,
    senderKeys: async (jid) => (jid === own ? [deps.own.privateKey.toPublic(), ...(await otherOwnKeys())] : deps.trust.verificationKeys(jid)),
    replayCache: replay,
  });
  const ingest = createIngest({
    ownJid: own,
    store: deps.store,
    trust: deps.trust,
    replay,
    decrypt: (stanza, ctx) => decryptor.decrypt(stanza, ctx),
    send: (el) => void send(el).catch(() => {}),
    changed: deps.changed,
  }).ingest;
  const history = createHistory({ ownJid: own, store: deps.store, iq, ingest });
  const outbox = createOutbox({
    ownJid: own,
    store: deps.store,
    trust: deps.trust,
    own: () => deps.own,
    ownOtherKeys: otherOwnKeys,
    online: () => deps.connection()?.isOnline() ?? false,
    send,
    acksEnabled: () => true,
    changed: deps.changed,
    blocked: deps.blocked,
  });

  async function otherOwnKeys(): Promise<PublicKey[]> {
    if (ownOtherKeys) return ownOtherKeys;
    const all = await deps.trust.verificationKeys(own).catch(() => []);
    ownOtherKeys = all.filter((k) => k.getFingerprint().toUpperCase() !== deps.own.fingerprint);
    return ownOtherKeys;
  }

  function serial<T>(task: () => Promise<T>): Promise<T> {
    const next = queue.then(task, task);
    queue = next.catch(() => undefined);
    return next;
  }

  async function route(stanza: Element): Promise<void> {
    if (stanza.name !== 'message') return;
    const keyList = parseKeyListEvent(stanza);
    if (keyList) {
      const from = bareJid(stanza.attrs.from ?? own);
      if (from === own) ownOtherKeys = undefined;
      else await deps.trust.refresh(from, keyList);
      return;
    }
    let carbon;
    try {
      carbon = parseCarbon(stanza, own);
    } catch {
      return; // forged carbon (XEP-0280 §11)
    }
    if (carbon) {
      await ingest(carbon.message, {
        receivedAt: carbon.delay?.stamp ?? new Date(),
        live: false, // the device that received it answers receipts
        countUnread: carbon.direction === 'received' && !viewing(carbon.message),
      });
      return;
    }
    const { at: receivedAt } = liveArrival({ delays: safeDelays(stanza), serverDomain: ownDomain, now: new Date(), floor: offlineFloor });
    const archiveId = parseStanzaIds(stanza).find((s) => s.by === own)?.id;
    await ingest(stanza, { receivedAt, live: true, countUnread: !viewing(stanza), ...(archiveId ? { archiveId } : {}) });
    if (archiveId) await deps.store.setMeta('mamLast', archiveId);
  }

  function viewing(msg: Element): boolean {
    try {
      return deps.isViewing(bareJid(msg.attrs.from ?? ''));
    } catch {
      return false;
    }
  }

  return {
    onStanza(stanza: Element): void {
      // Archive results are collected at once: the query that asked for them is itself
      // running in the serial queue, waiting for its <fin/>.
      if (history.onStanza(stanza)) return;
      void serial(() => route(stanza));
    },
    /** A new session: carbons, presence (offline messages follow), archive catch-up, outbox. */
    async onNewSession(): Promise<void> {
      ownOtherKeys = undefined;
      offlineFloor = (
        await deps.store.conversations().catch((err) => {
          console.warn('messaging: reading conversations failed, offline stamps unbounded below', err);
          return [];
        })
      )[0]?.lastTs ?? 0;
      await iq(buildEnableCarbons()).catch(() => {});
      await send(xml('presence')); // offline messages (XEP-0160) follow it
      await serial(() => history.catchUp()).catch(() => {});
      await outbox.recover();
      await outbox.flush();
    },
    async onResumed(): Promise<void> {
      await outbox.flush();
    },
    send: (peer: string, body: string, subject?: string, attachments?: Attachment[]) => outbox.enqueue(peer, body, subject, attachments),
    flush: () => outbox.flush(),
    acked: (el: Element) => void outbox.acked(el),
    unacked: (el: Element) => void outbox.unacked(el),
    loadOlder: (peer: string) => serial(() => history.loadOlder(peer)),
    /** XEP-0333: tell the sender (and our other devices) we displayed up to `id`. */
    async markDisplayed(peer: string, id: string): Promise<void> {
      const last = await deps.store.getMeta<string>(`displayed:${peer}`);
      if (last === id) return;
      await deps.store.setMeta(`displayed:${peer}`, id);
      await send(buildChatMarker({ to: peer, type: 'displayed', id })).catch(() => {});
    },
  };
}

function safeDelays(stanza: Element): Delay[] {
  try {
    return parseDelays(stanza);
  } catch {
    return []; // not a stanza we can read delays from: dated by arrival
  }
}

export type Messaging = ReturnType<typeof createMessaging>;
