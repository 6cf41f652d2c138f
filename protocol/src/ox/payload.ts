// XEP-0374 §5: the children of `<payload/>` are stanza extensions, encrypted and signed.
// Sealpost reads the email-like parts (RFC 6121 §5.2 body/subject/thread, XEP-0066
// attachments, XEP-0184 receipt request) into a typed object and keeps unknown children.
// Bodies may come in 'jabber:client' or 'jabber:server' (XEP-0374 §5: accept both) and some
// clients omit the namespace, so the element inherits the OX namespace: accepted too.
import { type Element, childElements, xml } from '../xml/element.ts';
import { NS_CLIENT, NS_OOB, NS_OX, NS_RECEIPTS, NS_SERVER } from '../ns.ts';
import { ProtocolParseError } from '../errors.ts';
import { parseXml } from '../xml/parse.ts';

export interface OxAttachment {
  /** https:// or aesgcm:// URL (XEP-0454); never linkify aesgcm URLs. */
  url: string;
  desc?: string;
}

export interface OxPayload {
  body?: string;
  subject?: string;
  thread?: string;
  attachments: OxAttachment[];
  /** XEP-0184 §5.1 `<request/>` inside the encrypted payload. */
  receiptRequest: boolean;
  /** Other extension elements, untouched. */
  extensions: Element[];
}

const TEXT_NAMESPACES: readonly (string | undefined)[] = [NS_CLIENT, NS_SERVER, NS_OX];
const MAX_ATTACHMENTS = 32;

export function buildPayloadChildren(payload: OxPayload): Element[] {
  const out: Element[] = [];
  if (payload.subject !== undefined) out.push(xml('subject', { xmlns: NS_CLIENT }, payload.subject));
  if (payload.body !== undefined) out.push(xml('body', { xmlns: NS_CLIENT }, payload.body));
  if (payload.thread !== undefined) out.push(xml('thread', { xmlns: NS_CLIENT }, payload.thread));
  for (const a of payload.attachments) {
    out.push(xml('x', { xmlns: NS_OOB }, xml('url', {}, a.url), a.desc !== undefined ? xml('desc', {}, a.desc) : null));
  }
  if (payload.receiptRequest) out.push(xml('request', { xmlns: NS_RECEIPTS }));
  // A deep copy, so the caller's element keeps its parent.
  for (const e of payload.extensions) out.push(parseXml(e.toString()));
  return out;
}

/** Reads the children of a `<payload/>` element. */
export function parsePayloadChildren(payloadEl: Element): OxPayload {
  const payload: OxPayload = { attachments: [], receiptRequest: false, extensions: [] };
  for (const child of childElements(payloadEl)) {
    const ns = child.getNS();
    const name = child.getName();
    if (TEXT_NAMESPACES.includes(ns) && (name === 'body' || name === 'subject' || name === 'thread')) {
      if (payload[name] !== undefined) throw new ProtocolParseError('invalid-value', `payload holds two <${name}/>`);
      payload[name] = child.getText();
    } else if (ns === NS_OOB && name === 'x') {
      if (payload.attachments.length >= MAX_ATTACHMENTS) {
        throw new ProtocolParseError('xml-limit', `more than ${MAX_ATTACHMENTS} attachments`);
      }
      const url = child.getChildText('url', NS_OOB);
      if (!url) throw new ProtocolParseError('missing-element', 'attachment without <url/>');
      const desc = child.getChildText('desc', NS_OOB);
      payload.attachments.push(desc === null ? { url } : { url, desc });
    } else if (ns === NS_RECEIPTS && name === 'request') {
      payload.receiptRequest = true;
    } else {
      payload.extensions.push(child);
    }
  }
  return payload;
}

/** A payload with only the given fields set. */
export function oxPayload(fields: Partial<OxPayload>): OxPayload {
  return { attachments: [], receiptRequest: false, extensions: [], ...fields };
}
