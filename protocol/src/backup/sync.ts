// XEP-0373 §5 flows: store the encrypted secret-key backup in our PEP (whitelist access), and
// restore it on another device. No I/O here: the caller passes its IQ function.
import type { PrivateKey } from '../crypto/openpgp.ts';
import { NODE_OX_SECRET_KEY } from '../ns.ts';
import type { ReadKeyOptions } from '../keys/read.ts';
import { conditionOf, type IqRequest, publishConfigured } from '../stanzas/iqRequest.ts';
import { buildFetchSecretKey, buildPublishSecretKey, parseSecretKeyResult, WHITELIST_ACCESS } from './pep.ts';
import { decryptSecretKeyBackup, encryptSecretKeyBackup } from './secretKey.ts';

/** Encrypts `privateKeys` with `code` and publishes the backup (§5.4, §5.1). */
export async function storeSecretKeyBackup(request: IqRequest, options: { privateKeys: readonly PrivateKey[]; code: string }): Promise<void> {
  const data = await encryptSecretKeyBackup(options);
  await publishConfigured(request, buildPublishSecretKey({ data }), NODE_OX_SECRET_KEY, WHITELIST_ACCESS);
}

/** The keys in our backup, or undefined when there is none (§5.2). Throws CryptoError on a wrong code. */
export async function restoreSecretKeyBackup(
  request: IqRequest,
  options: { code: string } & ReadKeyOptions,
): Promise<PrivateKey[] | undefined> {
  let data: Uint8Array | undefined;
  try {
    data = parseSecretKeyResult(await request(buildFetchSecretKey()));
  } catch (err) {
    if (conditionOf(err) === 'item-not-found') return undefined;
    throw err;
  }
  return data && decryptSecretKeyBackup({ ...options, data });
}
