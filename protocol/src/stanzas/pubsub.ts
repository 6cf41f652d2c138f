// XEP-0060 / XEP-0163 (PEP) building blocks shared by the OX key nodes (XEP-0373 §4) and the
// secret-key backup node (§5): publish with publish-options, items retrieval, and reading items
// from both IQ results and event notifications.
import { type Element, xml } from '../xml/element.ts';
import { FORM_PUBSUB_NODE_CONFIG, FORM_PUBSUB_PUBLISH_OPTIONS, NS_PUBSUB, NS_PUBSUB_EVENT, NS_PUBSUB_OWNER } from '../ns.ts';
import { buildDataForm, submitForm } from '../forms/dataForm.ts';
import { ProtocolParseError } from '../errors.ts';
import { buildIq, type IqAddressing, iqResultChild } from './iq.ts';

export interface PublishOptions extends IqAddressing {
  node: string;
  itemId?: string;
  payload: Element;
  /** XEP-0060 §7.1.5 publish-options, e.g. `{ 'pubsub#access_model': 'open' }`. */
  publishOptions?: Record<string, string>;
}

/** XEP-0060 §7.1.1 publish (with §7.1.5 publish-options). */
export function buildPublish(options: PublishOptions): Element {
  const { publishOptions } = options;
  return buildIq(
    'set',
    options,
    xml(
      'pubsub',
      { xmlns: NS_PUBSUB },
      xml('publish', { node: options.node }, xml('item', { id: options.itemId }, options.payload)),
      publishOptions
        ? xml('publish-options', {}, buildDataForm(submitForm(FORM_PUBSUB_PUBLISH_OPTIONS, publishOptions)))
        : null,
    ),
  );
}

/** XEP-0060 §8.1.1 create-and-configure. */
export function buildCreateNode(options: IqAddressing & { node: string; config: Record<string, string> }): Element {
  return buildIq(
    'set',
    options,
    xml(
      'pubsub',
      { xmlns: NS_PUBSUB },
      xml('create', { node: options.node }),
      xml('configure', {}, buildDataForm(submitForm(FORM_PUBSUB_NODE_CONFIG, options.config))),
    ),
  );
}

/**
 * XEP-0060 §8.2.4 configure an existing node. Needed when publish-options fail with
 * `precondition-not-met` because another client created the node with other settings.
 */
export function buildConfigureNode(options: IqAddressing & { node: string; config: Record<string, string> }): Element {
  return buildIq(
    'set',
    options,
    xml('pubsub', { xmlns: NS_PUBSUB_OWNER }, xml('configure', { node: options.node }, buildDataForm(submitForm(FORM_PUBSUB_NODE_CONFIG, options.config)))),
  );
}

/** XEP-0060 §6.5.2 / §6.5.7: retrieve items, usually only the newest (`max_items='1'`). */
export function buildItemsRequest(options: IqAddressing & { node: string; maxItems?: number }): Element {
  return buildIq('get', options, xml('pubsub', { xmlns: NS_PUBSUB }, xml('items', { node: options.node, max_items: options.maxItems })));
}

export interface PubsubItem {
  id: string | undefined;
  /** The item's single payload element; undefined for notification-only items. */
  payload: Element | undefined;
}

/** Items of `node` from an IQ result (XEP-0060 §6.5). */
export function parseItemsResult(stanza: Element, node: string): PubsubItem[] {
  const pubsub = iqResultChild(stanza, 'pubsub', NS_PUBSUB);
  return readItems(pubsub, NS_PUBSUB, node);
}

/** Items of `node` from a `<message>` event notification (XEP-0060 §7.1.2.1), or undefined. */
export function parseItemsEvent(stanza: Element, node: string): PubsubItem[] | undefined {
  const event = stanza.getChild('event', NS_PUBSUB_EVENT);
  if (!event) return undefined;
  const items = event.getChild('items', NS_PUBSUB_EVENT);
  if (!items || items.attrs.node !== node) return undefined;
  return readItems(event, NS_PUBSUB_EVENT, node);
}

function readItems(container: Element, ns: string, node: string): PubsubItem[] {
  const items = container.getChild('items', ns);
  if (!items) throw new ProtocolParseError('missing-element', 'pubsub reply lacks <items/>');
  if (items.attrs.node !== node) {
    throw new ProtocolParseError('invalid-value', `items of node '${items.attrs.node ?? ''}', expected '${node}'`);
  }
  return items.getChildren('item', ns).map((item) => ({
    id: item.attrs.id,
    payload: item.children.find((c): c is Element => typeof c !== 'string'),
  }));
}
