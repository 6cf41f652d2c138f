// The gateway's own Ed25519 key that signs the key directory's change log. Generated on first
// start into the data folder (mode 0600, never in the store, never logged); its public half is
// recorded in the store so entries stay verifiable after the key is rotated.
import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject, sign, verify } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

export interface LogSigner {
  /** First 16 hex digits of SHA-256 over the raw public key. */
  readonly id: string;
  /** Base64 of the raw 32-byte public key. */
  readonly publicKey: string;
  /** Base64 signature over the bytes of a hex hash. */
  sign(hashHex: string): string;
}

export function signerFromKey(privateKey: KeyObject): LogSigner {
  if (privateKey.asymmetricKeyType !== 'ed25519') throw new Error('the directory signing key must be Ed25519');
  const raw = rawPublicKey(createPublicKey(privateKey));
  return {
    id: signerId(raw),
    publicKey: raw.toString('base64'),
    sign: (hashHex) => sign(null, Buffer.from(hashHex, 'hex'), privateKey).toString('base64'),
  };
}

/** Loads the PEM (PKCS#8) key at `file`, creating it (and its folder) on first start. */
export function loadOrCreateSigner(file: string): { signer: LogSigner; created: boolean } {
  if (existsSync(file)) return { signer: signerFromKey(createPrivateKey(readFileSync(file))), created: false };
  mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
  const { privateKey } = generateKeyPairSync('ed25519');
  // `wx`: never overwrite a key another process wrote meanwhile.
  writeFileSync(file, privateKey.export({ type: 'pkcs8', format: 'pem' }), { mode: 0o600, flag: 'wx' });
  return { signer: signerFromKey(privateKey), created: true };
}

/** A fresh in-memory signer (tests and benchmarks). */
export function ephemeralSigner(): LogSigner {
  return signerFromKey(generateKeyPairSync('ed25519').privateKey);
}

const verifyKeys = new Map<string, KeyObject>();

/** Whether `signature` (base64) is a valid Ed25519 signature by `publicKey` (raw, base64) over the hash bytes. */
export function verifySignature(publicKey: string, hashHex: string, signature: string): boolean {
  let key = verifyKeys.get(publicKey);
  if (!key) {
    const raw = Buffer.from(publicKey, 'base64');
    if (raw.length !== 32) return false;
    key = createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: raw.toString('base64url') }, format: 'jwk' });
    if (verifyKeys.size > 64) verifyKeys.clear();
    verifyKeys.set(publicKey, key);
  }
  if (!/^[0-9a-f]{64}$/.test(hashHex)) return false;
  try {
    return verify(null, Buffer.from(hashHex, 'hex'), key, Buffer.from(signature, 'base64'));
  } catch {
    return false;
  }
}

export function signerId(rawPublicKeyBytes: Uint8Array): string {
  return createHash('sha256').update(rawPublicKeyBytes).digest('hex').slice(0, 16);
}

function rawPublicKey(key: KeyObject): Buffer {
  const jwk = key.export({ format: 'jwk' });
  return Buffer.from(jwk.x!, 'base64url');
}
