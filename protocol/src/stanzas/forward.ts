// XEP-0297 §3: a `<forwarded/>` wrapper holding one stanza and optionally its XEP-0203 delay.
// Used by carbons (XEP-0280) and archive results (XEP-0313).
import { type Element, requireChild } from '../xml/element.ts';
import { NS_CLIENT, NS_FORWARD } from '../ns.ts';
import { ProtocolParseError } from '../errors.ts';
import { type Delay, parseDelay } from './delay.ts';

export interface Forwarded {
  message: Element;
  delay: Delay | undefined;
}

export function parseForwarded(container: Element): Forwarded {
  const forwarded = requireChild(container, 'forwarded', NS_FORWARD);
  const message = forwarded.getChild('message', NS_CLIENT) ?? forwarded.getChild('message');
  if (!message) throw new ProtocolParseError('missing-element', '<forwarded/> holds no <message/>');
  return { message, delay: parseDelay(forwarded) };
}
