// Resolves the client's address once per request (see security/clientAddress.ts).
import type { Middleware } from 'koa';
import { isLoopback, type AddressResolver } from '../../security/clientAddress.ts';
import { stateOf } from '../state.ts';

export function clientAddress(resolve: AddressResolver): Middleware {
  return async (ctx, next) => {
    const peer = ctx.req.socket.remoteAddress;
    const state = stateOf(ctx);
    state.address = resolve(peer, ctx.get('x-forwarded-for') || undefined);
    // From this machine: loopback, or our own address (a server bound to one interface).
    const sameHost = isLoopback(peer) || (peer !== undefined && peer === ctx.req.socket.localAddress);
    state.local = sameHost && !ctx.get('x-forwarded-for') && !ctx.get('forwarded');
    await next();
  };
}
