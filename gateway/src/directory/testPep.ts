// Test double for the directory's unit tests: an in-memory PEP service answering XEP-0060
// items requests the way Prosody does (error replies reject with a `condition`, as the
// component's IQ tracker does), with a switch to stop answering.
import { buildPublicKeysList, type Element, type IqRequest, NODE_OX_PUBLIC_KEY_DATA_PREFIX, NODE_OX_PUBLIC_KEYS, NS_OX, NS_PUBSUB, parseXml, toBase64, xml } from '@sealpost/protocol';
import pino from 'pino';
import { openSqliteStore } from '../store/sqlite/sqliteStore.ts';
import { createIdGenerator } from '../security/ids.ts';
import { type DirectoryContext, openDirectory } from './context.ts';
import { ephemeralSigner } from './signer.ts';

export interface FakePep {
  request: IqRequest;
  /** Publishes the metadata list and one data node per key (XEP-0373 §4.1, §4.2). */
  publish(jid: string, keys: Array<{ fingerprint: string; data: Uint8Array }>): void;
  /** Puts any payload into a node, or removes the node (payload undefined). */
  setNode(jid: string, node: string, payload: Element | undefined): void;
  down: boolean;
  requests: number;
}

export function fakePep(): FakePep {
  const nodes = new Map<string, Element>();
  const pep: FakePep = {
    down: false,
    requests: 0,
    async request(iq) {
      pep.requests++;
      if (pep.down) throw Object.assign(new Error('no reply within 5000 ms'), { code: 'unavailable' });
      const wire = parseXml(iq.toString());
      const to = wire.attrs.to!;
      const node = wire.getChild('pubsub', NS_PUBSUB)!.getChild('items')!.attrs.node!;
      const payload = nodes.get(`${to} ${node}`);
      if (!payload) throw Object.assign(new Error('item-not-found'), { condition: 'item-not-found' });
      return parseXml(xml('iq', { type: 'result', from: to, id: wire.attrs.id }, xml('pubsub', { xmlns: NS_PUBSUB }, xml('items', { node }, xml('item', { id: 'current' }, payload)))).toString());
    },
    publish(jid, keys) {
      for (const key of nodes.keys()) if (key.startsWith(`${jid} `)) nodes.delete(key);
      for (const k of keys) pep.setNode(jid, NODE_OX_PUBLIC_KEY_DATA_PREFIX + k.fingerprint, xml('pubkey', { xmlns: NS_OX }, xml('data', {}, toBase64(k.data))));
      pep.setNode(jid, NODE_OX_PUBLIC_KEYS, buildPublicKeysList(keys.map((k) => ({ fingerprint: k.fingerprint, date: new Date('2025-01-02T00:00:00Z') }))));
    },
    setNode(jid, node, payload) {
      if (payload) nodes.set(`${jid} ${node}`, payload);
      else nodes.delete(`${jid} ${node}`);
    },
  };
  return pep;
}

export interface TestDirectory {
  ctx: DirectoryContext;
  pep: FakePep;
  clock: { now: Date };
  close(): Promise<void>;
}

/**
 * A directory over an in-memory SQLite store, a fake PEP service and a settable clock. The
 * `accounts` (local parts; alice and nobody by default) have active user records: the
 * directory serves only accounts of the gateway.
 */
export async function testDirectory(options: { refreshAfterMs?: number; accounts?: string[] } = {}): Promise<TestDirectory> {
  const store = openSqliteStore(':memory:');
  const created = new Date('2029-12-31T00:00:00.000Z');
  for (const username of options.accounts ?? ['alice', 'nobody']) {
    await store.users.insert({ username, status: 'active', roles: [], createdAt: created, updatedAt: created, quotaBytes: null, source: 'admin', inviteId: null });
  }
  const pep = fakePep();
  const clock = { now: new Date('2030-01-01T00:00:00.000Z') };
  const ctx = await openDirectory({
    store,
    domain: 'localhost',
    signer: ephemeralSigner(),
    pep: pep.request,
    refreshAfterMs: options.refreshAfterMs ?? 3_600_000,
    now: () => new Date(clock.now),
    newId: createIdGenerator(),
    log: pino({ level: 'silent' }),
  });
  return { ctx, pep, clock, close: () => store.close() };
}
