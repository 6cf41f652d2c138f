// XEP-0373 §4: announcing and discovering OX public keys over PEP.
// - data node `urn:xmpp:openpgp:0:public-keys:<FPR>`: `<pubkey><data>BASE64</data></pubkey>`
// - metadata node `urn:xmpp:openpgp:0:public-keys`: `<public-keys-list>` of `<pubkey-metadata>`
// Both are published with `pubsub#access_model=open` (§4.1, §4.2) so the gateway and
// strangers can read them (Prosody's default PEP model is `presence`). Publish the data node
// before the metadata node (§4.2). Item ids differ between clients: never rely on them.
import { type Element, expectElement, requireAttr, requireChild, xml } from '../xml/element.ts';
import { NODE_OX_PUBLIC_KEY_DATA_PREFIX, NODE_OX_PUBLIC_KEYS, NS_OX } from '../ns.ts';
import { fromBase64, toBase64 } from '../encoding.ts';
import { formatDateTime, parseDateTime } from '../datetime.ts';
import { ProtocolParseError } from '../errors.ts';
import { buildItemsRequest, buildPublish, type PubsubItem, parseItemsEvent, parseItemsResult } from '../stanzas/pubsub.ts';
import type { IqAddressing } from '../stanzas/iq.ts';
import { parseFingerprint } from './fingerprint.ts';
import { DEFAULT_KEY_POLICY } from './policy.ts';

export const OPEN_ACCESS = { 'pubsub#access_model': 'open' } as const;

export interface PubkeyMetadata {
  fingerprint: string;
  date: Date;
}

export function publicKeyDataNode(fingerprint: string): string {
  return NODE_OX_PUBLIC_KEY_DATA_PREFIX + parseFingerprint(fingerprint);
}

/** XEP-0373 §4.1 publish of one public key (binary transferable key). */
export function buildPublishPublicKey(
  options: IqAddressing & { fingerprint: string; keyData: Uint8Array; date: Date },
): Element {
  return buildPublish({
    ...options,
    node: publicKeyDataNode(options.fingerprint),
    itemId: formatDateTime(options.date), // §4.1: SHOULD be the publication time
    payload: xml('pubkey', { xmlns: NS_OX, date: formatDateTime(options.date) }, xml('data', {}, toBase64(options.keyData))),
    publishOptions: OPEN_ACCESS,
  });
}

/** XEP-0373 §4.2 publish of the metadata node listing every announced key. */
export function buildPublishPublicKeysList(options: IqAddressing & { keys: readonly PubkeyMetadata[] }): Element {
  const seen = new Set<string>();
  for (const k of options.keys) {
    if (seen.has(k.fingerprint)) throw new ProtocolParseError('invalid-value', `fingerprint ${k.fingerprint} listed twice`);
    seen.add(parseFingerprint(k.fingerprint));
  }
  return buildPublish({
    ...options,
    node: NODE_OX_PUBLIC_KEYS,
    payload: buildPublicKeysList(options.keys),
    publishOptions: OPEN_ACCESS,
  });
}

export function buildPublicKeysList(keys: readonly PubkeyMetadata[]): Element {
  return xml(
    'public-keys-list',
    { xmlns: NS_OX },
    keys.map((k) => xml('pubkey-metadata', { 'v4-fingerprint': k.fingerprint, date: formatDateTime(k.date) })),
  );
}

/** XEP-0373 §4.3: request the metadata node of `to` (a bare JID). */
export function buildFetchPublicKeysList(options: IqAddressing & { to: string }): Element {
  return buildItemsRequest({ ...options, node: NODE_OX_PUBLIC_KEYS, maxItems: 1 });
}

/** XEP-0373 §4.3: request one data node of `to`. */
export function buildFetchPublicKey(options: IqAddressing & { to: string; fingerprint: string }): Element {
  return buildItemsRequest({ ...options, node: publicKeyDataNode(options.fingerprint), maxItems: 1 });
}

/** Announced keys from the metadata IQ result. An empty node yields an empty list. */
export function parsePublicKeysListResult(stanza: Element): PubkeyMetadata[] {
  return metadataFromItems(parseItemsResult(stanza, NODE_OX_PUBLIC_KEYS));
}

/** Announced keys from a PEP notification, or undefined when the message is not one. */
export function parsePublicKeysListEvent(stanza: Element): PubkeyMetadata[] | undefined {
  const items = parseItemsEvent(stanza, NODE_OX_PUBLIC_KEYS);
  return items && metadataFromItems(items);
}

export function parsePublicKeysList(el: Element): PubkeyMetadata[] {
  expectElement(el, 'public-keys-list', NS_OX);
  const seen = new Set<string>();
  const out: PubkeyMetadata[] = [];
  for (const meta of el.getChildren('pubkey-metadata', NS_OX)) {
    const fingerprint = parseFingerprint(requireAttr(meta, 'v4-fingerprint'));
    if (seen.has(fingerprint)) continue; // §4.2: MUST NOT occur twice; tolerate by ignoring
    seen.add(fingerprint);
    out.push({ fingerprint, date: parseDateTime(requireAttr(meta, 'date')) });
  }
  return out;
}

/** The binary key from a data-node IQ result (bounded by the key size policy). */
export function parsePublicKeyResult(stanza: Element, fingerprint: string): Uint8Array {
  const [item] = parseItemsResult(stanza, publicKeyDataNode(fingerprint));
  if (!item?.payload) throw new ProtocolParseError('missing-element', 'public key node holds no item');
  return parsePubkey(item.payload);
}

export function parsePubkey(el: Element): Uint8Array {
  expectElement(el, 'pubkey', NS_OX);
  return fromBase64(requireChild(el, 'data', NS_OX).getText(), DEFAULT_KEY_POLICY.maxKeyBytes);
}

function metadataFromItems(items: PubsubItem[]): PubkeyMetadata[] {
  // We request max_items=1; if a service sends more, the first is the newest (XEP-0060 §6.5.7).
  const first = items[0];
  if (!first?.payload) return [];
  return parsePublicKeysList(first.payload);
}
