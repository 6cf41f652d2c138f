// Attachments <-> OX payload: one XEP-0066 `<x xmlns='jabber:x:oob'>` per file (what other
// clients read: the aesgcm:// URL and the name as `<desc/>`) and, in the same order, one
// XEP-0446 `<file/>` with name, size, type, dimensions, duration and the thumbnail.
import type { Element } from '@sealpost/protocol';
import { type OxAttachment, type OxPayload, parsePayloadChildren } from '@sealpost/protocol/ox/payload.ts';
import { buildFileMetadata, type FileMetadata, isFileMetadata, parseFileMetadata } from '@sealpost/protocol/stanzas/fileMetadata.ts';
import type { Attachment } from '../storage/schema.ts';

export function attachmentPayload(list: readonly Attachment[]): Pick<OxPayload, 'attachments' | 'extensions'> {
  return {
    attachments: list.map((a) => ({ url: a.url, ...(a.name !== undefined ? { desc: a.name } : a.desc !== undefined ? { desc: a.desc } : {}) })),
    extensions: list.map((a) =>
      buildFileMetadata({
        ...(a.name !== undefined ? { name: a.name } : {}),
        ...(a.mediaType !== undefined ? { mediaType: a.mediaType } : {}),
        ...(a.size !== undefined ? { size: a.size } : {}),
        ...(a.width !== undefined ? { width: a.width } : {}),
        ...(a.height !== undefined ? { height: a.height } : {}),
        ...(a.length !== undefined ? { length: a.length } : {}),
        ...(a.thumbnail !== undefined ? { thumbnail: { uri: a.thumbnail, mediaType: a.thumbnail.slice(5, a.thumbnail.indexOf(';')) } } : {}),
      }),
    ),
  };
}

export function attachmentsFromPayload(payload: Pick<OxPayload, 'attachments' | 'extensions'>): Attachment[] {
  const metas: FileMetadata[] = [];
  for (const e of payload.extensions) {
    if (!isFileMetadata(e)) continue;
    try {
      metas.push(parseFileMetadata(e));
    } catch {
      metas.push({});
    }
  }
  return payload.attachments.map((a, i) => toAttachment(a, metas[i]));
}

/** XEP-0066 links on an unencrypted message (e.g. go-sendxmpp -h). */
export function oobAttachments(message: Element): Attachment[] {
  try {
    return parsePayloadChildren(message).attachments.map((a) => toAttachment(a, undefined));
  } catch {
    return [];
  }
}

function toAttachment(a: OxAttachment, meta: FileMetadata | undefined): Attachment {
  const name = meta?.name ?? a.desc ?? nameFromUrl(a.url);
  return {
    url: a.url,
    ...(a.desc !== undefined ? { desc: a.desc } : {}),
    ...(name ? { name } : {}),
    ...(meta?.size !== undefined ? { size: meta.size } : {}),
    ...(meta?.mediaType !== undefined ? { mediaType: meta.mediaType } : {}),
    ...(meta?.width !== undefined ? { width: meta.width } : {}),
    ...(meta?.height !== undefined ? { height: meta.height } : {}),
    ...(meta?.length !== undefined ? { length: meta.length } : {}),
    ...(meta?.thumbnail ? { thumbnail: meta.thumbnail.uri } : {}),
  };
}

function nameFromUrl(url: string): string | undefined {
  try {
    const last = new URL(url.replace(/^aesgcm:/, 'https:')).pathname.split('/').pop();
    return last ? decodeURIComponent(last) : undefined;
  } catch {
    return undefined;
  }
}
