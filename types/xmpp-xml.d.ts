// Types for @xmpp/xml 0.14 (ships none): the element API the gateway uses.
declare module '@xmpp/xml' {
  export class Element {
    constructor(name: string, attrs?: Record<string, string | number | undefined>);
    name: string;
    attrs: Record<string, string | undefined>;
    children: Array<Element | string>;
    parent: Element | null;
    getChild(name: string, xmlns?: string): Element | undefined;
    getChildren(name: string, xmlns?: string): Element[];
    getChildElements(): Element[];
    getChildText(name: string, xmlns?: string): string | null;
    getText(): string;
    text(): string;
    is(name: string, xmlns?: string): boolean;
    getNS(): string | undefined;
    append(...children: Array<Element | string>): Element;
    c(name: string, attrs?: Record<string, string | number | undefined>): Element;
    toString(): string;
  }
  type Child = Element | string | null | undefined | false | Child[];
  export function xml(name: string, attrs?: Record<string, string | number | undefined> | null, ...children: Child[]): Element;
  export default xml;
}
