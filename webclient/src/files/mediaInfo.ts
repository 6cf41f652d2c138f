// Dimensions, duration and a small JPEG thumbnail of a picture or video the user attaches,
// made locally before upload. The thumbnail travels inside the encrypted OX payload.
import type { FileMetadata } from '@sealpost/protocol/stanzas/fileMetadata.ts';
import { presentationOf } from './safeType.ts';

const THUMB_MAX = 320;
const PROBE_TIMEOUT_MS = 5000;

export async function describeFile(file: File): Promise<FileMetadata> {
  const meta: FileMetadata = { name: file.name || 'file', size: file.size, mediaType: file.type || 'application/octet-stream' };
  const kind = presentationOf(file.type);
  try {
    if (kind === 'image') Object.assign(meta, await imageInfo(file));
    else if (kind === 'video') Object.assign(meta, await withTimeout(videoInfo(file)));
  } catch {
    // not decodable here: sent as a plain file with its type
  }
  return meta;
}

async function imageInfo(file: File): Promise<FileMetadata> {
  const bitmap = await createImageBitmap(file);
  try {
    return { width: bitmap.width, height: bitmap.height, thumbnail: await thumbnailOf(bitmap, bitmap.width, bitmap.height) };
  } finally {
    bitmap.close();
  }
}

async function videoInfo(file: File): Promise<FileMetadata> {
  const url = URL.createObjectURL(file);
  const video = document.createElement('video');
  video.muted = true;
  video.preload = 'metadata';
  try {
    video.src = url;
    await event(video, 'loadeddata');
    const meta: FileMetadata = { width: video.videoWidth, height: video.videoHeight };
    if (Number.isFinite(video.duration)) meta.length = Math.round(video.duration * 1000);
    video.currentTime = Math.min(0.5, (video.duration || 0) / 2);
    await event(video, 'seeked');
    meta.thumbnail = await thumbnailOf(video, video.videoWidth, video.videoHeight);
    return meta;
  } finally {
    video.removeAttribute('src');
    URL.revokeObjectURL(url);
  }
}

async function thumbnailOf(source: CanvasImageSource, width: number, height: number): Promise<FileMetadata['thumbnail']> {
  const scale = Math.min(1, THUMB_MAX / Math.max(width, height, 1));
  const w = Math.max(1, Math.round(width * scale));
  const h = Math.max(1, Math.round(height * scale));
  const canvas = document.createElement('canvas');
  canvas.width = w;
  canvas.height = h;
  canvas.getContext('2d')!.drawImage(source, 0, 0, w, h);
  const blob = await new Promise<Blob | null>((r) => canvas.toBlob(r, 'image/jpeg', 0.7));
  if (!blob) return undefined;
  const bytes = new Uint8Array(await blob.arrayBuffer());
  let bin = '';
  for (let i = 0; i < bytes.length; i += 0x8000) bin += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return { uri: `data:image/jpeg;base64,${btoa(bin)}`, mediaType: 'image/jpeg', width: w, height: h };
}

function event(target: HTMLMediaElement, name: string): Promise<void> {
  return new Promise((resolve, reject) => {
    target.addEventListener(name, () => resolve(), { once: true });
    target.addEventListener('error', () => reject(new Error('media error')), { once: true });
  });
}

function withTimeout<T>(p: Promise<T>): Promise<T> {
  return Promise.race([p, new Promise<T>((_, reject) => setTimeout(() => reject(new Error('timeout')), PROBE_TIMEOUT_MS))]);
}
