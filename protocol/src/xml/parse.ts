// Parsing untrusted XML strings (decrypted OX payloads, fixtures) into elements.
// The ltx parser under @xmpp/xml is lenient: it skips DOCTYPEs and comments, merges several
// roots and closes unclosed tags. RFC 6120 §11.1 forbids DTDs, comments and processing
// instructions in XMPP, and a payload from a peer is hostile input, so this wrapper rejects
// them and bounds size, depth and element count before anything walks the tree.
import { Element, Parser } from './element.ts';
import { ProtocolParseError } from '../errors.ts';

export interface XmlLimits {
  /** Longest accepted input, in UTF-16 code units. */
  maxLength?: number;
  /** Deepest accepted nesting; the root is depth 1. */
  maxDepth?: number;
  /** Most elements accepted in the whole document. */
  maxElements?: number;
}

export const DEFAULT_XML_LIMITS: Required<XmlLimits> = {
  maxLength: 1024 * 1024,
  maxDepth: 32,
  maxElements: 2000,
};

/** Parses one XML document (a single root element) under the given limits. */
export function parseXml(input: string, limits: XmlLimits = {}): Element {
  const lim = { ...DEFAULT_XML_LIMITS, ...limits };
  if (input.length > lim.maxLength) {
    throw new ProtocolParseError('xml-limit', `XML input of ${input.length} chars exceeds ${lim.maxLength}`);
  }
  const text = stripXmlDeclaration(input.trim());
  rejectMarkupDeclarations(text);

  const parser = new LimitedParser(lim);
  let root: Element | null = null;
  let failure: unknown = null;
  parser.on('start', (el) => (root = el));
  parser.on('element', (el) => root?.append(el));
  parser.on('error', (err) => (failure ??= err));
  try {
    parser.write(text);
    // The SAX parser reports text only when the next '<' arrives: one more '<' flushes any
    // trailing text after the root so LimitedParser can refuse it.
    parser.write('<');
  } catch (err) {
    failure ??= err;
  }
  if (failure) throw asParseError(failure);
  if (!root || !parser.closed) throw new ProtocolParseError('xml-malformed', 'XML document is empty or not closed');
  return root;
}

class LimitedParser extends Parser {
  closed = false;
  private depth = 0;
  private elements = 0;

  constructor(private readonly limits: Required<XmlLimits>) {
    super();
  }

  override onStartElement(name: string, attrs: Record<string, string>): void {
    if (this.closed) throw new ProtocolParseError('xml-malformed', 'content after the root element');
    this.depth++;
    this.elements++;
    if (this.depth > this.limits.maxDepth) {
      throw new ProtocolParseError('xml-limit', `XML nesting deeper than ${this.limits.maxDepth}`);
    }
    if (this.elements > this.limits.maxElements) {
      throw new ProtocolParseError('xml-limit', `XML has more than ${this.limits.maxElements} elements`);
    }
    super.onStartElement(name, attrs);
  }

  override onEndElement(name: string): void {
    if (this.closed || this.cursor === null) throw new ProtocolParseError('xml-malformed', `stray </${name}>`);
    if (name !== this.cursor.name) throw new ProtocolParseError('xml-malformed', `<${this.cursor.name}> closed by </${name}>`);
    super.onEndElement(name);
    this.depth--;
    if (this.depth === 0) this.closed = true;
  }

  override onText(str: string): void {
    if (this.closed) {
      if (str.trim() !== '') throw new ProtocolParseError('xml-malformed', 'text after the root element');
      return;
    }
    super.onText(str);
  }
}

/** A leading `<?xml ...?>` declaration is the only processing instruction tolerated. */
function stripXmlDeclaration(text: string): string {
  if (!text.startsWith('<?xml')) return text;
  const end = text.indexOf('?>');
  if (end < 0) throw new ProtocolParseError('xml-malformed', 'unterminated XML declaration');
  return text.slice(end + 2).trimStart();
}

/**
 * Rejects `<!DOCTYPE`, `<!ENTITY`, comments and processing instructions anywhere (RFC 6120
 * §11.1). `<` cannot appear unescaped in attribute values or text, so every `<!` or `<?` outside
 * a CDATA section is markup.
 */
function rejectMarkupDeclarations(text: string): void {
  let pos = text.indexOf('<');
  while (pos >= 0) {
    const next = text.charCodeAt(pos + 1);
    if (text.startsWith('<![CDATA[', pos)) {
      const end = text.indexOf(']]>', pos + 9);
      if (end < 0) throw new ProtocolParseError('xml-malformed', 'unterminated CDATA section');
      pos = text.indexOf('<', end + 3);
      continue;
    }
    if (next === 0x21 /* ! */ || next === 0x3f /* ? */) {
      throw new ProtocolParseError('xml-forbidden', 'DTDs, comments and processing instructions are not allowed');
    }
    pos = text.indexOf('<', pos + 1);
  }
}

function asParseError(err: unknown): ProtocolParseError {
  if (err instanceof ProtocolParseError) return err;
  const message = err instanceof Error ? err.message : String(err);
  return new ProtocolParseError('xml-malformed', `malformed XML: ${message}`);
}
