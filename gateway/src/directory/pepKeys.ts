// Reads an account's OX public keys from its own PEP nodes (XEP-0373 §4.3): the metadata
// node, then each announced data node, every key through the protocol package's import policy
// with the user ID `xmpp:<that JID>` required. The only way a key enters the directory.
//
// Outcomes are told apart with care, because the directory removes keys that are gone:
// - the node is absent or not readable (item-not-found, forbidden, ...): no keys, definitive;
// - a key is refused (policy, size, wrong key in the node): listed in `refused` with the reason;
// - the server did not answer (timeout, lost connection, internal error): PepUnavailableError,
//   and nothing changes.
import {
  buildFetchPublicKey,
  buildFetchPublicKeysList,
  conditionOf,
  errorMessage,
  fingerprintOf,
  type IqRequest,
  KeyPolicyError,
  MAX_ANNOUNCED_KEYS,
  parsePublicKeyResult,
  parsePublicKeysListResult,
  ProtocolParseError,
  type PubkeyMetadata,
  type PublicKey,
  publicKeyBytes,
  readPublicKey,
} from '@sealpost/protocol';
import { AppError } from '../errors.ts';

/** Conditions after which the node is certainly not readable now (RFC 6120 §8.3.3, XEP-0060 §6.5.9). */
const DEFINITIVE = new Set(['item-not-found', 'forbidden', 'not-authorized', 'not-allowed', 'service-unavailable', 'feature-not-implemented', 'registration-required']);

export class PepUnavailableError extends AppError {
  constructor(message: string) {
    super('unavailable', message);
    this.name = 'PepUnavailableError';
  }
}

export interface PepKey {
  fingerprint: string;
  key: PublicKey;
  /** The public key re-serialized from the parsed key: only public packets can be in it. */
  bytes: Uint8Array;
}

export interface PepRefusal {
  /** The announced fingerprint, or `*` when the metadata node itself is unusable. */
  fingerprint: string;
  code: string;
  reason: string;
}

export interface PepKeys {
  keys: PepKey[];
  refused: PepRefusal[];
}

export async function readPepKeys(request: IqRequest, jid: string, now: Date): Promise<PepKeys> {
  const result: PepKeys = { keys: [], refused: [] };
  let announced: PubkeyMetadata[];
  try {
    announced = parsePublicKeysListResult(await request(buildFetchPublicKeysList({ to: jid })));
  } catch (err) {
    if (isDefinitive(err)) return result;
    if (err instanceof ProtocolParseError && err.code !== 'stanza-error') {
      result.refused.push({ fingerprint: '*', code: 'malformed', reason: `metadata node: ${err.message}` });
      return result;
    }
    throw unavailable(err);
  }
  for (const [i, meta] of announced.entries()) {
    if (i >= MAX_ANNOUNCED_KEYS) {
      result.refused.push({ fingerprint: meta.fingerprint, code: 'too-many-keys', reason: `more than ${MAX_ANNOUNCED_KEYS} announced keys` });
      continue;
    }
    let data: Uint8Array;
    try {
      // The base64 text is bounded by the policy's size limit before it is decoded.
      data = parsePublicKeyResult(await request(buildFetchPublicKey({ to: jid, fingerprint: meta.fingerprint })), meta.fingerprint);
    } catch (err) {
      if (isDefinitive(err)) {
        result.refused.push({ fingerprint: meta.fingerprint, code: 'fetch-failed', reason: `data node not readable (${conditionOf(err)})` });
        continue;
      }
      if (err instanceof ProtocolParseError && err.code !== 'stanza-error') {
        result.refused.push({ fingerprint: meta.fingerprint, code: err.code === 'xml-limit' ? 'too-large' : 'malformed', reason: err.message });
        continue;
      }
      throw unavailable(err);
    }
    try {
      const key = await readPublicKey(data, { jid, now });
      if (fingerprintOf(key) !== meta.fingerprint) throw new KeyPolicyError('malformed', 'the data node holds another key than its name says');
      result.keys.push({ fingerprint: meta.fingerprint, key, bytes: publicKeyBytes(key) });
    } catch (err) {
      const code = err instanceof KeyPolicyError ? err.code : 'malformed';
      result.refused.push({ fingerprint: meta.fingerprint, code, reason: errorMessage(err) });
    }
  }
  return result;
}

function isDefinitive(err: unknown): boolean {
  const condition = conditionOf(err);
  return condition !== undefined && DEFINITIVE.has(condition);
}

function unavailable(err: unknown): PepUnavailableError {
  return new PepUnavailableError(`PEP nodes not readable now: ${errorMessage(err)}`);
}
