// The replay memory of one account (protocol ox/replay.ts), kept in the account's IndexedDB
// so a reload forgets nothing. The decryptor asks `checkAndRecord` (same rule as the memory
// cache: classifySighting); what to remember is held back until ingest stores the message,
// then written in the same transaction as the message (`take`), so a message is never stored
// without its replay entry, nor an entry without its message.
import { classifySighting, type ReplayCache, type ReplayVerdict } from '@sealpost/protocol';
import type { AccountStore } from '../storage/accountStore.ts';
import type { ReplayRecord } from '../storage/schema.ts';

export interface PendingReplay {
  digest: string;
  occurrence: string | undefined;
  expiresAt: number;
  /** The message an earlier sighting was stored as, when there was one. */
  storedAs: string | undefined;
  verdict: ReplayVerdict;
}

export interface ReplayMemory extends ReplayCache {
  /** What the last check of `digest` decided, to be written with its message (once). */
  take(digest: string): PendingReplay | undefined;
}

export function createReplayMemory(deps: { store: AccountStore; now?: () => number }): ReplayMemory {
  const now = deps.now ?? (() => Date.now());
  // Checks and stores run one message at a time (the messaging queue): this holds at most the
  // sighting being ingested; older ones are dropped when a new check starts.
  const pending = new Map<string, PendingReplay>();

  return {
    async checkAndRecord({ digest, occurrence, expiresAt }) {
      const seen = pending.get(digest) ?? toSighting(await deps.store.getReplay(digest));
      pending.clear();
      const { verdict, remember } = classifySighting(seen, { occurrence, expiresAt }, now());
      if (remember) {
        pending.set(digest, { digest, ...remember, storedAs: verdict === 'new' ? undefined : seen?.storedAs, verdict });
      }
      return verdict;
    },
    take(digest) {
      const entry = pending.get(digest);
      pending.delete(digest);
      return entry;
    },
  };
}

function toSighting(rec: ReplayRecord | undefined): (PendingReplay & { storedAs: string }) | undefined {
  if (!rec) return undefined;
  return { digest: rec.digest, occurrence: rec.occurrence, expiresAt: rec.expiresAt, storedAs: rec.messageKey, verdict: 'new' };
}

/** The stored form of a sighting, for the message stored under `messageKey`. */
export function replayRecord(entry: PendingReplay, messageKey: string): ReplayRecord {
  return { digest: entry.digest, expiresAt: entry.expiresAt, messageKey, ...(entry.occurrence !== undefined ? { occurrence: entry.occurrence } : {}) };
}
