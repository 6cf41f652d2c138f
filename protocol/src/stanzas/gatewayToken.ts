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
// requests), <bad-request/>. Shared by the gateway (which answers) and the web client.
import { xml, type Element } from '../xml/element.ts';
import { NS_GATEWAY_TOKEN } from '../ns.ts';
import { ProtocolParseError } from '../errors.ts';

export function buildTokenRequest(): Element {
  return xml('request', { xmlns: NS_GATEWAY_TOKEN });
}

/** Accepts the child of an IQ set; throws TokenIqParseError when it is not a token request. */
export function parseTokenRequest(el: Element): Record<string, never> {
  if (el.name !== 'request' || el.attrs.xmlns !== NS_GATEWAY_TOKEN) throw new ProtocolParseError('unexpected-element', 'not a token request');
  if (el.getChildElements().length > 0) throw new ProtocolParseError('invalid-value', 'a token request has no children');
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
  if (!token || token.name !== 'token' || token.attrs.xmlns !== NS_GATEWAY_TOKEN) throw new ProtocolParseError('missing-element', 'no token in the reply');
  const value = token.text().trim();
  const expiresAt = new Date(token.attrs.expires ?? '');
  if (!/^[A-Za-z0-9_-]{20,200}$/.test(value)) throw new ProtocolParseError('invalid-value', 'malformed token');
  if (Number.isNaN(expiresAt.getTime())) throw new ProtocolParseError('invalid-value', 'malformed expiry');
  return { token: value, expiresAt };
}
