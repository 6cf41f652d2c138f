// XEP-0373 §5: the secret-key node `urn:xmpp:openpgp:0:secret-key` holding
// `<secretkey>BASE64</secretkey>`. It must use the `whitelist` access model so only the
// owner's bare JID can read it (§5.1); we set it with publish-options, and offer the §5.3
// create-and-configure request for services that want the node created first.
import { type Element, expectElement, xml } from '../xml/element.ts';
import { NODE_OX_SECRET_KEY, NS_OX } from '../ns.ts';
import { fromBase64, toBase64 } from '../encoding.ts';
import { ProtocolParseError } from '../errors.ts';
import { buildCreateNode, buildItemsRequest, buildPublish, parseItemsResult } from '../stanzas/pubsub.ts';
import type { IqAddressing } from '../stanzas/iq.ts';

export const WHITELIST_ACCESS = { 'pubsub#access_model': 'whitelist' } as const;
/** Encrypted backups of a few keys stay far below this. */
export const MAX_BACKUP_BYTES = 256 * 1024;

export function buildPublishSecretKey(options: IqAddressing & { data: Uint8Array }): Element {
  return buildPublish({
    ...options,
    node: NODE_OX_SECRET_KEY,
    payload: xml('secretkey', { xmlns: NS_OX }, toBase64(options.data)),
    publishOptions: WHITELIST_ACCESS,
  });
}

/** §5.3: create the node with the whitelist model and send_last_published_item=on_sub. */
export function buildCreateSecretKeyNode(options: IqAddressing = {}): Element {
  return buildCreateNode({
    ...options,
    node: NODE_OX_SECRET_KEY,
    config: { ...WHITELIST_ACCESS, 'pubsub#send_last_published_item': 'on_sub' },
  });
}

/** §5.2: fetch our own backup (no `to`: our own PEP service). */
export function buildFetchSecretKey(options: IqAddressing = {}): Element {
  return buildItemsRequest({ ...options, node: NODE_OX_SECRET_KEY, maxItems: 1 });
}

/** The encrypted backup bytes, or undefined if the node holds no item. */
export function parseSecretKeyResult(stanza: Element): Uint8Array | undefined {
  const [item] = parseItemsResult(stanza, NODE_OX_SECRET_KEY);
  if (!item) return undefined;
  if (!item.payload) throw new ProtocolParseError('missing-element', 'secret-key item without payload');
  return parseSecretKeyElement(item.payload);
}

export function parseSecretKeyElement(el: Element): Uint8Array {
  expectElement(el, 'secretkey', NS_OX);
  return fromBase64(el.getText(), MAX_BACKUP_BYTES);
}
