// Turns a bearer token into a principal, checking it at every request against the store:
// revocation, expiry, and the owner's CURRENT status and roles (a disabled or demoted admin
// loses access at once). The CLI token is honoured only from a loopback peer.
import { AppError } from '../errors.ts';
import type { Role } from '../store/store.ts';
import { hashSecret } from '../security/secrets.ts';
import type { AccountsContext } from './context.ts';

export type Principal =
  | { kind: 'cli'; name: 'cli'; roles: Role[]; tokenId: string }
  | { kind: 'user'; name: string; roles: Role[]; tokenId: string; tokenKind: 'api' | 'session' };

const TOUCH_EVERY_MS = 60_000;

export async function authenticate(ctx: AccountsContext, token: string, peer: { loopback: boolean }): Promise<Principal> {
  const invalid = () => new AppError('unauthorized', 'invalid, expired or revoked token');
  if (!/^sp[asc]_[A-Za-z0-9_-]{43}$/.test(token)) throw invalid();
  const record = await ctx.store.tokens.findByHash(hashSecret(token));
  const now = ctx.now();
  if (!record || record.revokedAt || (record.expiresAt && record.expiresAt <= now)) throw invalid();
  if (!record.lastUsedAt || now.getTime() - record.lastUsedAt.getTime() > TOUCH_EVERY_MS) {
    await ctx.store.tokens.touch(record.id, now).catch((err) => ctx.log.warn({ err }, 'token use not recorded'));
  }
  if (record.kind === 'cli') {
    if (!peer.loopback) throw invalid();
    return { kind: 'cli', name: 'cli', roles: ['admin'], tokenId: record.id };
  }
  const user = record.username ? await ctx.store.users.get(record.username) : undefined;
  if (!user || user.status !== 'active') throw invalid();
  return { kind: 'user', name: user.username, roles: user.roles, tokenId: record.id, tokenKind: record.kind };
}
