// Runtime-neutral byte encodings (no Buffer): base64 (RFC 4648 §4) for OX payloads and keys,
// hex for fingerprints and aesgcm:// fragments, strict UTF-8.
import { ProtocolParseError } from './errors.ts';

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const B64_LOOKUP = new Int16Array(128).fill(-1);
for (let i = 0; i < B64.length; i++) B64_LOOKUP[B64.charCodeAt(i)] = i;

export function toBase64(bytes: Uint8Array): string {
  let out = '';
  let i = 0;
  for (; i + 2 < bytes.length; i += 3) {
    const n = (bytes[i]! << 16) | (bytes[i + 1]! << 8) | bytes[i + 2]!;
    out += B64[n >>> 18]! + B64[(n >>> 12) & 63]! + B64[(n >>> 6) & 63]! + B64[n & 63]!;
  }
  const rest = bytes.length - i;
  if (rest === 1) {
    const n = bytes[i]! << 16;
    out += B64[n >>> 18]! + B64[(n >>> 12) & 63]! + '==';
  } else if (rest === 2) {
    const n = (bytes[i]! << 16) | (bytes[i + 1]! << 8);
    out += B64[n >>> 18]! + B64[(n >>> 12) & 63]! + B64[(n >>> 6) & 63]! + '=';
  }
  return out;
}

/**
 * Decodes base64, ignoring XML whitespace (keys in PEP are often line-wrapped). Rejects any
 * other character, bad padding, and input that would decode to more than `maxBytes`
 * (checked before decoding, so an over-large payload costs no allocation).
 */
export function fromBase64(text: string, maxBytes = Number.POSITIVE_INFINITY): Uint8Array {
  // 4 chars -> 3 bytes: an upper bound that needs no scan of the whitespace.
  if (Math.floor(text.length / 4) * 3 > maxBytes + 3) {
    throw new ProtocolParseError('xml-limit', `base64 payload larger than ${maxBytes} bytes`);
  }
  const clean = text.replace(/[ \t\r\n]+/g, '');
  if (clean.length % 4 !== 0) throw new ProtocolParseError('invalid-value', 'base64 length is not a multiple of 4');
  const pad = clean.endsWith('==') ? 2 : clean.endsWith('=') ? 1 : 0;
  const outLen = (clean.length / 4) * 3 - pad;
  if (outLen > maxBytes) throw new ProtocolParseError('xml-limit', `base64 payload larger than ${maxBytes} bytes`);
  const out = new Uint8Array(outLen);
  let o = 0;
  for (let i = 0; i < clean.length; i += 4) {
    const last = i + 4 === clean.length;
    const a = sextet(clean, i);
    const b = sextet(clean, i + 1);
    const c = last && pad === 2 ? 0 : sextet(clean, i + 2);
    const d = last && pad >= 1 ? 0 : sextet(clean, i + 3);
    const n = (a << 18) | (b << 12) | (c << 6) | d;
    out[o++] = n >>> 16;
    if (o < outLen) out[o++] = (n >>> 8) & 255;
    if (o < outLen) out[o++] = n & 255;
  }
  return out;
}

function sextet(s: string, i: number): number {
  const code = s.charCodeAt(i);
  const v = code < 128 ? B64_LOOKUP[code]! : -1;
  if (v < 0) throw new ProtocolParseError('invalid-value', `invalid base64 character at ${i}`);
  return v;
}

export function toHex(bytes: Uint8Array): string {
  let out = '';
  for (const b of bytes) out += b.toString(16).padStart(2, '0');
  return out;
}

export function fromHex(text: string): Uint8Array {
  if (text.length % 2 !== 0 || !/^[0-9a-fA-F]*$/.test(text)) {
    throw new ProtocolParseError('invalid-value', 'not an even-length hex string');
  }
  const out = new Uint8Array(text.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(text.slice(2 * i, 2 * i + 2), 16);
  return out;
}

const encoder = new TextEncoder();
const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

export function utf8Encode(text: string): Uint8Array {
  return encoder.encode(text);
}

/** Strict UTF-8 decoding: invalid sequences throw instead of becoming U+FFFD. */
export function utf8Decode(bytes: Uint8Array): string {
  try {
    return decoder.decode(bytes);
  } catch {
    throw new ProtocolParseError('invalid-value', 'invalid UTF-8');
  }
}

/** Cryptographically secure random bytes (WebCrypto). */
export function randomBytes(length: number): Uint8Array {
  const out = new Uint8Array(length);
  // getRandomValues fills at most 65536 bytes per call.
  for (let i = 0; i < length; i += 65536) globalThis.crypto.getRandomValues(out.subarray(i, Math.min(length, i + 65536)));
  return out;
}

/** Constant-time equality of two byte arrays of equal length. */
export function bytesEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a[i]! ^ b[i]!;
  return diff === 0;
}

/**
 * The same bytes as a Uint8Array over a plain ArrayBuffer, which WebCrypto's BufferSource
 * type requires (copies only when the view is over a SharedArrayBuffer).
 */
export function ownedBytes(bytes: Uint8Array): Uint8Array<ArrayBuffer> {
  return bytes.buffer instanceof ArrayBuffer ? (bytes as Uint8Array<ArrayBuffer>) : new Uint8Array(bytes);
}
