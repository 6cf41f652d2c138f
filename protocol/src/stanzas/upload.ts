// XEP-0363 HTTP file upload: slot request (§4), slot (§5) with PUT headers, the upload
// service's size limit from disco (§3), and the <file-too-large/> error (§5.1).
// §5: only Authorization, Cookie and Expires headers may be used, with newlines stripped.
import { type Element, parseNonNegativeInt, requireAttr, requireChild, xml } from '../xml/element.ts';
import { NS_HTTP_UPLOAD } from '../ns.ts';
import { formValue } from '../forms/dataForm.ts';
import { ProtocolParseError } from '../errors.ts';
import { buildIq, type IqAddressing, iqResultChild } from './iq.ts';
import type { DiscoInfo } from './disco.ts';
import { parseStanzaError } from './error.ts';

const ALLOWED_HEADERS = new Map([
  ['authorization', 'Authorization'],
  ['cookie', 'Cookie'],
  ['expires', 'Expires'],
]);

export interface SlotRequest extends IqAddressing {
  /** The upload service JID (found with disco#items / disco#info). */
  to: string;
  filename: string;
  size: number;
  contentType?: string;
}

export function buildUploadSlotRequest(request: SlotRequest): Element {
  return buildIq(
    'get',
    request,
    xml('request', { xmlns: NS_HTTP_UPLOAD, filename: request.filename, size: request.size, 'content-type': request.contentType }),
  );
}

export interface UploadSlot {
  putUrl: string;
  putHeaders: Record<string, string>;
  getUrl: string;
}

/** The slot, or ProtocolParseError('stanza-error') (see `uploadSizeLimit` for file-too-large). */
export function parseUploadSlot(stanza: Element): UploadSlot {
  const slot = iqResultChild(stanza, 'slot', NS_HTTP_UPLOAD);
  const put = requireChild(slot, 'put', NS_HTTP_UPLOAD);
  const putHeaders: Record<string, string> = {};
  for (const header of put.getChildren('header', NS_HTTP_UPLOAD)) {
    const name = ALLOWED_HEADERS.get(requireAttr(header, 'name').toLowerCase());
    if (name) putHeaders[name] = header.getText().replace(/[\r\n]/g, '');
  }
  return {
    putUrl: httpsUrl(requireAttr(put, 'url')),
    putHeaders,
    getUrl: httpsUrl(requireAttr(requireChild(slot, 'get', NS_HTTP_UPLOAD), 'url')),
  };
}

/** The slot response as the service sends it (for fakes and tests). */
export function buildUploadSlot(slot: UploadSlot): Element {
  return xml(
    'slot',
    { xmlns: NS_HTTP_UPLOAD },
    xml('put', { url: slot.putUrl }, Object.entries(slot.putHeaders).map(([name, value]) => xml('header', { name }, value))),
    xml('get', { url: slot.getUrl }),
  );
}

/** §5.1: the `max-file-size` from a `<file-too-large/>` error reply, if that is the error. */
export function uploadErrorMaxSize(stanza: Element): number | undefined {
  const app = parseStanzaError(stanza)?.application;
  if (!app?.is('file-too-large', NS_HTTP_UPLOAD)) return undefined;
  return parseNonNegativeInt(app.getChildText('max-file-size', NS_HTTP_UPLOAD) ?? undefined, 'max-file-size');
}

/** §3: the service's `max-file-size` from its disco#info, if announced. */
export function uploadSizeLimit(info: DiscoInfo): number | undefined {
  if (!info.features.includes(NS_HTTP_UPLOAD)) return undefined;
  const form = info.forms.find((f) => f.formType === NS_HTTP_UPLOAD);
  return form ? parseNonNegativeInt(formValue(form, 'max-file-size'), 'max-file-size') : undefined;
}

function httpsUrl(text: string): string {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new ProtocolParseError('invalid-value', `invalid upload URL '${text}'`);
  }
  // §4: HTTPS is required; plain http only for loopback test servers.
  const loopback = url.hostname === '127.0.0.1' || url.hostname === 'localhost' || url.hostname === '[::1]';
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && loopback)) {
    throw new ProtocolParseError('invalid-value', `upload URL must be https: '${text}'`);
  }
  return url.href;
}
