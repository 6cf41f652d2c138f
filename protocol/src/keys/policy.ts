// The key import policy, applied on every key read (keys/read.ts). openpgp.js `readKey` parses
// anything well-formed; XEP-0373 only says keys are v4. We refuse what is weak, oversized or
// unusable before a key reaches a store or an encryption call.
import { FULL_SAFE_CONFIG, HASH, type Key, SignaturePacket } from '../crypto/openpgp.ts';
import { errorMessage, KeyPolicyError } from '../errors.ts';
import { hasXmppUserId, xmppUserId } from './userId.ts';

export interface KeyPolicyLimits {
  /** Largest accepted binary key (XEP-0373 §7.2 warns keys reach "tens of kilobytes"). */
  maxKeyBytes: number;
  maxUserIds: number;
  maxSubkeys: number;
  /** All signature packets of the key: self-signatures, certifications, revocations. */
  maxSignatures: number;
  minRsaBits: number;
}

export const DEFAULT_KEY_POLICY: KeyPolicyLimits = {
  maxKeyBytes: 64 * 1024,
  maxUserIds: 16,
  maxSubkeys: 16,
  maxSignatures: 64,
  minRsaBits: 3072,
};

export interface KeyPolicyOptions {
  /** What the caller expects: a secret key where a public one is expected is refused. */
  expect: 'public' | 'private';
  /** When set, the key must carry a valid user ID `xmpp:<jid>`. */
  jid?: string;
  /** Validity (expiry, revocation) is judged at this date. */
  now?: Date;
  limits?: Partial<KeyPolicyLimits>;
}

const WEAK_HASHES: ReadonlySet<number> = new Set([HASH.md5, HASH.sha1, HASH.ripemd]);
const WEAK_CURVES: ReadonlySet<string> = new Set(['secp256k1']);
/** Third-party certification types (RFC 4880 §5.2.1, 0x10-0x13): their hash is not ours to judge. */
const CERTIFICATIONS: ReadonlySet<number> = new Set([0x10, 0x11, 0x12, 0x13]);

/** Throws KeyPolicyError when `key` violates the policy; resolves when it is acceptable. */
export async function enforceKeyPolicy(key: Key, options: KeyPolicyOptions): Promise<void> {
  const limits = { ...DEFAULT_KEY_POLICY, ...options.limits };
  const now = options.now ?? new Date();

  checkCounts(key, limits);
  if (key.keyPacket.version !== 4) {
    throw new KeyPolicyError('unsupported-version', `v${key.keyPacket.version} key: XEP-0373 uses v4 keys`);
  }
  for (const component of key.getKeys()) checkAlgorithm(component.getAlgorithmInfo(), limits.minRsaBits);
  checkSelfSignatureHashes(key);
  await checkSecretness(key, options.expect);
  await checkValidity(key, now);
  if (options.jid !== undefined && !(await hasXmppUserId(key, options.jid, now))) {
    throw new KeyPolicyError('missing-user-id', `key has no valid user ID '${xmppUserId(options.jid)}'`);
  }
}

function checkCounts(key: Key, limits: KeyPolicyLimits): void {
  if (key.users.length > limits.maxUserIds) {
    throw new KeyPolicyError('too-many-user-ids', `${key.users.length} user IDs (limit ${limits.maxUserIds})`);
  }
  if (key.subkeys.length > limits.maxSubkeys) {
    throw new KeyPolicyError('too-many-subkeys', `${key.subkeys.length} subkeys (limit ${limits.maxSubkeys})`);
  }
  const signatures = key.toPacketList().filter((p) => p instanceof SignaturePacket).length;
  if (signatures > limits.maxSignatures) {
    throw new KeyPolicyError('too-many-signatures', `${signatures} signatures (limit ${limits.maxSignatures})`);
  }
}

interface AlgorithmInfo {
  algorithm: string;
  bits?: number;
  curve?: string;
}

function checkAlgorithm(info: AlgorithmInfo, minRsaBits: number): void {
  const { algorithm } = info;
  if (algorithm.startsWith('rsa')) {
    if ((info.bits ?? 0) < minRsaBits) {
      throw new KeyPolicyError('weak-algorithm', `RSA-${info.bits ?? '?'} is below ${minRsaBits} bits`);
    }
    return;
  }
  if (algorithm === 'ecdh' || algorithm === 'ecdsa' || algorithm === 'eddsaLegacy') {
    if (info.curve === undefined || WEAK_CURVES.has(info.curve)) {
      throw new KeyPolicyError('weak-algorithm', `curve ${info.curve ?? '?'} is not accepted`);
    }
    return;
  }
  if (['x25519', 'x448', 'ed25519', 'ed448'].includes(algorithm)) return;
  // dsa, elgamal and anything newer or unknown
  throw new KeyPolicyError('weak-algorithm', `public-key algorithm ${algorithm} is not accepted`);
}

function checkSelfSignatureHashes(key: Key): void {
  const primaryId = key.getKeyID();
  for (const packet of key.toPacketList()) {
    if (!(packet instanceof SignaturePacket)) continue;
    const sig = packet;
    const thirdParty = CERTIFICATIONS.has(sig.signatureType ?? -1) && !sig.issuerKeyID.equals(primaryId);
    if (thirdParty) continue;
    for (const hash of [sig.hashAlgorithm, sig.embeddedSignature?.hashAlgorithm]) {
      if (hash !== null && hash !== undefined && WEAK_HASHES.has(hash)) {
        throw new KeyPolicyError('weak-hash', `self-signature uses weak hash algorithm ${hash}`);
      }
    }
  }
}

async function checkSecretness(key: Key, expect: 'public' | 'private'): Promise<void> {
  if (expect === 'public') {
    if (key.isPrivate()) throw new KeyPolicyError('secret-material', 'secret key material where a public key was expected');
    return;
  }
  if (!key.isPrivate()) throw new KeyPolicyError('not-secret', 'a public key where a secret key was expected');
  if (!key.isDecrypted()) throw new KeyPolicyError('locked', 'secret key is passphrase-protected');
}

async function checkValidity(key: Key, now: Date): Promise<void> {
  if (await key.isRevoked(undefined, undefined, now, FULL_SAFE_CONFIG)) {
    throw new KeyPolicyError('revoked', 'key is revoked');
  }
  try {
    await key.verifyPrimaryKey(now, undefined, FULL_SAFE_CONFIG);
  } catch (err) {
    const message = errorMessage(err);
    if (/expired/i.test(message)) throw new KeyPolicyError('expired', 'key is expired');
    if (/revoked/i.test(message)) throw new KeyPolicyError('revoked', 'key is revoked');
    throw new KeyPolicyError('invalid', `key does not verify: ${message}`);
  }
  try {
    await key.getSigningKey(undefined, now, undefined, FULL_SAFE_CONFIG);
    await key.getEncryptionKey(undefined, now, undefined, FULL_SAFE_CONFIG);
  } catch (err) {
    const message = errorMessage(err);
    throw new KeyPolicyError('unusable', `no valid signing and encryption key: ${message}`);
  }
}
