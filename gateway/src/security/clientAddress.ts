// The client's address: the socket peer, unless that peer is one of the configured trusted
// proxies, in which case X-Forwarded-For is read from the right, skipping trusted proxies,
// and the first untrusted hop is the client. A forged header from an untrusted peer is ignored.
import { BlockList, isIP } from 'node:net';

export interface AddressResolver {
  (socketAddress: string | undefined, forwardedFor: string | undefined): string;
  isTrusted(address: string): boolean;
}

export function createAddressResolver(trustedProxies: readonly string[]): AddressResolver {
  const list = new BlockList();
  for (const entry of trustedProxies) {
    const [ip, bits] = entry.split('/');
    const type = isIP(ip!) === 6 ? 'ipv6' : 'ipv4';
    if (bits === undefined) list.addAddress(ip!, type);
    else list.addSubnet(ip!, Number(bits), type);
  }
  const isTrusted = (address: string): boolean => {
    const a = normalize(address);
    const family = isIP(a);
    return family !== 0 && list.check(a, family === 6 ? 'ipv6' : 'ipv4');
  };
  const resolve = ((socketAddress: string | undefined, forwardedFor: string | undefined): string => {
    const peer = normalize(socketAddress ?? '');
    if (!forwardedFor || !isTrusted(peer)) return peer;
    const hops = forwardedFor.split(',').map((h) => normalize(h.trim())).filter(Boolean);
    for (let i = hops.length - 1; i >= 0; i--) {
      const hop = hops[i]!;
      if (isIP(hop) === 0) return peer; // garbage in the header: trust nothing in it
      if (!isTrusted(hop)) return hop;
    }
    return hops[0] ?? peer;
  }) as AddressResolver;
  resolve.isTrusted = isTrusted;
  return resolve;
}

/** `::ffff:1.2.3.4` (IPv4 on a dual-stack socket) is `1.2.3.4`. */
function normalize(address: string): string {
  return address.startsWith('::ffff:') && isIP(address.slice(7)) === 4 ? address.slice(7) : address;
}

export function isLoopback(address: string | undefined): boolean {
  const a = normalize(address ?? '');
  return a === '::1' || /^127\./.test(a);
}
