// What the component refuses to send. One character XML 1.0 §2.2 forbids makes the whole
// stream not-well-formed (RFC 6120 §11.1, §4.9.3.13): Prosody closes it and every request
// in flight on it fails. An address that is not a JID (RFC 7622) would be routed somewhere
// nobody meant, or bounce. So every outgoing stanza is checked here, wherever its values
// came from, and refused with a clear error before a byte is written.
import { type Element, findForbiddenXmlChar } from '@sealpost/protocol';
import { AppError } from '../errors.ts';

/** The stanza was refused before sending: the server certainly did not act on it. */
export class StanzaRefusedError extends AppError {
  constructor(problem: string) {
    super('bad_request', `stanza not sent: ${problem}`);
    this.name = 'StanzaRefusedError';
  }
}

/** RFC 7622 §3.1: each part is 1 to 1023 octets of UTF-8. */
const MAX_PART_OCTETS = 1023;
/** RFC 7622 §3.3.1: characters a localpart must not contain; IdentifierClass has no spaces or controls. */
const LOCAL = /^[^\s\p{Cc}"&'/:<>@]+$/u;
/** A DNS name (labels, no empty ones) or an IP literal (RFC 7622 §3.2). */
const DOMAIN = /^(\[[0-9A-Fa-f:.]+\]|[^\s\p{Cc}"&'/:<>@\\[\]]+)$/u;
/** RFC 7622 §3.4: OpaqueString, so spaces are allowed but controls are not. */
const RESOURCE = /^[^\p{Cc}]+$/u;

const octets = (s: string) => Buffer.byteLength(s, 'utf8');
const part = (s: string, re: RegExp) => s.length > 0 && octets(s) <= MAX_PART_OCTETS && re.test(s);

/** Whether `text` is a well-formed JID (bare or full, RFC 7622 §3.1), e.g. `alice@example.org/phone`. */
export function isValidJid(text: string): boolean {
  const slash = text.indexOf('/');
  const bare = slash >= 0 ? text.slice(0, slash) : text;
  if (slash >= 0 && !part(text.slice(slash + 1), RESOURCE)) return false;
  const at = bare.indexOf('@');
  if (at >= 0 && !part(bare.slice(0, at), LOCAL)) return false;
  const domain = (at >= 0 ? bare.slice(at + 1) : bare).replace(/\.$/, '');
  if (!part(domain, DOMAIN)) return false;
  return domain.startsWith('[') || domain.split('.').every((label) => label.length > 0 && label.length <= 63);
}

/** Whether `localpart` can stand before `@domain` in a bare JID (RFC 7622 §3.3). */
export function isValidLocalpart(localpart: string): boolean {
  return part(localpart, LOCAL);
}

/** Throws StanzaRefusedError unless `stanza` can go on the wire as it is. */
export function assertSendable(stanza: Element): void {
  const forbidden = findForbiddenXmlChar(stanza);
  if (forbidden) throw new StanzaRefusedError(`a character XML 1.0 forbids in the ${forbidden}`);
  const { to, from } = stanza.attrs;
  if (to === undefined || !isValidJid(to)) throw new StanzaRefusedError(`'to' is not a JID`);
  if (from !== undefined && !isValidJid(from)) throw new StanzaRefusedError(`'from' is not a JID`);
}
