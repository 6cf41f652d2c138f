// The one module that imports openpgp.js (house rule 2). It pins the safe configuration every
// call uses, so no caller can forget a limit:
// - maxDecompressedMessageSize: a compressed packet may not inflate past 1 MiB (default is
//   unlimited: a compression bomb would exhaust memory);
// - maxArgon2MemoryExponent 18 (256 MiB): a hostile backup cannot ask for 1 TiB of Argon2
//   memory (default exponent 30), yet RFC 9580's second recommended parameters (2^16 KiB) fit;
// - minRSABits 3072, DSA/ElGamal/secp256k1 rejected, MD5/RIPEMD-160/SHA-1 rejected for
//   message signatures; the full import policy is applied by keys/policy.ts because
//   `readKey` does not enforce the algorithm policy itself;
// - v4 keys and SEIPDv1 messages (no AEAD, no v6): what GnuPG 2.2 and go-sendxmpp read.
import * as openpgp from 'openpgp';
import type { Config, Key, PartialConfig, PrivateKey, PublicKey, Subkey } from 'openpgp';

export type { Key, PrivateKey, PublicKey, Subkey };
export { openpgp };

/** Decompressed size limit for OX messages and backups. */
export const MAX_DECOMPRESSED_BYTES = 1024 * 1024;

const { enums } = openpgp;

export const SAFE_CONFIG: PartialConfig = {
  maxDecompressedMessageSize: MAX_DECOMPRESSED_BYTES,
  maxArgon2MemoryExponent: 18,
  minRSABits: 3072,
  rejectHashAlgorithms: new Set([enums.hash.md5, enums.hash.ripemd]),
  rejectMessageHashAlgorithms: new Set([enums.hash.md5, enums.hash.ripemd, enums.hash.sha1]),
  rejectPublicKeyAlgorithms: new Set([enums.publicKey.elgamal, enums.publicKey.dsa]),
  rejectCurves: new Set([enums.curve.secp256k1]),
  v6Keys: false,
  aeadProtect: false,
  allowUnauthenticatedMessages: false,
  allowUnauthenticatedStream: false,
  enforceGrammar: true,
  ignoreMalformedPackets: false,
  preferredHashAlgorithm: enums.hash.sha512,
  preferredSymmetricAlgorithm: enums.symmetric.aes256,
  preferredCompressionAlgorithm: enums.compression.uncompressed,
  showVersion: false,
  showComment: false,
};

/** The complete config object (openpgp defaults overlaid with SAFE_CONFIG) for key methods. */
export const FULL_SAFE_CONFIG: Config = { ...openpgp.config, ...SAFE_CONFIG } as Config;

export const HASH = enums.hash;
export const SignaturePacket = openpgp.SignaturePacket;
