// Answers token requests (tokenIq.ts) sent to the component by logged-in users of our own
// domain. The sender is the `from` Prosody stamped; requests relayed from other servers or
// other domains are refused. Rate-limited per account.
import { AppError } from '../errors.ts';
import type { RateLimiter } from '../security/rateLimiter.ts';
import type { GatewayComponent } from './component.ts';
import { buildTokenResponse, NS_GATEWAY_TOKEN, parseTokenRequest, ProtocolParseError, type TokenGrant } from '@sealpost/protocol';

export interface TokenServiceDeps {
  domain: string;
  limiter: RateLimiter;
  issue(username: string): Promise<TokenGrant>;
}

export function registerTokenService(component: GatewayComponent, deps: TokenServiceDeps): void {
  component.handle('set', NS_GATEWAY_TOKEN, 'request', async ({ from, element }) => {
    try {
      parseTokenRequest(element);
    } catch (err) {
      if (err instanceof ProtocolParseError) throw new AppError('bad_request', err.message);
      throw err;
    }
    const sender = /^([^@/]+)@([^@/]+)(\/.*)?$/.exec(from);
    if (!sender || sender[2] !== deps.domain) throw new AppError('forbidden', 'tokens are issued to local users only');
    const username = sender[1]!;
    const wait = deps.limiter.take(username);
    if (wait > 0) throw new AppError('rate_limited', `too many token requests; retry in ${wait} s`);
    return buildTokenResponse(await deps.issue(username));
  });
}
