// The gateway's token exchange over XMPP: a logged-in client asks the component for a
// short-lived bearer token for the HTTP API. Prosody stamps the IQ's `from` with the
// authenticated sender (RFC 6120 §8.1.2.1), so no password is ever handed to the gateway.
//
//   C: <iq type='set' to='gateway.example.org' id='t1'>
//        <request xmlns='urn:sealpost:gateway:token:0'/>
//      </iq>
//   S: <iq type='result' from='gateway.example.org' id='t1'>
//        <token xmlns='urn:sealpost:gateway:token:0' expires='2030-01-01T12:15:00.000Z'>sps_...</token>
//      </iq>
//
// Errors: <not-authorized/> (no active account record), <resource-constraint/> (too many
// requests), <bad-request/>. Built and parsed only here (runtime-neutral: the web client
// can use it as is; it belongs with protocol/ once that package takes gateway stanzas).
import { xml, type Element } from '@xmpp/xml';

export const NS_GATEWAY_TOKEN = 'urn:sealpost:gateway:token:0';

export class TokenIqParseError extends Error {
  override name = 'TokenIqParseError';
}

export function buildTokenRequest(): Element {
  return xml('request', { xmlns: NS_GATEWAY_TOKEN });
}

/** Accepts the child of an IQ set; throws TokenIqParseError when it is not a token request. */
export function parseTokenRequest(el: Element): Record<string, never> {
  if (el.name !== 'request' || el.attrs.xmlns !== NS_GATEWAY_TOKEN) throw new TokenIqParseError('not a token request');
  if (el.getChildElements().length > 0) throw new TokenIqParseError('a token request has no children');
  return {};
}

export interface TokenGrant {
  token: string;
  expiresAt: Date;
}

export function buildTokenResponse(grant: TokenGrant): Element {
  return xml('token', { xmlns: NS_GATEWAY_TOKEN, expires: grant.expiresAt.toISOString() }, grant.token);
}

/** Accepts the child of the IQ result (or the result IQ itself). */
export function parseTokenResponse(el: Element): TokenGrant {
  const token = el.name === 'iq' ? el.getChild('token', NS_GATEWAY_TOKEN) : el;
  if (!token || token.name !== 'token' || token.attrs.xmlns !== NS_GATEWAY_TOKEN) throw new TokenIqParseError('no token in the reply');
  const value = token.text().trim();
  const expiresAt = new Date(token.attrs.expires ?? '');
  if (!/^[A-Za-z0-9_-]{20,200}$/.test(value)) throw new TokenIqParseError('malformed token');
  if (Number.isNaN(expiresAt.getTime())) throw new TokenIqParseError('malformed expiry');
  return { token: value, expiresAt };
}
