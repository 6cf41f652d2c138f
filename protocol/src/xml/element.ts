/// <reference path="./xmpp-xml.d.ts" />
// The one door to @xmpp/xml (house rule 2). Elements built here are the ltx elements that
// @xmpp/client and @xmpp/component send and receive, so stanzas pass through untouched.
// Small readers below turn "absent or malformed" into ProtocolParseError so parsers stay flat.
import { Element, Parser, xml } from '@xmpp/xml';
import { ProtocolParseError } from '../errors.ts';

export { Element, Parser, xml };
export type { XmlChild, XmlNode } from '@xmpp/xml';

/** Throws unless `el` is `<name xmlns=ns>` (namespace resolved through parents). */
export function expectElement(el: Element, name: string, ns: string): void {
  if (!el.is(name, ns)) {
    throw new ProtocolParseError(
      'unexpected-element',
      `expected <${name} xmlns='${ns}'>, got <${el.name} xmlns='${el.getNS() ?? ''}'>`,
    );
  }
}

/** The child `<name xmlns=ns>`, or a ProtocolParseError. */
export function requireChild(el: Element, name: string, ns: string): Element {
  const child = el.getChild(name, ns);
  if (!child) throw new ProtocolParseError('missing-element', `<${el.name}> lacks <${name} xmlns='${ns}'>`);
  return child;
}

/** Exactly one child `<name xmlns=ns>`, or a ProtocolParseError. */
export function requireSingleChild(el: Element, name: string, ns: string): Element {
  const found = el.getChildren(name, ns);
  if (found.length !== 1 || !found[0]) {
    throw new ProtocolParseError('invalid-value', `<${el.name}> must hold exactly one <${name}>, has ${found.length}`);
  }
  return found[0];
}

/** A non-empty attribute value, or a ProtocolParseError. */
export function requireAttr(el: Element, name: string): string {
  const value = el.attrs[name];
  if (value === undefined || value === '') {
    throw new ProtocolParseError('missing-attribute', `<${el.name}> lacks attribute '${name}'`);
  }
  return value;
}

/** An attribute value, `undefined` when absent or empty. */
export function optionalAttr(el: Element, name: string): string | undefined {
  const value = el.attrs[name];
  return value === undefined || value === '' ? undefined : value;
}

/** Text of the child `<name xmlns=ns>`, `undefined` when the child is absent. */
export function childText(el: Element, name: string, ns: string): string | undefined {
  const child = el.getChild(name, ns);
  return child ? child.getText() : undefined;
}

/** A non-negative decimal integer attribute or text, `undefined` when absent. */
export function parseNonNegativeInt(value: string | undefined, what: string): number | undefined {
  if (value === undefined) return undefined;
  if (!/^[0-9]{1,15}$/.test(value)) throw new ProtocolParseError('invalid-value', `${what} is not a non-negative integer: '${value}'`);
  return Number(value);
}

/** Elements only, in document order. */
export function childElements(el: Element): Element[] {
  return el.children.filter((c): c is Element => typeof c !== 'string');
}
