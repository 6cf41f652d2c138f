// Addresses the directory accepts from the outside (HTTP paths, lookup IQs): a bare JID
// `local@domain`, normalised to lowercase, of bounded length, with a DNS-like domain. Anything
// else is refused before it reaches the store or Prosody.
import { isXmlText, parseJid } from '@sealpost/protocol';
import { AppError } from '../errors.ts';

export const MAX_ADDRESS_LENGTH = 320;
const MAX_LOCAL_LENGTH = 64;
const DOMAIN = /^(?=.{1,253}$)[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*$/;
// RFC 7622 §3.3.1 forbids " & ' / : < > @ in local parts; we also refuse controls, `%` and `\`,
// and anything XML 1.0 §2.2 forbids (U+FFFE, lone surrogates) since addresses go into stanzas.
const LOCAL = /^[^\s"&'/:<>@%\\\p{Cc}]+$/u;

/** The normalised bare JID, or undefined when `text` is not an acceptable address. */
export function normalizeAddress(text: string): string | undefined {
  if (text.length === 0 || text.length > MAX_ADDRESS_LENGTH || !isXmlText(text)) return undefined;
  let jid;
  try {
    jid = parseJid(text);
  } catch {
    return undefined;
  }
  if (jid.local === undefined || jid.resource !== undefined) return undefined;
  if (jid.local.length > MAX_LOCAL_LENGTH || !LOCAL.test(jid.local) || !DOMAIN.test(jid.domain)) return undefined;
  return `${jid.local}@${jid.domain}`;
}

/**
 * The bare JID `localPart@domain` for a local part given on its own (the Web Key Directory's
 * `?l=`), or undefined when it is not exactly one local part: `@` or `/` would make it name
 * another domain or a full JID (RFC 7622 §3.1), and the rest is checked as for any address.
 */
export function addressOfLocalPart(localPart: string, domain: string): string | undefined {
  if (/[@/]/.test(localPart)) return undefined;
  return normalizeAddress(`${localPart}@${domain}`);
}

export function parseAddress(text: string): string {
  const address = normalizeAddress(text);
  if (!address) throw new AppError('bad_request', 'not an address: expected a bare JID such as alice@example.org', { field: 'jid' });
  return address;
}
