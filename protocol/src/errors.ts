// The typed errors the protocol package throws. Each carries a stable `code` the gateway maps
// to its error registry and the web client to a user-facing message. Expected failures of
// message decryption are NOT thrown: they are returned as `OxDecryptFailure` results
// (see ox/result.ts) so the interface can show why a message failed.

/** Why a stanza, payload or URL could not be parsed. */
export type ParseErrorCode =
  | 'unexpected-element' // wrong element name or namespace
  | 'missing-element' // a required child is absent
  | 'missing-attribute' // a required attribute is absent
  | 'invalid-value' // an attribute or text value is out of its domain
  | 'xml-malformed' // not well-formed XML
  | 'xml-forbidden' // DOCTYPE, entity declarations, comments, processing instructions
  | 'xml-limit' // too large, too deep or too many elements
  | 'stanza-error' // the peer answered with an error stanza (see `condition`)
  | 'untrusted-sender'; // a carbon or archive result not sent by our own account

export class ProtocolParseError extends Error {
  override readonly name = 'ProtocolParseError';
  readonly code: ParseErrorCode;
  /** RFC 6120 §8.3.3 condition when `code === 'stanza-error'`. */
  readonly condition: string | undefined;

  constructor(code: ParseErrorCode, message: string, condition?: string) {
    super(message);
    this.code = code;
    this.condition = condition;
  }
}

/** Why a key was refused by the import policy (keys/policy.ts). */
export type KeyPolicyCode =
  | 'malformed' // not an OpenPGP key, or more than one key
  | 'too-large' // over the byte limit (64 KiB by default)
  | 'secret-material' // a secret key where a public key was expected
  | 'not-secret' // a public key where a secret key was expected
  | 'locked' // secret key still protected by a passphrase
  | 'unsupported-version' // not a v4 key (XEP-0373 §4.1 uses v4 fingerprints)
  | 'weak-algorithm' // RSA < 3072, DSA, ElGamal, rejected curves
  | 'weak-hash' // MD5, SHA-1, RIPEMD-160 on a self-signature
  | 'too-many-user-ids'
  | 'too-many-subkeys'
  | 'too-many-signatures'
  | 'missing-user-id' // no valid user ID `xmpp:<jid>` for the expected JID
  | 'revoked'
  | 'expired'
  | 'invalid' // self-signatures do not verify
  | 'unusable'; // no valid signing or encryption (sub)key

export class KeyPolicyError extends Error {
  override readonly name = 'KeyPolicyError';
  readonly code: KeyPolicyCode;

  constructor(code: KeyPolicyCode, message: string) {
    super(message);
    this.code = code;
  }
}

/** Failures of encrypted media (XEP-0454) and backups. */
export type CryptoErrorCode =
  | 'auth-failed' // GCM tag mismatch: the output must be discarded
  | 'truncated' // stream shorter than the tag
  | 'bad-key' // wrong key or IV length
  | 'wrong-backup-code' // secret-key backup could not be decrypted with this code
  | 'too-large';

export class CryptoError extends Error {
  override readonly name = 'CryptoError';
  readonly code: CryptoErrorCode;

  constructor(code: CryptoErrorCode, message: string) {
    super(message);
    this.code = code;
  }
}

/** The message of anything thrown. */
export function errorMessage(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
