// XEP-0333 chat markers: a sender marks a message `<markable/>` (§3); the recipient answers
// `received`, `displayed` or `acknowledged` naming the message id (§4). Markers for messages
// up to and including `id` (§4.1: a marker also covers earlier messages).
import { type Element, xml } from '../xml/element.ts';
import { NS_HINTS, NS_MARKERS } from '../ns.ts';
import { ProtocolParseError } from '../errors.ts';

export type ChatMarkerType = 'received' | 'displayed' | 'acknowledged';
const TYPES: readonly ChatMarkerType[] = ['received', 'displayed', 'acknowledged'];

export function buildMarkable(): Element {
  return xml('markable', { xmlns: NS_MARKERS });
}

export function isMarkable(stanza: Element): boolean {
  return stanza.getChild('markable', NS_MARKERS) !== undefined;
}

export interface ChatMarker {
  type: ChatMarkerType;
  /** Id of the marked message (the origin-id / id the sender chose). */
  id: string;
  thread?: string;
}

export function buildChatMarker(options: ChatMarker & { to: string }): Element {
  return xml(
    'message',
    { to: options.to, type: 'chat' },
    xml(options.type, { xmlns: NS_MARKERS, id: options.id }),
    options.thread !== undefined ? xml('thread', {}, options.thread) : null,
    xml('store', { xmlns: NS_HINTS }), // §5: markers are archived so other devices sync
  );
}

export function parseChatMarker(stanza: Element): ChatMarker | undefined {
  if (stanza.name !== 'message') return undefined;
  for (const type of TYPES) {
    const el = stanza.getChild(type, NS_MARKERS);
    if (!el) continue;
    const id = el.attrs.id;
    if (!id) throw new ProtocolParseError('missing-attribute', `chat marker <${type}/> without id`);
    const marker: ChatMarker = { type, id };
    const thread = stanza.getChildText('thread');
    if (thread !== null) marker.thread = thread;
    return marker;
  }
  return undefined;
}
