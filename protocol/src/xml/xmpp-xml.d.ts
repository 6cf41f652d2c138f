// Type declarations for @xmpp/xml 0.14 (ltx 3 elements), which ships none: the public ltx
// Element API. Referenced from element.ts, so every project that imports the protocol package
// sees them (the gateway may import '@xmpp/xml' directly against the same declarations).
declare module '@xmpp/xml' {
  export type XmlAttrValue = string | number | null | undefined;
  export type XmlNode = Element | string;
  export type XmlChild = XmlNode | readonly XmlChild[] | null | undefined | false | true | '';

  export class Element {
    constructor(name: string, attrs?: Record<string, XmlAttrValue>);
    name: string;
    attrs: Record<string, string>;
    children: XmlNode[];
    parent: Element | null;
    is(name: string, xmlns?: string): boolean;
    getName(): string;
    getNS(): string | undefined;
    findNS(prefix?: string): string | undefined;
    getXmlns(): Record<string, string>;
    setAttrs(attrs: Record<string, XmlAttrValue> | string): void;
    getAttr(name: string, xmlns?: string): string | undefined;
    getChild(name: string, xmlns?: string): Element | undefined;
    getChildren(name: string, xmlns?: string): Element[];
    getChildByAttr(attr: string, val: string, xmlns?: string, recursive?: boolean): Element | undefined;
    getChildrenByAttr(attr: string, val: string, xmlns?: string, recursive?: boolean): Element[];
    getChildrenByFilter(filter: (child: XmlNode) => boolean, recursive?: boolean): XmlNode[];
    getChildElements(): Element[];
    getText(): string;
    getChildText(name: string, xmlns?: string): string | null;
    text(): string;
    text(value: string): this;
    attr(name: string): string | undefined;
    attr(name: string, value: XmlAttrValue): this;
    c(name: string, attrs?: Record<string, XmlAttrValue>): Element;
    t(text: string): Element;
    up(): Element;
    cnode<T extends XmlNode>(child: T): T;
    append(...nodes: XmlNode[]): void;
    prepend(...nodes: XmlNode[]): void;
    remove(el: Element | string, xmlns?: string): this;
    root(): Element;
    write(writer: (chunk: string) => void): void;
    toString(): string;
  }

  export function createElement(
    name: string,
    attrs?: Record<string, XmlAttrValue> | null,
    ...children: XmlChild[]
  ): Element;

  export function escapeXML(text: string): string;
  export function unescapeXML(text: string): string;
  export function escapeXMLText(text: string): string;
  export function unescapeXMLText(text: string): string;

  export function xml(
    name: string,
    attrs?: Record<string, XmlAttrValue> | null,
    ...children: XmlChild[]
  ): Element;

  export class XMLError extends Error {}

  type Listener = (...args: any[]) => void;

  export class Parser {
    constructor();
    root: Element | null;
    cursor: Element | null;
    on(event: 'start' | 'element' | 'end', listener: (el: Element) => void): this;
    on(event: 'error', listener: (err: Error) => void): this;
    on(event: string, listener: Listener): this;
    onStartElement(name: string, attrs: Record<string, string>): void;
    onEndElement(name: string): void;
    onText(str: string): void;
    write(data: string): void;
    end(data?: string): void;
  }

  export default xml;
}
