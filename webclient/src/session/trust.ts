// Contacts' keys and trust (XEP-0373 §4 discovery; trust on first use with pinning):
// the first keys seen for a contact are accepted and pinned; a key that is announced later
// and not pinned blocks sending until the user accepts it or verifies it.
import type { AccountStore } from '../storage/accountStore.ts';
import type { ContactKeysRecord } from '../storage/schema.ts';
import {
  fetchAnnouncedKeys, fetchPeerKey, fromBase64, type Iq, peerKeyFromBytes, type PublicKey, toBase64,
} from '../ox/oxAdapter.ts';

export type TrustStatus =
  | 'unknown' // never looked up (offline)
  | 'no-key' // the contact announces no OX key: we cannot encrypt to them
  | 'trusted' // keys accepted on first use
  | 'verified' // every announced key verified by the user
  | 'changed'; // a key we have not accepted: sending is blocked

export interface TrustInfo {
  jid: string;
  status: TrustStatus;
  /** Announced fingerprints (what the trust panel shows). */
  fingerprints: string[];
  /** Announced but not accepted. */
  unaccepted: string[];
}

export interface TrustDeps {
  store: AccountStore;
  iq: () => Iq | undefined;
  onChange(info: TrustInfo): void;
}

export function createTrustManager(deps: TrustDeps) {
  const parsed = new Map<string, PublicKey>(); // fingerprint -> key object
  const inflight = new Map<string, Promise<ContactKeysRecord | undefined>>();
  const refreshedAt = new Map<string, number>();
  /** A lookup this recent is reused: sending a burst of messages costs one PEP round trip. */
  const FRESH_MS = 5000;

  function infoOf(jid: string, rec: ContactKeysRecord | undefined): TrustInfo {
    if (!rec) return { jid, status: 'unknown', fingerprints: [], unaccepted: [] };
    const unaccepted = rec.announced.filter((f) => !rec.pinned.includes(f));
    const status: TrustStatus =
      rec.announced.length === 0 ? 'no-key'
      : unaccepted.length > 0 ? 'changed'
      : rec.announced.every((f) => rec.verified.includes(f)) ? 'verified'
      : 'trusted';
    return { jid, status, fingerprints: rec.announced, unaccepted };
  }

  async function keyObject(rec: ContactKeysRecord, fingerprint: string): Promise<PublicKey | undefined> {
    const cached = parsed.get(fingerprint);
    if (cached) return cached;
    const b64 = rec.keys[fingerprint];
    if (!b64) return undefined;
    const { key } = await peerKeyFromBytes(fromBase64(b64), rec.jid, fingerprint);
    parsed.set(fingerprint, key);
    return key;
  }

  /** Looks up the contact's announced keys over PEP and applies trust on first use. */
  async function refresh(jid: string, announcedHint?: string[], force = false): Promise<ContactKeysRecord | undefined> {
    const running = inflight.get(jid);
    if (running) return running;
    if (!announcedHint && !force && Date.now() - (refreshedAt.get(jid) ?? 0) < FRESH_MS) return deps.store.contact(jid);
    const task = (async () => {
      const iq = deps.iq();
      if (!iq) return deps.store.contact(jid);
      const announced = announcedHint ?? (await fetchAnnouncedKeys(iq, jid)).map((k) => k.fingerprint);
      const old = await deps.store.contact(jid);
      const keys: Record<string, string> = { ...(old?.keys ?? {}) };
      const usable: string[] = [];
      for (const fpr of announced) {
        if (!keys[fpr]) {
          try {
            const peerKey = await fetchPeerKey(iq, jid, fpr);
            keys[fpr] = toBase64(peerKey.bytes);
            parsed.set(fpr, peerKey.key);
          } catch {
            continue; // unreadable or refused by the key policy: not usable
          }
        }
        usable.push(fpr);
      }
      const firstUse = !old || (old.pinned.length === 0 && old.announced.length === 0);
      const rec: ContactKeysRecord = {
        jid,
        announced: usable,
        pinned: firstUse ? [...usable] : old.pinned,
        verified: old?.verified ?? [],
        keys,
        updatedAt: Date.now(),
      };
      await deps.store.saveContact(rec);
      refreshedAt.set(jid, Date.now());
      deps.onChange(infoOf(jid, rec));
      return rec;
    })().finally(() => inflight.delete(jid));
    inflight.set(jid, task);
    return task;
  }

  return {
    refresh,
    /** Look the keys up now, whatever the last lookup (opening a conversation, the trust panel). */
    refreshNow: (jid: string) => refresh(jid, undefined, true),
    async info(jid: string): Promise<TrustInfo> {
      return infoOf(jid, await deps.store.contact(jid));
    },
    /** Keys to encrypt to, or why we must not (status other than trusted/verified). */
    async sendKeys(jid: string, options: { refresh: boolean }): Promise<{ info: TrustInfo; keys: PublicKey[] }> {
      const rec = options.refresh ? await refresh(jid) : await deps.store.contact(jid);
      const info = infoOf(jid, rec);
      if (!rec || (info.status !== 'trusted' && info.status !== 'verified')) return { info, keys: [] };
      const keys: PublicKey[] = [];
      for (const f of rec.announced) {
        const k = await keyObject(rec, f);
        if (k) keys.push(k);
      }
      return { info, keys };
    },
    /** Every key the contact announces (for checking signatures; trust is judged separately). */
    async verificationKeys(jid: string): Promise<PublicKey[]> {
      let rec = await deps.store.contact(jid);
      if (!rec || rec.announced.length === 0) rec = (await refresh(jid)) ?? rec;
      if (!rec) return [];
      const out: PublicKey[] = [];
      for (const f of new Set([...rec.announced, ...rec.pinned])) {
        const k = await keyObject(rec, f).catch(() => undefined);
        if (k) out.push(k);
      }
      return out;
    },
    async isPinned(jid: string, fingerprint: string): Promise<boolean> {
      return (await deps.store.contact(jid))?.pinned.includes(fingerprint) ?? false;
    },
    /** The user accepts the keys now announced (after reading the warning). */
    async accept(jid: string): Promise<TrustInfo> {
      const rec = await deps.store.contact(jid);
      if (!rec) return infoOf(jid, rec);
      const next = { ...rec, pinned: [...new Set([...rec.pinned, ...rec.announced])] };
      await deps.store.saveContact(next);
      const info = infoOf(jid, next);
      deps.onChange(info);
      return info;
    },
    /** The user compared the fingerprint or code in person: accepted and verified. */
    async verify(jid: string): Promise<TrustInfo> {
      const rec = await deps.store.contact(jid);
      if (!rec) return infoOf(jid, rec);
      const next = {
        ...rec,
        pinned: [...new Set([...rec.pinned, ...rec.announced])],
        verified: [...new Set([...rec.verified, ...rec.announced])],
      };
      await deps.store.saveContact(next);
      const info = infoOf(jid, next);
      deps.onChange(info);
      return info;
    },
  };
}

export type TrustManager = ReturnType<typeof createTrustManager>;
