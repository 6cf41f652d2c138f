// Bearer tokens for the HTTP API, stored hashed:
//   - session tokens: short-lived, issued over XMPP to the logged-in user (xmpp/tokenService.ts);
//   - API tokens: long-lived, created by an admin for scripts, shown once, revocable;
//   - the CLI token: one at a time, written by the gateway at start to a 0600 file in the
//     data folder for `npm run admin` on the same machine (cliCredential.ts).
import { AppError } from '../errors.ts';
import type { TokenRecord } from '../store/store.ts';
import { hashSecret, newSecret } from '../security/secrets.ts';
import type { AccountsContext, Actor } from './context.ts';
import { recordAudit } from './recordAudit.ts';

export async function issueSessionToken(ctx: AccountsContext, username: string): Promise<{ token: string; expiresAt: Date }> {
  const user = await ctx.store.users.get(username);
  if (!user || user.status !== 'active') throw new AppError('unauthorized', 'no active account for this address');
  const now = ctx.now();
  const token = newSecret('session');
  const expiresAt = new Date(now.getTime() + ctx.sessionTokenTtlSeconds * 1000);
  await ctx.store.tokens.insert({ id: ctx.newId(), tokenHash: hashSecret(token), kind: 'session', name: 'xmpp session', username, createdAt: now, expiresAt, lastUsedAt: null, revokedAt: null });
  return { token, expiresAt };
}

export async function createApiToken(
  ctx: AccountsContext,
  input: { name: string; owner: string; expiresInDays: number | null },
  actor: Actor,
): Promise<{ record: TokenRecord; token: string }> {
  const owner = await ctx.store.users.get(input.owner);
  if (!owner || owner.status !== 'active' || !owner.roles.includes('admin')) {
    throw new AppError('bad_request', `${input.owner} is not an active admin: API tokens act for an admin`, { field: 'owner' });
  }
  const now = ctx.now();
  const token = newSecret('api');
  const record: TokenRecord = {
    id: ctx.newId(),
    tokenHash: hashSecret(token),
    kind: 'api',
    name: input.name,
    username: owner.username,
    createdAt: now,
    expiresAt: input.expiresInDays === null ? null : new Date(now.getTime() + input.expiresInDays * 86_400_000),
    lastUsedAt: null,
    revokedAt: null,
  };
  await ctx.store.tokens.insert(record);
  await recordAudit(ctx, actor, 'token.create', record.id, { name: record.name, owner: owner.username });
  return { record, token };
}

export async function revokeApiToken(ctx: AccountsContext, id: string, actor: Actor): Promise<TokenRecord> {
  const record = await ctx.store.tokens.get(id);
  if (!record || record.kind === 'cli') throw new AppError('not_found', `no token ${id}`);
  if (await ctx.store.tokens.revoke(id, ctx.now())) await recordAudit(ctx, actor, 'token.revoke', id, { name: record.name });
  return (await ctx.store.tokens.get(id))!;
}

/** Replaces the CLI credential: earlier ones stop working. */
export async function issueCliToken(ctx: AccountsContext): Promise<string> {
  const now = ctx.now();
  await ctx.store.tokens.revokeAll({ kind: 'cli' }, now);
  const token = newSecret('cli');
  await ctx.store.tokens.insert({ id: ctx.newId(), tokenHash: hashSecret(token), kind: 'cli', name: 'local CLI', username: null, createdAt: now, expiresAt: null, lastUsedAt: null, revokedAt: null });
  return token;
}
