// XEP-0446 file metadata (with a XEP-0264 thumbnail) carried beside a XEP-0066 attachment
// inside the encrypted OX payload, so the upload server never learns the real name, type or
// size class of a file. The thumbnail is a small data: URI, encrypted with the payload.
import { type Element, childText, optionalAttr, parseNonNegativeInt, xml } from '../xml/element.ts';
import { ProtocolParseError } from '../errors.ts';
import { NS_FILE_METADATA, NS_THUMBS } from '../ns.ts';

const MAX_NAME = 255;
const MAX_THUMBNAIL_URI = 96 * 1024;

export interface FileThumbnail {
  /** `data:image/jpeg;base64,...` (or png/webp); anything else is dropped on parse. */
  uri: string;
  mediaType: string;
  width?: number;
  height?: number;
}

export interface FileMetadata {
  name?: string;
  mediaType?: string;
  size?: number;
  width?: number;
  height?: number;
  /** Duration of audio/video in milliseconds (XEP-0446 `<length/>`). */
  length?: number;
  thumbnail?: FileThumbnail;
}

export function buildFileMetadata(meta: FileMetadata): Element {
  const t = meta.thumbnail;
  return xml(
    'file',
    { xmlns: NS_FILE_METADATA },
    meta.mediaType !== undefined ? xml('media-type', {}, meta.mediaType) : null,
    meta.name !== undefined ? xml('name', {}, meta.name) : null,
    meta.size !== undefined ? xml('size', {}, String(meta.size)) : null,
    meta.width !== undefined ? xml('width', {}, String(meta.width)) : null,
    meta.height !== undefined ? xml('height', {}, String(meta.height)) : null,
    meta.length !== undefined ? xml('length', {}, String(Math.round(meta.length))) : null,
    t ? xml('thumbnail', { xmlns: NS_THUMBS, uri: t.uri, 'media-type': t.mediaType, width: t.width, height: t.height }) : null,
  );
}

export function isFileMetadata(el: Element): boolean {
  return el.is('file', NS_FILE_METADATA);
}

/** Reads `<file xmlns='urn:xmpp:file:metadata:0'/>`; an unsafe thumbnail is left out. */
export function parseFileMetadata(el: Element): FileMetadata {
  if (!isFileMetadata(el)) throw new ProtocolParseError('unexpected-element', 'not a file metadata element');
  const meta: FileMetadata = {};
  const name = childText(el, 'name', NS_FILE_METADATA);
  if (name !== undefined) meta.name = name.slice(0, MAX_NAME);
  const mediaType = childText(el, 'media-type', NS_FILE_METADATA);
  if (mediaType !== undefined && /^[\w.+-]+\/[\w.+-]+$/.test(mediaType)) meta.mediaType = mediaType.toLowerCase();
  for (const field of ['size', 'width', 'height', 'length'] as const) {
    const v = parseNonNegativeInt(childText(el, field, NS_FILE_METADATA), field);
    if (v !== undefined) meta[field] = v;
  }
  const thumb = el.getChild('thumbnail', NS_THUMBS);
  const uri = thumb ? optionalAttr(thumb, 'uri') : undefined;
  // Only raster images as base64 data: URIs (never SVG, never a remote URL).
  if (thumb && uri && uri.length <= MAX_THUMBNAIL_URI && /^data:image\/(jpeg|png|webp);base64,[A-Za-z0-9+/=]+$/.test(uri)) {
    const w = parseNonNegativeInt(optionalAttr(thumb, 'width'), 'width');
    const h = parseNonNegativeInt(optionalAttr(thumb, 'height'), 'height');
    meta.thumbnail = { uri, mediaType: uri.slice(5, uri.indexOf(';')), ...(w !== undefined ? { width: w } : {}), ...(h !== undefined ? { height: h } : {}) };
  }
  return meta;
}
