// XEP-0184 message delivery receipts: `<request/>` on a message (§5.1) and `<received id/>`
// in reply (§5.2). Sealpost puts the request inside the encrypted payload (ox/payload.ts);
// the receipt itself carries only the message id and may travel in the clear.
import { type Element, xml } from '../xml/element.ts';
import { NS_HINTS, NS_RECEIPTS } from '../ns.ts';
import { ProtocolParseError } from '../errors.ts';

export function buildReceiptRequest(): Element {
  return xml('request', { xmlns: NS_RECEIPTS });
}

export function hasReceiptRequest(stanza: Element): boolean {
  return stanza.getChild('request', NS_RECEIPTS) !== undefined;
}

/** §5.2: acknowledge message `id`; §6: the receipt needs the same `type`. */
export function buildReceipt(options: { to: string; id: string; type?: 'chat' | 'normal'; stanzaId?: string }): Element {
  return xml(
    'message',
    { to: options.to, id: options.stanzaId, type: options.type },
    xml('received', { xmlns: NS_RECEIPTS, id: options.id }),
    xml('store', { xmlns: NS_HINTS }),
  );
}

/** The acknowledged message id, or undefined when `stanza` is not a receipt. */
export function parseReceipt(stanza: Element): { id: string } | undefined {
  if (stanza.name !== 'message') return undefined;
  const received = stanza.getChild('received', NS_RECEIPTS);
  if (!received) return undefined;
  const id = received.attrs.id;
  if (!id) throw new ProtocolParseError('missing-attribute', 'receipt without id');
  return { id };
}
