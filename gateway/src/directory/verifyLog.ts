// Use case: verify the whole change log as stored, page by page (admin API).
import type { DirectoryContext } from './context.ts';
import { createLogVerifier, signerMap, type VerifyResult } from './logChain.ts';

const PAGE = 2000;

export async function verifyDirectoryLog(ctx: DirectoryContext): Promise<VerifyResult> {
  const verifier = createLogVerifier(signerMap(await ctx.store.keys.signers()));
  for (let after = 0; ; ) {
    const batch = await ctx.store.keys.logRange({ afterSeq: after, limit: PAGE });
    if (batch.length === 0 || !verifier.add(batch)) break;
    after = batch.at(-1)!.seq;
  }
  return verifier.result();
}
