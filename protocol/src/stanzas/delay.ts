// XEP-0203 delayed delivery and XEP-0359 stanza ids: metadata the server adds to messages.
import { type Element, requireAttr } from '../xml/element.ts';
import { NS_DELAY, NS_SID } from '../ns.ts';
import { parseDateTime } from '../datetime.ts';

export interface Delay {
  stamp: Date;
  from: string | undefined;
}

/** XEP-0203 §4: `<delay stamp/>` child of a message or `<forwarded/>`. */
export function parseDelay(el: Element): Delay | undefined {
  const delay = el.getChild('delay', NS_DELAY);
  if (!delay) return undefined;
  return { stamp: parseDateTime(requireAttr(delay, 'stamp')), from: delay.attrs.from };
}

/**
 * Every `<delay/>` child, in document order, skipping malformed ones. A message may carry
 * several: the sender's own (any client can add one) and the one each server that stored it
 * added (XEP-0203 §3, e.g. offline storage, XEP-0160). Only a delay whose `from` is an entity
 * you trust (your own server's domain) says when the message reached it; any other is a claim.
 */
export function parseDelays(el: Element): Delay[] {
  const out: Delay[] = [];
  for (const delay of el.getChildren('delay', NS_DELAY)) {
    try {
      out.push({ stamp: parseDateTime(requireAttr(delay, 'stamp')), from: delay.attrs.from });
    } catch {
      // A malformed stamp dates nothing: skipped, the others still count.
    }
  }
  return out;
}

export interface StanzaId {
  id: string;
  by: string;
}

/** XEP-0359 §3: every `<stanza-id id by/>`. Trust only those `by` your own account or server. */
export function parseStanzaIds(el: Element): StanzaId[] {
  return el
    .getChildren('stanza-id', NS_SID)
    .filter((s) => s.attrs.id && s.attrs.by)
    .map((s) => ({ id: requireAttr(s, 'id'), by: requireAttr(s, 'by') }));
}

/** XEP-0359 §3.1 `<origin-id/>` chosen by the sender. */
export function parseOriginId(el: Element): string | undefined {
  return el.getChild('origin-id', NS_SID)?.attrs.id;
}
