// What the mailbox UI asks for: open a conversation, page back, compose, search, trust
// decisions, drafts; and the coalesced reload of the visible state when messages change.
import { bareJid, isBareJid } from '@sealpost/protocol/jid.ts';
import type { AccountStore } from '../storage/accountStore.ts';
import type { DraftRecord } from '../storage/schema.ts';
import type { MailboxStore } from '../stores/mailboxStore.ts';
import type { Messaging } from './messaging.ts';
import type { TrustInfo, TrustManager } from './trust.ts';

const WINDOW = 100;

export interface MailboxDeps {
  mailbox: MailboxStore;
  store: () => AccountStore | undefined;
  trust: () => TrustManager | undefined;
  messaging: () => Messaging | undefined;
  online: () => boolean;
}

export type SendOutcome = { ok: true; peer: string } | { ok: false; reason: 'bad-address' | 'no-key' | 'changed' | 'empty' };

export function createMailboxActions(deps: MailboxDeps) {
  const { mailbox } = deps;
  let pending = new Set<string>();
  let scheduled = false;
  let searchTimer: ReturnType<typeof setTimeout> | undefined;

  function openPeer(): string | undefined {
    const v = mailbox.view.value;
    return v.kind === 'conversation' ? v.peer : undefined;
  }

  function visible(): boolean {
    return typeof document === 'undefined' || document.visibilityState === 'visible';
  }

  async function refreshConversations(): Promise<void> {
    const store = deps.store();
    if (store) mailbox.conversations.value = await store.conversations();
  }

  async function reloadMessages(): Promise<void> {
    const store = deps.store();
    const peer = openPeer();
    if (!store || !peer) return;
    // Keep the window the user scrolled back to: everything from its oldest message on.
    const from = mailbox.messages.value[0]?.ts;
    const msgs = from === undefined ? await store.page(peer, WINDOW) : await store.since(peer, from);
    if (openPeer() !== peer) return;
    const start = msgs[0]?.ts ?? Infinity;
    // Older pages may have been prepended meanwhile: keep them.
    mailbox.messages.value = [...mailbox.messages.value.filter((m) => m.ts < start && m.peer === peer), ...msgs];
    if (visible()) await markRead(peer);
  }

  async function markRead(peer: string): Promise<void> {
    const store = deps.store();
    if (!store) return;
    const conv = await store.conversation(peer);
    if (conv && conv.unread > 0) {
      await store.setUnread(peer, 0);
      await refreshConversations();
    }
    const lastIn = [...mailbox.messages.value].reverse().find((m) => m.dir === 'in' && m.security === 'ox');
    if (lastIn && deps.online()) await deps.messaging()?.markDisplayed(peer, lastIn.id);
  }

  async function updateTrust(peer: string, refresh: boolean | 'force'): Promise<TrustInfo | undefined> {
    const trust = deps.trust();
    if (!trust) return undefined;
    if (refresh && deps.online()) await (refresh === 'force' ? trust.refreshNow(peer) : trust.refresh(peer));
    const info = await trust.info(peer);
    mailbox.trust.value = { ...mailbox.trust.value, [peer]: info };
    return info;
  }

  if (typeof document !== 'undefined') {
    document.addEventListener('visibilitychange', () => {
      const peer = openPeer();
      if (peer && visible()) void markRead(peer);
    });
  }

  return {
    isViewing: (peer: string) => openPeer() === peer && visible(),
    /** Messages of these conversations changed: reload what is on screen, once per tick. */
    changed(peers: string[]): void {
      for (const p of peers) pending.add(p);
      if (scheduled) return;
      scheduled = true;
      setTimeout(async () => {
        const peers = pending;
        pending = new Set();
        scheduled = false;
        await refreshConversations();
        const peer = openPeer();
        if (peer && peers.has(peer)) await reloadMessages();
        if (mailbox.searchQuery.value) await this.search(mailbox.searchQuery.value, 0);
      }, 0);
    },
    async refreshAll(): Promise<void> {
      await refreshConversations();
      await reloadMessages();
    },
    reset(): void {
      mailbox.conversations.value = [];
      mailbox.messages.value = [];
      mailbox.view.value = { kind: 'empty' };
      mailbox.trust.value = {};
      mailbox.searchQuery.value = '';
      mailbox.searchResults.value = undefined;
      mailbox.notice.value = undefined;
      mailbox.trustPanel.value = undefined;
    },
    async open(peer: string): Promise<void> {
      const store = deps.store();
      if (!store) return;
      mailbox.view.value = { kind: 'conversation', peer };
      mailbox.notice.value = undefined;
      mailbox.history.value = 'idle';
      mailbox.messages.value = await store.page(peer, WINDOW);
      if (visible()) await markRead(peer);
      void updateTrust(peer, 'force');
      if (mailbox.messages.value.length < WINDOW && deps.online()) await this.loadOlder();
    },
    compose(): void {
      mailbox.view.value = { kind: 'compose' };
      mailbox.notice.value = undefined;
    },
    show(view: MailboxStore['view']['value']): void {
      mailbox.view.value = view;
    },
    /** Older messages: first from this browser's cache, then from the server archive. */
    async loadOlder(): Promise<void> {
      const store = deps.store();
      const peer = openPeer();
      if (!store || !peer || mailbox.history.value === 'loading') return;
      mailbox.history.value = 'loading';
      try {
        const oldest = mailbox.messages.value[0]?.ts ?? Number.MAX_SAFE_INTEGER;
        let older = await store.page(peer, WINDOW, oldest);
        let more = true;
        // An archive page may hold only messages we already have: keep paging until one
        // brings something older (or the archive ends).
        for (let round = 0; older.length < WINDOW && more && deps.online() && round < 5; round++) {
          more = (await deps.messaging()?.loadOlder(peer)) ?? false;
          older = await store.page(peer, WINDOW, oldest);
          if (older.length > 0) break;
        }
        if (openPeer() !== peer) return;
        const seen = new Set(mailbox.messages.value.map((m) => m.key));
        mailbox.messages.value = [...older.filter((m) => !seen.has(m.key)), ...mailbox.messages.value];
        mailbox.history.value = !more && older.length === 0 ? 'complete' : 'idle';
      } catch {
        mailbox.history.value = 'idle';
      }
    },
    /** Sends, unless the contact has no key or a changed one (then says why). */
    async send(to: string, body: string, subject?: string): Promise<SendOutcome> {
      if (!body.trim() && !subject?.trim()) return { ok: false, reason: 'empty' };
      let peer: string;
      try {
        peer = bareJid(to.trim());
        if (!isBareJid(peer) || !peer.includes('@')) throw new Error('bad');
      } catch {
        mailbox.notice.value = { key: 'compose.badAddress' };
        return { ok: false, reason: 'bad-address' };
      }
      const info = await updateTrust(peer, true);
      if (info?.status === 'no-key' || info?.status === 'changed') {
        mailbox.notice.value = { key: info.status === 'no-key' ? 'trust.noKey' : 'trust.changedBlocked', jid: peer };
        return { ok: false, reason: info.status };
      }
      mailbox.notice.value = undefined;
      await deps.messaging()?.send(peer, body, subject?.trim() ? subject.trim() : undefined);
      return { ok: true, peer };
    },
    /** Whether a message to `peer` can go out now (else the notice says why). */
    async canSend(peer: string): Promise<boolean> {
      const info = await updateTrust(peer, true);
      if (info?.status === 'no-key' || info?.status === 'changed') {
        mailbox.notice.value = { key: info.status === 'no-key' ? 'trust.noKey' : 'trust.changedBlocked', jid: peer };
        return false;
      }
      return true;
    },
    async accept(peer: string): Promise<void> {
      const info = await deps.trust()?.accept(peer);
      if (info) mailbox.trust.value = { ...mailbox.trust.value, [peer]: info };
      mailbox.notice.value = undefined;
      void deps.messaging()?.flush();
    },
    async verify(peer: string): Promise<void> {
      const info = await deps.trust()?.verify(peer);
      if (info) mailbox.trust.value = { ...mailbox.trust.value, [peer]: info };
      mailbox.notice.value = undefined;
      void deps.messaging()?.flush();
    },
    trustInfo: (peer: string) => updateTrust(peer, 'force'),
    async search(query: string, debounceMs = 150): Promise<void> {
      mailbox.searchQuery.value = query;
      clearTimeout(searchTimer);
      if (!query.trim()) return void (mailbox.searchResults.value = undefined);
      await new Promise<void>((resolve) => (searchTimer = setTimeout(resolve, debounceMs)));
      if (mailbox.searchQuery.value !== query) return;
      mailbox.searchResults.value = (await deps.store()?.search(query)) ?? [];
    },
    loadDraft: (peer: string) => deps.store()?.draft(peer) ?? Promise.resolve(undefined),
    saveDraft: (draft: DraftRecord) => deps.store()?.saveDraft(draft) ?? Promise.resolve(),
  };
}

export type MailboxActions = ReturnType<typeof createMailboxActions>;
