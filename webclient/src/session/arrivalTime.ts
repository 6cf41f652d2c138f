// When a message reached us, for ordering and for the signed-time check of XEP-0373 §3.1.
// A sender may put any XEP-0203 `<delay/>` on its message: only our own server's word counts.
// - live messages: the local clock when received, unless our server kept the message while
//   we were away (offline storage, XEP-0160) and stamped it `from` its own domain (XEP-0203
//   §3); that stamp is bounded by `now` and by `floor` (nothing was kept for us before the
//   newest message we already held), because a sender can also forge a `from`;
// - archive results (XEP-0313) and carbons (XEP-0280): the stamp on the `<forwarded/>`
//   wrapper, which our server adds outside the sender's stanza (not decided here).
// Any other delay is the sender's claim: kept to be shown, never used to sort.
import type { Delay } from '@sealpost/protocol';

export interface Arrival {
  /** The time to sort by and to judge the signed time against. */
  at: Date;
  /** A date the sender (or anyone but our server) put on the message, when present. */
  claimed: Date | undefined;
}

export function liveArrival(options: { delays: readonly Delay[]; serverDomain: string; now: Date; floor?: number }): Arrival {
  const now = options.now.getTime();
  const domain = options.serverDomain.toLowerCase();
  const ours = options.delays.filter((d) => d.from?.toLowerCase() === domain);
  const claimed = claimedDate(options.delays, domain);
  // The server appends its delay after the sender's children: the last one of ours is its.
  const stored = ours[ours.length - 1]?.stamp.getTime();
  const at = stored === undefined ? now : Math.min(now, Math.max(stored, Math.min(options.floor ?? 0, now)));
  return { at: new Date(at), claimed };
}

/** The claim a message carries about its own date (any delay not from our server). */
export function claimedDate(delays: readonly Delay[], serverDomain: string): Date | undefined {
  const domain = serverDomain.toLowerCase();
  return delays.find((d) => d.from?.toLowerCase() !== domain)?.stamp;
}

/** How far a sender's date may lie from the arrival before it is pointed out. */
export const DATE_NOTE_THRESHOLD_MS = 10 * 60 * 1000;

/**
 * The date to point out on a message: the sender's claimed delay when far from `ts`, else
 * the signed time when far from it.
 */
export function dateNote(m: { ts: number; signedAt?: number; claimedAt?: number }): { kind: 'claimed' | 'signed'; at: number } | undefined {
  const far = (x: number | undefined): x is number => x !== undefined && Math.abs(x - m.ts) > DATE_NOTE_THRESHOLD_MS;
  if (far(m.claimedAt)) return { kind: 'claimed', at: m.claimedAt };
  if (far(m.signedAt)) return { kind: 'signed', at: m.signedAt };
  return undefined;
}
