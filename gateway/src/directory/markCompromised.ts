// Use case: an admin marks a key compromised. Lookups keep serving it, flagged; the Web Key
// Directory stops serving it; the mark is logged (signed, chained) and audited.
import type { Actor } from '../accounts/context.ts';
import { AppError } from '../errors.ts';
import type { KeyRecord } from '../store/store.ts';
import { buildEntries } from './buildEntries.ts';
import type { DirectoryContext } from './context.ts';

export async function markCompromised(ctx: DirectoryContext, address: string, fingerprint: string, reason: string, actor: Actor): Promise<KeyRecord> {
  const marked = await ctx.writes.run('log', async () => {
    const keys = ctx.store.keys;
    const record = (await keys.history(address)).find((r) => r.fingerprint === fingerprint);
    if (!record) throw new AppError('not_found', `no key ${fingerprint} for ${address}`);
    if (record.compromisedAt) return undefined;
    const now = ctx.now();
    const heads = { global: await keys.head(), address: await keys.addressHead(address) };
    const entries = buildEntries(address, [{ action: 'compromised', fingerprint, previousFingerprint: null, keyHash: null, reason }], heads, ctx.signer, now);
    const updated: KeyRecord = { ...record, compromisedAt: now, compromisedReason: reason };
    await keys.commit({ address, records: [updated], entries, checkedAt: null });
    return updated;
  });
  if (!marked) return (await ctx.store.keys.history(address)).find((r) => r.fingerprint === fingerprint)!;
  try {
    await ctx.store.audit.append({
      id: ctx.newId(),
      at: marked.compromisedAt!,
      actor: actor.name,
      action: 'key.compromise',
      target: address,
      address: actor.address,
      details: { fingerprint, reason },
    });
  } catch (err) {
    ctx.log.error({ err, address, fingerprint }, 'audit entry not written');
  }
  ctx.log.warn({ address, fingerprint, actor: actor.name }, 'key marked compromised');
  return marked;
}
