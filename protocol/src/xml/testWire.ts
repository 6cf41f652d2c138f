// Test helper: what a stanza looks like after a trip over the wire (serialize, then parse).
import type { Element } from './element.ts';
import { parseXml } from './parse.ts';

export function overTheWire(el: Element): Element {
  return parseXml(el.toString());
}

/** Wraps a payload child in an IQ result, as a server would answer. */
export function iqResult(child: Element | null, attrs: Record<string, string> = {}): Element {
  const iq = parseXml(`<iq xmlns='jabber:client' type='result' id='r1'/>`);
  for (const [k, v] of Object.entries(attrs)) iq.attrs[k] = v;
  if (child) iq.append(parseXml(child.toString()));
  return overTheWire(iq);
}
