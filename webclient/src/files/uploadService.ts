// XEP-0363 §3: find the upload service (disco#items of our domain, then disco#info of each)
// and its maximum file size. Cached per session by the caller.
import type { Element } from '@sealpost/protocol';
import { NS_HTTP_UPLOAD } from '@sealpost/protocol/ns.ts';
import { buildDiscoInfoQuery, buildDiscoItemsQuery, parseDiscoInfo, parseDiscoItems } from '@sealpost/protocol/stanzas/disco.ts';
import { uploadSizeLimit } from '@sealpost/protocol/stanzas/upload.ts';

export interface UploadService {
  jid: string;
  /** Bytes, when the service announces a limit. */
  maxFileSize?: number;
}

export async function discoverUploadService(iq: (el: Element) => Promise<Element>, domain: string): Promise<UploadService | undefined> {
  const items = parseDiscoItems(await iq(buildDiscoItemsQuery({ to: domain }))).map((i) => i.jid);
  // Try the conventional name first: one round trip in the usual case.
  const ordered = [...items.filter((j) => j.startsWith('upload.')), ...items.filter((j) => !j.startsWith('upload.'))];
  for (const jid of ordered) {
    try {
      const info = parseDiscoInfo(await iq(buildDiscoInfoQuery({ to: jid })));
      if (!info.features.includes(NS_HTTP_UPLOAD)) continue;
      const max = uploadSizeLimit(info);
      return max !== undefined ? { jid, maxFileSize: max } : { jid };
    } catch {
      // a component that is down answers with an error: try the next
    }
  }
  return undefined;
}
