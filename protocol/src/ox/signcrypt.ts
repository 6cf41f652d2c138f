// XEP-0373 §3.1: the `<signcrypt/>` content element: at least one `<to jid/>`, exactly one
// `<time stamp/>` (XEP-0082), SHOULD one `<rpad/>`, exactly one `<payload/>`.
import { type Element, expectElement, requireAttr, requireSingleChild, xml } from '../xml/element.ts';
import { NS_OX } from '../ns.ts';
import { formatDateTime, parseDateTime } from '../datetime.ts';
import { bareJid } from '../jid.ts';
import { ProtocolParseError } from '../errors.ts';
import { buildPayloadChildren, type OxPayload, parsePayloadChildren } from './payload.ts';
import { randomPadding } from './rpad.ts';

export interface Signcrypt {
  /** Intended recipients, bare JIDs (§3.1: SHOULD be bare). */
  to: string[];
  time: Date;
  payload: OxPayload;
}

const MAX_RECIPIENTS = 64;

export function buildSigncrypt(signcrypt: Signcrypt & { rpad?: string }): Element {
  if (signcrypt.to.length === 0) throw new ProtocolParseError('missing-element', 'signcrypt needs at least one <to/>');
  return xml(
    'signcrypt',
    { xmlns: NS_OX },
    signcrypt.to.map((jid) => xml('to', { jid: bareJid(jid) })),
    xml('time', { stamp: formatDateTime(signcrypt.time) }),
    xml('rpad', {}, signcrypt.rpad ?? randomPadding()),
    xml('payload', {}, buildPayloadChildren(signcrypt.payload)),
  );
}

export function parseSigncrypt(el: Element): Signcrypt {
  expectElement(el, 'signcrypt', NS_OX);
  const toEls = el.getChildren('to', NS_OX);
  if (toEls.length === 0) throw new ProtocolParseError('missing-element', 'signcrypt lacks <to/>');
  if (toEls.length > MAX_RECIPIENTS) throw new ProtocolParseError('xml-limit', `more than ${MAX_RECIPIENTS} <to/>`);
  const to = toEls.map((t) => bareJid(requireAttr(t, 'jid')));
  const time = parseDateTime(requireAttr(requireSingleChild(el, 'time', NS_OX), 'stamp'));
  if (el.getChildren('rpad', NS_OX).length > 1) throw new ProtocolParseError('invalid-value', 'more than one <rpad/>');
  const payload = parsePayloadChildren(requireSingleChild(el, 'payload', NS_OX));
  return { to, time, payload };
}
