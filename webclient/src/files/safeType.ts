// Decrypted content is never rendered as a document: only a short list of raster images and
// videos is shown inline (with exactly that type); everything else, HTML and SVG included,
// becomes an application/octet-stream blob that can only be downloaded.
const INLINE_IMAGES = new Set(['image/jpeg', 'image/png', 'image/gif', 'image/webp', 'image/avif']);
const INLINE_VIDEOS = new Set(['video/mp4', 'video/webm', 'video/ogg']);

export type Presentation = 'image' | 'video' | 'file';

export function presentationOf(mediaType: string | undefined): Presentation {
  const t = (mediaType ?? '').toLowerCase();
  if (INLINE_IMAGES.has(t)) return 'image';
  if (INLINE_VIDEOS.has(t)) return 'video';
  return 'file';
}

/** The type a decrypted blob gets: never text/html, never image/svg+xml. */
export function safeBlobType(mediaType: string | undefined): string {
  return presentationOf(mediaType) === 'file' ? 'application/octet-stream' : mediaType!.toLowerCase();
}

/** A file name safe to hand to `<a download>`: no path parts, no control characters. */
export function safeFileName(name: string | undefined, fallback: string): string {
  const cleaned = (name ?? '').replace(/[\u0000-\u001f\u007f/\\]/g, '_').replace(/^\.+/, '').trim().slice(0, 200);
  return cleaned || fallback;
}
