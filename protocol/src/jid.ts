// Minimal JID handling (RFC 7622). XEP-0373 §7.3 requires comparing normalized addresses; we
// lowercase local part and domain (what Prosody's nodeprep/nameprep does for ASCII) and keep
// the resource as is. Full PRECIS profiles are out of scope: non-ASCII JIDs compare exactly.
import { ProtocolParseError } from './errors.ts';

export interface Jid {
  local: string | undefined;
  domain: string;
  resource: string | undefined;
}

export function parseJid(text: string): Jid {
  const slash = text.indexOf('/');
  const resource = slash >= 0 ? text.slice(slash + 1) : undefined;
  const bare = slash >= 0 ? text.slice(0, slash) : text;
  const at = bare.indexOf('@');
  const local = at >= 0 ? bare.slice(0, at) : undefined;
  const domain = at >= 0 ? bare.slice(at + 1) : bare;
  if (
    domain === '' ||
    local === '' ||
    resource === '' ||
    domain.includes('@') ||
    /[\s"&'<>:]/.test(local ?? '') ||
    /[\s/]/.test(domain) ||
    text.length > 3071
  ) {
    throw new ProtocolParseError('invalid-value', `invalid JID '${text}'`);
  }
  return { local: local?.toLowerCase(), domain: domain.toLowerCase().replace(/\.$/, ''), resource };
}

/** The normalized bare JID (`local@domain` or `domain`). */
export function bareJid(text: string): string {
  const { local, domain } = parseJid(text);
  return local === undefined ? domain : `${local}@${domain}`;
}

/** Whether two addresses name the same account (bare JIDs compared after normalization). */
export function sameBareJid(a: string, b: string): boolean {
  try {
    return bareJid(a) === bareJid(b);
  } catch {
    return false;
  }
}

export function isBareJid(text: string): boolean {
  try {
    const jid = parseJid(text);
    return jid.resource === undefined;
  } catch {
    return false;
  }
}
