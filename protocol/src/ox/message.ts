// XEP-0374 §6 / XEP-0373 §3: the outer message of an OX chat message: the `<openpgp/>`
// element with the base64 OpenPGP message, a fallback `<body/>` for clients without OX, the
// XEP-0334 `<store/>` hint (the body is only a fallback, so servers could skip archiving it)
// and the XEP-0380 EME element. Other clients send it without `type`: accept chat and none.
import { type Element, requireSingleChild, xml } from '../xml/element.ts';
import { NS_EME, NS_HINTS, NS_OX, NS_SID } from '../ns.ts';
import { ProtocolParseError } from '../errors.ts';
import { type Delay, parseDelay, parseStanzaIds, type StanzaId } from '../stanzas/delay.ts';

export const OX_FALLBACK_BODY = 'This message is encrypted with OpenPGP for XMPP (XEP-0373). Your client does not support it.';

export type OxMessageType = 'chat' | 'normal';

export interface OxEnvelope {
  to: string;
  from?: string;
  id?: string;
  type?: OxMessageType;
  /** Base64 of the binary OpenPGP message (no armor). */
  openpgp: string;
}

export interface ParsedOxEnvelope extends OxEnvelope {
  stanzaIds: StanzaId[];
  delay: Delay | undefined;
}

export function buildOxMessage(envelope: OxEnvelope & { fallbackBody?: string; originId?: string }): Element {
  return xml(
    'message',
    { to: envelope.to, from: envelope.from, id: envelope.id, type: envelope.type ?? 'chat' },
    xml('openpgp', { xmlns: NS_OX }, envelope.openpgp),
    xml('encryption', { xmlns: NS_EME, namespace: NS_OX, name: 'OpenPGP for XMPP' }),
    xml('store', { xmlns: NS_HINTS }),
    envelope.originId !== undefined ? xml('origin-id', { xmlns: NS_SID, id: envelope.originId }) : null,
    xml('body', {}, envelope.fallbackBody ?? OX_FALLBACK_BODY),
  );
}

/** Whether `stanza` is a message carrying an `<openpgp/>` element. */
export function isOxMessage(stanza: Element): boolean {
  return stanza.name === 'message' && stanza.getChild('openpgp', NS_OX) !== undefined;
}

export function parseOxMessage(stanza: Element): ParsedOxEnvelope {
  if (stanza.name !== 'message') throw new ProtocolParseError('unexpected-element', `expected <message>, got <${stanza.name}>`);
  const type = stanza.attrs.type;
  if (type !== undefined && type !== 'chat' && type !== 'normal') {
    throw new ProtocolParseError('invalid-value', `OX message of type '${type}'`);
  }
  const to = stanza.attrs.to;
  if (!to) throw new ProtocolParseError('missing-attribute', 'OX message lacks to');
  const openpgp = requireSingleChild(stanza, 'openpgp', NS_OX).getText().trim();
  if (openpgp === '') throw new ProtocolParseError('invalid-value', 'empty <openpgp/>');
  const envelope: ParsedOxEnvelope = { to, openpgp, stanzaIds: parseStanzaIds(stanza), delay: parseDelay(stanza) };
  if (stanza.attrs.from) envelope.from = stanza.attrs.from;
  if (stanza.attrs.id) envelope.id = stanza.attrs.id;
  if (type !== undefined) envelope.type = type;
  return envelope;
}
