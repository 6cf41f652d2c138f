// XEP-0454 §4: aesgcm:// URLs: the https upload URL with its scheme replaced by `aesgcm` and
// the fragment set to hex(IV) || hex(key) (24 + 64 hex chars; 32 + 64 for 16-byte IVs, which
// older clients used). Only https URLs may be converted (§4). An aesgcm URL must never be
// linkified: its fragment is the key.
import { fromHex, toHex } from '../encoding.ts';
import { ProtocolParseError } from '../errors.ts';
import { MEDIA_KEY_BYTES } from './gcmCore.ts';
import type { MediaCipherParams } from './gcmStream.ts';

export interface AesgcmUrl extends MediaCipherParams {
  /** Where to GET the ciphertext (https). */
  httpsUrl: string;
}

export function buildAesgcmUrl({ httpsUrl, key, iv }: AesgcmUrl): string {
  if (key.length !== MEDIA_KEY_BYTES) throw new ProtocolParseError('invalid-value', 'aesgcm key must be 32 bytes');
  if (iv.length !== 12 && iv.length !== 16) throw new ProtocolParseError('invalid-value', 'aesgcm IV must be 12 or 16 bytes');
  const url = parseHttps(httpsUrl);
  url.hash = '';
  return `aesgcm://${url.href.slice('https://'.length)}#${toHex(iv)}${toHex(key)}`;
}

export function parseAesgcmUrl(text: string): AesgcmUrl {
  const match = /^aesgcm:\/\/([^#\s]+)#([0-9a-fA-F]{88}|[0-9a-fA-F]{96})$/.exec(text.trim());
  if (!match) throw new ProtocolParseError('invalid-value', 'not an aesgcm:// URL with a 12- or 16-byte IV and a 32-byte key');
  const fragment = match[2]!;
  const ivHex = fragment.slice(0, fragment.length - 64);
  const httpsUrl = parseHttps(`https://${match[1]!}`).href;
  return { httpsUrl, iv: fromHex(ivHex), key: fromHex(fragment.slice(-64)) };
}

export function isAesgcmUrl(text: string): boolean {
  try {
    parseAesgcmUrl(text);
    return true;
  } catch {
    return false;
  }
}

function parseHttps(text: string): URL {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new ProtocolParseError('invalid-value', `invalid URL '${text}'`);
  }
  if (url.protocol !== 'https:') throw new ProtocolParseError('invalid-value', 'only https URLs become aesgcm URLs (XEP-0454 §4)');
  if (url.username || url.password) throw new ProtocolParseError('invalid-value', 'URL with credentials');
  return url;
}
