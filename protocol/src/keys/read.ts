// Reading keys from the wire (PEP data nodes: binary), from backups and from fixtures
// (armored). Every read goes through the import policy: nothing else in Sealpost calls
// openpgp.readKey.
import { type Key, openpgp, type PrivateKey, type PublicKey, SAFE_CONFIG } from '../crypto/openpgp.ts';
import { errorMessage, KeyPolicyError } from '../errors.ts';
import { DEFAULT_KEY_POLICY, enforceKeyPolicy, type KeyPolicyLimits } from './policy.ts';

export interface ReadKeyOptions {
  /** When set, the key must carry a valid user ID `xmpp:<jid>`. */
  jid?: string;
  now?: Date;
  limits?: Partial<KeyPolicyLimits>;
}

/** Binary or armored input. */
export type KeyInput = Uint8Array | string;

/** Reads exactly one public key and applies the import policy. */
export async function readPublicKey(input: KeyInput, options: ReadKeyOptions = {}): Promise<PublicKey> {
  const keys = await parseKeys(input, 1, options);
  const key = keys[0]!;
  await enforceKeyPolicy(key, { ...options, expect: 'public' });
  return key as PublicKey;
}

/** Reads exactly one unlocked secret key and applies the import policy. */
export async function readPrivateKey(input: KeyInput, options: ReadKeyOptions = {}): Promise<PrivateKey> {
  const [key] = await readPrivateKeys(input, { ...options, maxKeys: 1 });
  return key!;
}

/** Reads 1..maxKeys concatenated unlocked secret keys (XEP-0373 §5.4 backups). */
export async function readPrivateKeys(
  input: KeyInput,
  options: ReadKeyOptions & { maxKeys?: number } = {},
): Promise<PrivateKey[]> {
  const keys = await parseKeys(input, options.maxKeys ?? 8, options);
  for (const key of keys) await enforceKeyPolicy(key, { ...options, expect: 'private' });
  return keys as PrivateKey[];
}

async function parseKeys(input: KeyInput, maxKeys: number, options: ReadKeyOptions): Promise<Key[]> {
  const maxBytes = (options.limits?.maxKeyBytes ?? DEFAULT_KEY_POLICY.maxKeyBytes) * maxKeys;
  // Armor costs 4/3 plus line breaks, header and checksum: bound it before parsing anything.
  const inputLimit = typeof input === 'string' ? Math.ceil((maxBytes * 4) / 3) * 1.03 + 1024 : maxBytes;
  if (input.length > inputLimit) throw new KeyPolicyError('too-large', `key data larger than ${maxBytes} bytes`);
  // openpgp.js reads only the first armored block and would silently drop the others.
  if (typeof input === 'string' && input.split('-----BEGIN PGP').length - 1 > 1) {
    throw new KeyPolicyError('malformed', 'more than one armored block');
  }
  let keys: Key[];
  try {
    keys =
      typeof input === 'string'
        ? await openpgp.readKeys({ armoredKeys: input, config: SAFE_CONFIG })
        : await openpgp.readKeys({ binaryKeys: input, config: SAFE_CONFIG });
  } catch (err) {
    throw new KeyPolicyError('malformed', `not an OpenPGP key: ${errorMessage(err)}`);
  }
  if (keys.length === 0 || keys.length > maxKeys) {
    throw new KeyPolicyError('malformed', `expected ${maxKeys === 1 ? 'one key' : `1-${maxKeys} keys`}, found ${keys.length}`);
  }
  const perKey = options.limits?.maxKeyBytes ?? DEFAULT_KEY_POLICY.maxKeyBytes;
  for (const key of keys) {
    if (key.write().length > perKey) throw new KeyPolicyError('too-large', `key larger than ${perKey} bytes`);
  }
  return keys;
}

/** The binary transferable public key, as published in a XEP-0373 §4.1 data node. */
export function publicKeyBytes(key: Key): Uint8Array {
  return key.toPublic().write();
}
