// One attachment out: check the size against the service's limit, ask for a slot under a
// random name as application/octet-stream (the server learns neither name nor type), encrypt
// in the browser, PUT with progress. Returns what goes into the OX payload.
import type { Element } from '@sealpost/protocol';
import { toHex } from '@sealpost/protocol/encoding.ts';
import { GCM_TAG_BYTES } from '@sealpost/protocol/media/gcmCore.ts';
import { generateMediaParams } from '@sealpost/protocol/media/oneShot.ts';
import { buildUploadSlotRequest, parseUploadSlot, uploadErrorMaxSize } from '@sealpost/protocol/stanzas/upload.ts';
import type { Attachment } from '../storage/schema.ts';
import { describeFile } from './mediaInfo.ts';
import { aesgcmUrlFor, encryptToSpool, type Progress, putBlob, TransferError } from './transfer.ts';
import type { UploadService } from './uploadService.ts';

export class UploadError extends Error {
  override readonly name = 'UploadError';
  constructor(readonly code: 'too-large' | 'no-service' | 'aborted' | 'failed', readonly maxFileSize?: number, detail?: string) {
    super(detail ? `${code}: ${detail}` : code);
  }
}

export interface SendFileDeps {
  iq(el: Element): Promise<Element>;
  service(): Promise<UploadService | undefined>;
}

/** Refuses before any byte is read or sent when the file is over the server's limit. */
export function checkSize(file: Blob, service: UploadService): void {
  if (service.maxFileSize !== undefined && file.size + GCM_TAG_BYTES > service.maxFileSize) {
    throw new UploadError('too-large', service.maxFileSize);
  }
}

export async function uploadFile(deps: SendFileDeps, file: File, signal: AbortSignal, progress: Progress): Promise<Attachment> {
  const service = await deps.service();
  if (!service) throw new UploadError('no-service');
  checkSize(file, service);
  const size = file.size + GCM_TAG_BYTES;
  const filename = `${toHex(crypto.getRandomValues(new Uint8Array(16)))}.bin`;
  let slotReply: Element;
  try {
    slotReply = await deps.iq(buildUploadSlotRequest({ to: service.jid, filename, size, contentType: 'application/octet-stream' }));
  } catch (err) {
    const max = tooLarge(err);
    throw max !== undefined ? new UploadError('too-large', max) : new UploadError('failed', undefined, `slot: ${String(err)}`);
  }
  const slot = parseUploadSlot(slotReply);
  const meta = await describeFile(file);
  const params = generateMediaParams();
  try {
    // Encryption is the first half of the bar, the PUT the second.
    const body = await encryptToSpool(file, params, signal, (d, t) => progress(d / 2, t));
    try {
      await putBlob(slot.putUrl, slot.putHeaders, body.blob, signal, (d, t) => progress(file.size / 2 + (d / Math.max(t, 1)) * (file.size / 2), file.size));
    } finally {
      await body.release();
    }
  } catch (err) {
    if (err instanceof TransferError && err.code === 'aborted') throw new UploadError('aborted');
    if (err instanceof TransferError && err.status === 413) throw new UploadError('too-large', service.maxFileSize);
    throw new UploadError('failed', undefined, `transfer: ${String(err)}`);
  }
  const t = meta.thumbnail;
  return {
    url: aesgcmUrlFor(slot.getUrl, params),
    desc: meta.name ?? 'file',
    name: meta.name ?? 'file',
    size: file.size,
    mediaType: meta.mediaType ?? 'application/octet-stream',
    ...(meta.width !== undefined ? { width: meta.width } : {}),
    ...(meta.height !== undefined ? { height: meta.height } : {}),
    ...(meta.length !== undefined ? { length: meta.length } : {}),
    ...(t ? { thumbnail: t.uri } : {}),
  };
}

/** The max size from an IQ error reply (XEP-0363 §5.1), whatever shape the caller threw. */
function tooLarge(err: unknown): number | undefined {
  const stanza = (err as { stanza?: Element; element?: Element } | undefined)?.stanza ?? (err as { element?: Element } | undefined)?.element;
  if (stanza) {
    try {
      const max = uploadErrorMaxSize(stanza);
      if (max !== undefined) return max;
    } catch {
      // fall through
    }
  }
  const condition = (err as { condition?: string } | undefined)?.condition;
  return condition === 'not-acceptable' ? 0 : undefined;
}
