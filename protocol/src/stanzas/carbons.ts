// XEP-0280 message carbons (urn:xmpp:carbons:2). §11 security: a carbon is only genuine when
// it comes from our own bare JID; anyone else could forge "messages we sent". A stanza with no
// `from` comes from our own server on behalf of our account (RFC 6120 §8.1.2.1).
import { type Element, xml } from '../xml/element.ts';
import { NS_CARBONS, NS_FORWARD } from '../ns.ts';
import { bareJid } from '../jid.ts';
import { ProtocolParseError } from '../errors.ts';
import { buildIq, type IqAddressing } from './iq.ts';
import { type Forwarded, parseForwarded } from './forward.ts';

/** §4: enable carbons for this session. */
export function buildEnableCarbons(addressing: IqAddressing = {}): Element {
  return buildIq('set', addressing, xml('enable', { xmlns: NS_CARBONS }));
}

/** §5: disable carbons. */
export function buildDisableCarbons(addressing: IqAddressing = {}): Element {
  return buildIq('set', addressing, xml('disable', { xmlns: NS_CARBONS }));
}

/** §7: `<private/>` keeps one message out of carbons. */
export function buildCarbonsPrivate(): Element {
  return xml('private', { xmlns: NS_CARBONS });
}

export interface Carbon extends Forwarded {
  /** 'received': a copy of a message another resource received; 'sent': one it sent. */
  direction: 'received' | 'sent';
}

/**
 * The forwarded copy, or undefined when `stanza` is not a carbon. Throws
 * ProtocolParseError('untrusted-sender') for a carbon not from `ownJid` (forged).
 */
export function parseCarbon(stanza: Element, ownJid: string): Carbon | undefined {
  if (stanza.name !== 'message') return undefined;
  const received = stanza.getChild('received', NS_CARBONS);
  const sent = stanza.getChild('sent', NS_CARBONS);
  const wrapper = received ?? sent;
  if (!wrapper) return undefined;
  if (received && sent) throw new ProtocolParseError('invalid-value', 'carbon is both received and sent');
  const from = stanza.attrs.from;
  // The bare JID exactly: a full JID (one of our resources, or a forgery) is not the server.
  if (from !== undefined && (from.includes('/') || bareJid(from) !== bareJid(ownJid))) {
    throw new ProtocolParseError('untrusted-sender', `carbon from ${from}, not from our account`);
  }
  return { direction: received ? 'received' : 'sent', ...parseForwarded(wrapper) };
}

/** A carbon as the server sends it (for tests and fakes). */
export function buildCarbon(options: { ownJid: string; to: string; direction: 'received' | 'sent'; message: Element }): Element {
  return xml(
    'message',
    { from: bareJid(options.ownJid), to: options.to, type: options.message.attrs.type },
    xml(options.direction, { xmlns: NS_CARBONS }, xml('forwarded', { xmlns: NS_FORWARD }, options.message)),
  );
}
