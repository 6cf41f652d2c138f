// XEP-0373 §4 flows on top of the stanza builders: announce our key (data node first, then the
// metadata list, keeping keys other devices announced) and discover a peer's keys (metadata,
// then each data node, each through the import policy). No I/O here: the caller passes its
// IQ function, e.g. `(iq) => xmpp.iqCaller.request(iq)` (@xmpp/client) or the gateway's.
import type { PublicKey } from '../crypto/openpgp.ts';
import { errorMessage, KeyPolicyError } from '../errors.ts';
import { bareJid } from '../jid.ts';
import { fingerprintOf } from './fingerprint.ts';
import {
  buildFetchPublicKey,
  buildFetchPublicKeysList,
  buildPublishPublicKey,
  buildPublishPublicKeysList,
  OPEN_ACCESS,
  parsePublicKeyResult,
  parsePublicKeysListResult,
  type PubkeyMetadata,
  publicKeyDataNode,
} from './pep.ts';
import { publicKeyBytes, readPublicKey, type ReadKeyOptions } from './read.ts';
import { NODE_OX_PUBLIC_KEYS } from '../ns.ts';
import { conditionOf, type IqRequest, publishConfigured } from '../stanzas/iqRequest.ts';

/** Most keys we fetch for one JID (XEP-0373 §4.3 allows several; a hostile list could hold thousands). */
export const MAX_ANNOUNCED_KEYS = 8;

/** Publishes `publicKey` and adds it to our metadata list. Resolves with the list published. */
export async function announcePublicKey(
  request: IqRequest,
  options: { ownJid: string; publicKey: PublicKey; now?: Date },
): Promise<PubkeyMetadata[]> {
  const date = options.now ?? new Date();
  const fingerprint = fingerprintOf(options.publicKey);
  const keyData = publicKeyBytes(options.publicKey);
  await publishConfigured(request, buildPublishPublicKey({ fingerprint, keyData, date }), publicKeyDataNode(fingerprint), OPEN_ACCESS);
  const current = await fetchKeysList(request, bareJid(options.ownJid));
  const keys = [...current.filter((k) => k.fingerprint !== fingerprint), { fingerprint, date }];
  await publishConfigured(request, buildPublishPublicKeysList({ keys }), NODE_OX_PUBLIC_KEYS, OPEN_ACCESS);
  return keys;
}

export interface AnnouncedKeys {
  keys: PublicKey[];
  /** Announced keys we could not fetch or that the policy refused, with the reason. */
  rejected: { fingerprint: string; reason: string }[];
}

/** The usable announced keys of `jid` (none when it announces nothing). */
export async function fetchAnnouncedKeys(request: IqRequest, jid: string, options: Omit<ReadKeyOptions, 'jid'> = {}): Promise<AnnouncedKeys> {
  const bare = bareJid(jid);
  const list = await fetchKeysList(request, bare);
  const result: AnnouncedKeys = { keys: [], rejected: [] };
  for (const [i, meta] of list.entries()) {
    if (i >= MAX_ANNOUNCED_KEYS) {
      result.rejected.push({ fingerprint: meta.fingerprint, reason: 'too many announced keys' });
      continue;
    }
    try {
      const data = parsePublicKeyResult(await request(buildFetchPublicKey({ to: bare, fingerprint: meta.fingerprint })), meta.fingerprint);
      const key = await readPublicKey(data, { ...options, jid: bare });
      // The data node must hold the key its name promises.
      if (fingerprintOf(key) !== meta.fingerprint) throw new KeyPolicyError('malformed', 'data node holds another key');
      result.keys.push(key);
    } catch (err) {
      result.rejected.push({ fingerprint: meta.fingerprint, reason: errorMessage(err) });
    }
  }
  return result;
}

async function fetchKeysList(request: IqRequest, jid: string): Promise<PubkeyMetadata[]> {
  try {
    return parsePublicKeysListResult(await request(buildFetchPublicKeysList({ to: jid })));
  } catch (err) {
    if (conditionOf(err) === 'item-not-found') return [];
    throw err;
  }
}
