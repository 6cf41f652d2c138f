// RFC 6120 §8.3: error stanzas. Parsers call `throwIfError` first so an error reply becomes a
// ProtocolParseError with code 'stanza-error' and the defined condition.
import { type Element, childElements, xml } from '../xml/element.ts';
import { NS_STANZAS } from '../ns.ts';
import { ProtocolParseError } from '../errors.ts';

export type StanzaErrorType = 'auth' | 'cancel' | 'continue' | 'modify' | 'wait';

export interface StanzaError {
  type: StanzaErrorType | undefined;
  /** Defined condition (RFC 6120 §8.3.3), e.g. 'item-not-found'; 'undefined-condition' if none. */
  condition: string;
  text: string | undefined;
  /** Application-specific condition element (e.g. XEP-0363 <file-too-large/>). */
  application: Element | undefined;
}

export function parseStanzaError(stanza: Element): StanzaError | undefined {
  if (stanza.attrs.type !== 'error') return undefined;
  const error = stanza.getChild('error');
  const children = error ? childElements(error) : [];
  const condition = children.find((c) => c.getNS() === NS_STANZAS && c.name !== 'text');
  const application = children.find((c) => c.getNS() !== NS_STANZAS);
  const type = error?.attrs.type;
  return {
    type: isErrorType(type) ? type : undefined,
    condition: condition?.name ?? 'undefined-condition',
    text: error?.getChildText('text', NS_STANZAS) ?? undefined,
    application,
  };
}

/** Throws ProtocolParseError('stanza-error') when `stanza` is an error reply. */
export function throwIfError(stanza: Element): void {
  const error = parseStanzaError(stanza);
  if (error) {
    throw new ProtocolParseError(
      'stanza-error',
      `${stanza.name} error: ${error.condition}${error.text ? ` (${error.text})` : ''}`,
      error.condition,
    );
  }
}

/** An `<error/>` child for replies (RFC 6120 §8.3.2). */
export function buildErrorChild(type: StanzaErrorType, condition: string, text?: string): Element {
  return xml(
    'error',
    { type },
    xml(condition, { xmlns: NS_STANZAS }),
    text !== undefined ? xml('text', { xmlns: NS_STANZAS }, text) : null,
  );
}

function isErrorType(value: string | undefined): value is StanzaErrorType {
  return value === 'auth' || value === 'cancel' || value === 'continue' || value === 'modify' || value === 'wait';
}
