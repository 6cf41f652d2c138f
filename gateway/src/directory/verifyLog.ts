// Use case: verify the whole change log as stored, page by page (admin API): the chains
// (logChain.ts), then every current key row against the key hash its latest log entry
// recorded (keyRows.ts), so bytes changed in the store behind the log are reported too.
import type { DirectoryContext } from './context.ts';
import { collectKeyHashes, keyRowProblem, rowKey } from './keyRows.ts';
import { createLogVerifier, signerMap, type VerifyResult } from './logChain.ts';

const PAGE = 2000;

export async function verifyDirectoryLog(ctx: DirectoryContext): Promise<VerifyResult> {
  const verifier = createLogVerifier(signerMap(await ctx.store.keys.signers()));
  const logged = collectKeyHashes([]);
  for (let after = 0; ; ) {
    const batch = await ctx.store.keys.logRange({ afterSeq: after, limit: PAGE });
    if (batch.length === 0 || !verifier.add(batch)) break;
    collectKeyHashes(batch, logged);
    after = batch.at(-1)!.seq;
  }
  const chains = verifier.result();
  if (!chains.ok) return chains;
  for (let offset = 0; ; offset += PAGE) {
    const page = await ctx.store.keys.list({ limit: PAGE, offset });
    for (const record of page.items) {
      const problem = keyRowProblem(record, logged);
      if (problem) return { ok: false, entries: chains.entries, seq: logged.get(rowKey(record.address, record.fingerprint))?.seq ?? 0, problem };
    }
    if (page.items.length < PAGE) break;
  }
  return chains;
}
