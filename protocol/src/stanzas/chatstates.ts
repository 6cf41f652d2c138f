// XEP-0085 chat state notifications (§2): active, composing, paused, inactive, gone. Sent as
// their own message with a `<no-store/>` hint (XEP-0334) so archives stay clean.
import { type Element, xml } from '../xml/element.ts';
import { NS_CHATSTATES, NS_HINTS } from '../ns.ts';

export type ChatState = 'active' | 'composing' | 'paused' | 'inactive' | 'gone';
export const CHAT_STATES: readonly ChatState[] = ['active', 'composing', 'paused', 'inactive', 'gone'];

export function buildChatState(options: { to: string; state: ChatState; thread?: string }): Element {
  return xml(
    'message',
    { to: options.to, type: 'chat' },
    xml(options.state, { xmlns: NS_CHATSTATES }),
    options.thread !== undefined ? xml('thread', {}, options.thread) : null,
    xml('no-store', { xmlns: NS_HINTS }),
  );
}

/** The chat state a message carries, if any (the first one when several are present). */
export function parseChatState(stanza: Element): ChatState | undefined {
  if (stanza.name !== 'message') return undefined;
  return CHAT_STATES.find((state) => stanza.getChild(state, NS_CHATSTATES) !== undefined);
}
