// RFC 6120 §8.2.3: IQ envelopes. Builders leave `id` out unless given: @xmpp/iq's caller
// assigns one. Parsers accept the full result stanza and check its shape.
import { type Element, xml, type XmlChild } from '../xml/element.ts';
import { ProtocolParseError } from '../errors.ts';
import { throwIfError } from './error.ts';

export interface IqAddressing {
  to?: string;
  from?: string;
  id?: string;
}

export function buildIq(type: 'get' | 'set', addressing: IqAddressing, child: XmlChild): Element {
  return xml('iq', { type, to: addressing.to, from: addressing.from, id: addressing.id }, child);
}

/**
 * The payload child `<name xmlns=ns>` of an IQ result. Throws 'stanza-error' on error replies
 * and 'unexpected-element' when the stanza is not an IQ result. Returns `undefined` for an
 * empty result when `optional` is set.
 */
export function iqResultChild(stanza: Element, name: string, ns: string, optional: true): Element | undefined;
export function iqResultChild(stanza: Element, name: string, ns: string, optional?: false): Element;
export function iqResultChild(stanza: Element, name: string, ns: string, optional = false): Element | undefined {
  if (stanza.name !== 'iq') throw new ProtocolParseError('unexpected-element', `expected <iq>, got <${stanza.name}>`);
  throwIfError(stanza);
  if (stanza.attrs.type !== 'result') {
    throw new ProtocolParseError('unexpected-element', `expected an IQ result, got type '${stanza.attrs.type ?? ''}'`);
  }
  const child = stanza.getChild(name, ns);
  if (!child && !optional) throw new ProtocolParseError('missing-element', `IQ result lacks <${name} xmlns='${ns}'>`);
  return child;
}

/** An empty IQ result reply to `request` (RFC 6120 §8.2.3). */
export function buildIqResult(request: Element, child?: XmlChild): Element {
  return xml('iq', { type: 'result', to: request.attrs.from, from: request.attrs.to, id: request.attrs.id }, child);
}
