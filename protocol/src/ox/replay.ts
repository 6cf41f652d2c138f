// Replay detection for OX messages. A signcrypt carries random padding, so two honest
// encryptions never share plaintext: the same signcrypt in two different archived messages
// means someone re-sent a captured message (possibly under a new stanza id). The same message
// is, however, legitimately seen again (live delivery, then MAM catch-up; a carbon, then the
// archive). Sightings carry the server-assigned id when known (XEP-0359 stanza-id by our
// account, MAM result id): the "occurrence".
// - first sighting: 'new';
// - seen under the same occurrence, or one of the two occurrences is unknown: 'duplicate'
//   (the client shows it once, merging by digest);
// - seen under a different known occurrence: 'replay' (refused).
// Entries only need to live as long as the time check would accept the message (ox/decrypt.ts
// refuses older signcrypts as stale), which bounds the cache.

export type ReplayVerdict = 'new' | 'duplicate' | 'replay';

/** Most digests a cache keeps by default (memory here, or a persistent one elsewhere). */
export const DEFAULT_REPLAY_MAX_ENTRIES = 100_000;

/**
 * The rule above, for any cache: how a sighting under `occurrence` relates to what is
 * remembered for its digest (`seen`, unless expired at `now`), and what to remember after it.
 * A 'replay' changes nothing.
 */
export function classifySighting(
  seen: { occurrence: string | undefined; expiresAt: number } | undefined,
  sighting: { occurrence: string | undefined; expiresAt: number },
  now: number,
): { verdict: ReplayVerdict; remember: { occurrence: string | undefined; expiresAt: number } | undefined } {
  if (!seen || seen.expiresAt <= now) return { verdict: 'new', remember: { ...sighting } };
  if (seen.occurrence !== undefined && sighting.occurrence !== undefined && seen.occurrence !== sighting.occurrence) {
    return { verdict: 'replay', remember: undefined };
  }
  return { verdict: 'duplicate', remember: { occurrence: seen.occurrence ?? sighting.occurrence, expiresAt: seen.expiresAt } };
}

export interface ReplayCache {
  /** Records `digest` (with its occurrence when known) and classifies this sighting. */
  checkAndRecord(entry: { digest: string; occurrence: string | undefined; expiresAt: number }): ReplayVerdict | Promise<ReplayVerdict>;
}

interface Entry {
  occurrence: string | undefined;
  expiresAt: number;
}

export interface MemoryReplayCacheOptions {
  /** Most digests kept; the oldest are dropped first after expired ones. */
  maxEntries?: number;
  now?: () => number;
}

/** The in-memory default: a Map in insertion order with expiry and a size cap. */
export function createMemoryReplayCache(options: MemoryReplayCacheOptions = {}): ReplayCache & { size(): number } {
  const maxEntries = options.maxEntries ?? DEFAULT_REPLAY_MAX_ENTRIES;
  const now = options.now ?? (() => Date.now());
  const entries = new Map<string, Entry>();

  function evict(): void {
    const t = now();
    for (const [digest, entry] of entries) {
      if (entry.expiresAt <= t) entries.delete(digest);
    }
    while (entries.size >= maxEntries) {
      const oldest = entries.keys().next();
      if (oldest.done) break;
      entries.delete(oldest.value);
    }
  }

  return {
    checkAndRecord({ digest, occurrence, expiresAt }) {
      const seen = entries.get(digest);
      const { verdict, remember } = classifySighting(seen, { occurrence, expiresAt }, now());
      if (verdict === 'duplicate' && seen && remember) seen.occurrence = remember.occurrence;
      if (verdict === 'new' && remember) {
        if (seen) entries.delete(digest); // expired: re-inserted as the newest
        if (entries.size >= maxEntries) evict();
        entries.set(digest, remember);
      }
      return verdict;
    },
    size: () => entries.size,
  };
}
