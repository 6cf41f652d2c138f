// What the key directory's use cases run with. Built once by the composition root
// (openDirectory registers the signing key's public half in the store); tests build their own
// with a fake PEP and a fixed clock.
import type { IqRequest } from '@sealpost/protocol';
import { createKeyedLock, type KeyedLock } from '../accounts/keyedLock.ts';
import type { Logger } from '../log/logger.ts';
import type { IdGenerator } from '../security/ids.ts';
import type { Store } from '../store/store.ts';
import { createGenuineCache, type GenuineCache } from './genuineKeys.ts';
import { createMissCache, type MissCache } from './missCache.ts';
import type { LogSigner } from './signer.ts';
import type { SyncResult } from './syncAddress.ts';

export interface DirectoryContext {
  store: Store;
  /** Our XMPP domain: only its accounts are ingested and served. */
  domain: string;
  signer: LogSigner;
  /** Sends an IQ from the gateway component and resolves with the reply (PEP reads). */
  pep: IqRequest;
  /** A lookup re-reads an address's PEP nodes when its record is older than this. */
  refreshAfterMs: number;
  now(): Date;
  newId: IdGenerator;
  log: Logger;
  /** Serialises log appends within this process (the chain has one writer). */
  writes: KeyedLock;
  /** Syncs in progress per address, so concurrent lookups share one PEP read. */
  inflight: Map<string, Promise<SyncResult>>;
  /** Addresses recently found without keys, so repeated lookups do not each ask Prosody. */
  misses: MissCache;
  /** Key rows already found to match the signed log (genuineKeys.ts). */
  genuine: GenuineCache;
}

export type DirectoryDeps = Omit<DirectoryContext, 'writes' | 'inflight' | 'misses' | 'genuine' | 'log'> & { log: Logger; missTtlMs?: number };

export async function openDirectory(deps: DirectoryDeps): Promise<DirectoryContext> {
  const { missTtlMs, ...rest } = deps;
  await deps.store.keys.addSigner({ id: deps.signer.id, algorithm: 'ed25519', publicKey: deps.signer.publicKey, createdAt: deps.now() });
  return {
    ...rest,
    log: deps.log.child({ module: 'directory' }),
    writes: createKeyedLock(),
    inflight: new Map(),
    misses: createMissCache({ ttlMs: missTtlMs ?? Math.min(deps.refreshAfterMs, 60_000), maxEntries: 10_000 }),
    genuine: createGenuineCache(50_000),
  };
}
