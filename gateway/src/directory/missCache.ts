// A bounded memory of addresses recently found without keys (the oldest are forgotten first),
// so lookups of unknown names cost no IQ until the entry expires.

export interface MissCache {
  has(address: string, now: number): boolean;
  add(address: string, now: number): void;
  delete(address: string): void;
}

export function createMissCache(options: { ttlMs: number; maxEntries: number }): MissCache {
  const until = new Map<string, number>();
  return {
    has(address, now) {
      const t = until.get(address);
      if (t === undefined) return false;
      if (t > now) return true;
      until.delete(address);
      return false;
    },
    add(address, now) {
      until.delete(address);
      until.set(address, now + options.ttlMs);
      if (until.size > options.maxEntries) until.delete(until.keys().next().value!);
    },
    delete(address) {
      until.delete(address);
    },
  };
}
