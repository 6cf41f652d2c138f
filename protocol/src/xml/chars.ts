// Characters a stanza may carry. XML 1.0 §2.2 (production [2] Char) allows only
//   #x9 | #xA | #xD | [#x20-#xD7FF] | [#xE000-#xFFFD] | [#x10000-#x10FFFF]
// and RFC 6120 §11.1 makes a stream carrying anything else not-well-formed: the server
// closes the whole stream, so one bad value from the outside would cut every request in
// flight on it. ltx escapes markup (& < > ' ") but passes these characters through, so
// whatever sends a stanza checks it here first. Lone surrogates count as forbidden too
// (UTF-8 cannot encode them; they would arrive as U+FFFD, a different value).
import type { Element } from './element.ts';

/** Anything outside XML 1.0 Char, including unpaired surrogates. */
const FORBIDDEN = /[^\u0009\u000A\u000D\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/u;

/** Whether `text` holds only characters XML 1.0 §2.2 allows. */
export function isXmlText(text: string): boolean {
  return !FORBIDDEN.test(text);
}

/** `text` with every character XML 1.0 forbids replaced by U+FFFD (for error texts that quote input). */
export function sanitizeXmlText(text: string): string {
  return text.replace(new RegExp(FORBIDDEN.source, 'gu'), '\uFFFD');
}

/** Where `el` carries a character XML 1.0 forbids (`<name attr>` or `<name> text`), or undefined. */
export function findForbiddenXmlChar(el: Element): string | undefined {
  const stack: Element[] = [el];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (!isXmlText(node.name)) return `element name <${escapeForMessage(node.name)}>`;
    for (const [name, value] of Object.entries(node.attrs)) {
      if (value === undefined || value === null) continue;
      if (!isXmlText(name) || !isXmlText(String(value))) return `attribute '${escapeForMessage(name)}' of <${node.name}>`;
    }
    for (const child of node.children) {
      if (typeof child === 'string') {
        if (!isXmlText(child)) return `text of <${node.name}>`;
      } else {
        stack.push(child);
      }
    }
  }
  return undefined;
}

function escapeForMessage(text: string): string {
  return text.replace(/[^\x20-\x7e]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
