// Fixed-window rate limiting in memory (one gateway process per deployment: the component
// JID allows one connection). Keys are client addresses, JIDs or `*` for a global limit.
import type { RateLimit } from '../config/config.ts';

export interface RateLimiter {
  /** Takes one unit for `key`; returns 0 when allowed, else the seconds until it would be. */
  take(key: string): number;
  /** Gives back a unit taken by `take` (the request was refused for another reason). */
  refund(key: string): void;
}

export function createRateLimiter(limit: RateLimit, now: () => number = Date.now): RateLimiter {
  const windows = new Map<string, { start: number; count: number }>();
  let lastSweep = now();
  return {
    take(key) {
      const t = now();
      if (t - lastSweep > limit.windowMs) {
        for (const [k, w] of windows) if (t - w.start >= limit.windowMs) windows.delete(k);
        lastSweep = t;
      }
      let w = windows.get(key);
      if (!w || t - w.start >= limit.windowMs) {
        w = { start: t, count: 0 };
        windows.set(key, w);
      }
      if (w.count >= limit.count) return Math.max(1, Math.ceil((w.start + limit.windowMs - t) / 1000));
      w.count++;
      return 0;
    },
    refund(key) {
      const w = windows.get(key);
      if (w && w.count > 0) w.count--;
    },
  };
}
