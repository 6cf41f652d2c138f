// The headers of a request the gateway sends to Prosody: only the end-to-end headers the
// proxied route needs (RFC 9110 §7.6.1: hop-by-hop headers, and any header a client names in
// Connection, are never forwarded), Host set to the XMPP domain, and the client's address and
// protocol set by the gateway (RFC 7239's X-Forwarded-* de-facto headers): taken from the
// request only when the immediate peer is a configured trusted proxy.
import type { IncomingHttpHeaders } from 'node:http';
import type { AddressResolver } from '../../security/clientAddress.ts';

/** End-to-end request headers Prosody's upload and WebSocket handlers read. */
const FILE_SHARE_HEADERS = [
  'accept',
  'authorization',
  'content-type',
  'content-length',
  'range',
  'if-range',
  'if-modified-since',
  'if-none-match',
  'origin',
  'access-control-request-method',
  'access-control-request-headers',
  'user-agent',
] as const;
const WEBSOCKET_HEADERS = ['origin', 'user-agent', 'sec-websocket-key', 'sec-websocket-version'] as const;

export interface ForwardContext {
  /** The XMPP domain: Prosody serves both routes on its HTTP host (http_host). */
  host: string;
  resolveAddress: AddressResolver;
}

export interface Forwarded {
  headers: Record<string, string>;
  /** The client's address as the gateway resolved it. */
  address: string;
}

export function forwardedHeaders(
  route: 'file_share' | 'websocket',
  incoming: IncomingHttpHeaders,
  peer: string | undefined,
  ctx: ForwardContext,
): Forwarded {
  const named = new Set(
    String(incoming['connection'] ?? '')
      .split(',')
      .map((t) => t.trim().toLowerCase())
      .filter(Boolean),
  );
  const headers: Record<string, string> = { host: ctx.host };
  for (const name of route === 'file_share' ? FILE_SHARE_HEADERS : WEBSOCKET_HEADERS) {
    const value = incoming[name];
    if (typeof value === 'string' && !named.has(name)) headers[name] = value;
  }
  const forwardedFor = named.has('x-forwarded-for') ? undefined : single(incoming['x-forwarded-for']);
  const address = ctx.resolveAddress(peer, forwardedFor);
  headers['x-forwarded-for'] = address;
  headers['x-forwarded-proto'] = protocolOf(incoming, peer, ctx.resolveAddress, named);
  return { headers, address };
}

/** `https` only when a trusted proxy in front says so; the gateway itself serves plain HTTP. */
function protocolOf(incoming: IncomingHttpHeaders, peer: string | undefined, resolve: AddressResolver, named: Set<string>): 'http' | 'https' {
  const claimed = named.has('x-forwarded-proto') ? undefined : single(incoming['x-forwarded-proto']);
  const last = claimed?.split(',').pop()?.trim().toLowerCase();
  return peer !== undefined && resolve.isTrusted(peer) && last === 'https' ? 'https' : 'http';
}

function single(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value.join(', ') : value;
}
