// The directory vouches only for addresses that are accounts of this gateway: a record in its
// users store, active or disabled. An account made in Prosody behind the gateway's back (an
// operator's `prosodyctl register`, a role address), one still being created, or one deleted
// since is not served, whatever its PEP nodes or the directory's rows hold.
import type { DirectoryContext } from './context.ts';

export async function isKnownAccount(ctx: DirectoryContext, address: string): Promise<boolean> {
  const at = address.lastIndexOf('@');
  if (at <= 0 || address.slice(at + 1) !== ctx.domain) return false;
  const user = await ctx.store.users.get(address.slice(0, at));
  return user !== undefined && (user.status === 'active' || user.status === 'disabled');
}
