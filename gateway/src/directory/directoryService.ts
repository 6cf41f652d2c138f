// The key directory over XMPP, answered by the gateway component (stanzas.ts has the shapes):
// owners notify it after publishing, any XMPP app looks keys up. Notices are taken only from
// accounts of our domain, with the sender Prosody stamped (RFC 6120 §8.1.2.1). Rate-limited
// per sender.
import { parseJid, ProtocolParseError } from '@sealpost/protocol';
import { AppError } from '../errors.ts';
import type { RateLimiter } from '../security/rateLimiter.ts';
import type { KeyRecord } from '../store/store.ts';
import type { GatewayComponent } from '../xmpp/component.ts';
import type { DirectoryContext } from './context.ts';
import { lookupAddress, lookupFingerprint } from './lookupKeys.ts';
import { buildKeys, type DirectoryKey, NS_DIRECTORY, parseLookup, parsePublishedNotice } from '@sealpost/protocol';
import { syncAddress } from './syncAddress.ts';
import { parseAddress } from './address.ts';
import { isKnownAccount } from './knownAccount.ts';

export interface DirectoryServiceDeps {
  noticeLimiter: RateLimiter;
  lookupLimiter: RateLimiter;
}

export function registerDirectoryService(component: GatewayComponent, ctx: DirectoryContext, deps: DirectoryServiceDeps): void {
  component.handle('set', NS_DIRECTORY, 'published', async ({ from, element }) => {
    parseOrBadRequest(() => parsePublishedNotice(element));
    const sender = senderOf(from);
    if (!sender.endsWith(`@${ctx.domain}`)) throw new AppError('forbidden', 'notices are taken from local accounts only');
    if (!(await isKnownAccount(ctx, sender))) throw new AppError('forbidden', 'notices are taken from local accounts of this gateway only');
    limit(deps.noticeLimiter, sender);
    const result = await syncAddress(ctx, sender, 'published');
    return buildKeys({
      jid: sender,
      ...(result.head ? { head: { seq: result.head.addressSeq, hash: result.head.hash } } : {}),
      keys: result.keys.map((k) => toDirectoryKey(k, false)),
      refused: result.refused,
    });
  });

  component.handle('get', NS_DIRECTORY, 'lookup', async ({ from, element }) => {
    const query = parseOrBadRequest(() => parseLookup(element));
    limit(deps.lookupLimiter, senderOf(from));
    if ('fingerprint' in query) {
      const keys = await lookupFingerprint(ctx, query.fingerprint);
      if (keys.length === 0) throw new AppError('not_found', 'no key with this fingerprint');
      return buildKeys({ fingerprint: query.fingerprint, keys: keys.map((k) => toDirectoryKey(k, true)), refused: [] });
    }
    const address = parseAddress(query.jid);
    const found = await lookupAddress(ctx, address);
    if (found.keys.length === 0) throw new AppError('not_found', 'no keys for this address');
    return buildKeys({
      jid: address,
      ...(found.head ? { head: { seq: found.head.addressSeq, hash: found.head.hash } } : {}),
      keys: found.keys.map((k) => toDirectoryKey(k, true)),
      refused: [],
    });
  });
}

function toDirectoryKey(k: KeyRecord, withData: boolean): DirectoryKey {
  return {
    jid: k.address,
    fingerprint: k.fingerprint,
    created: k.createdAt,
    since: k.firstSeenAt,
    lastSeen: k.lastSeenAt,
    ...(k.compromisedAt ? { compromised: k.compromisedAt } : {}),
    ...(withData ? { data: k.keyData } : {}),
  };
}

function senderOf(from: string): string {
  try {
    const jid = parseJid(from);
    return jid.local === undefined ? jid.domain : `${jid.local}@${jid.domain}`;
  } catch {
    throw new AppError('bad_request', 'no valid sender');
  }
}

function parseOrBadRequest<T>(parse: () => T): T {
  try {
    return parse();
  } catch (err) {
    if (err instanceof ProtocolParseError) throw new AppError('bad_request', err.message);
    throw err;
  }
}

function limit(limiter: RateLimiter, key: string): void {
  const wait = limiter.take(key);
  if (wait > 0) throw new AppError('rate_limited', `too many directory requests; retry in ${wait} s`);
}
