// XEP-0373 §4.1: "OpenPGP v4 fingerprint string": the RFC 4880 §12.2 fingerprint of the
// primary key as uppercase hex without spaces.
import type { Key } from '../crypto/openpgp.ts';
import { ProtocolParseError } from '../errors.ts';

const V4_FINGERPRINT = /^[0-9A-F]{40}$/;

export function fingerprintOf(key: Key): string {
  return key.getFingerprint().toUpperCase();
}

/** Validates a v4 fingerprint string from the wire; throws ProtocolParseError otherwise. */
export function parseFingerprint(text: string): string {
  if (!V4_FINGERPRINT.test(text)) throw new ProtocolParseError('invalid-value', `not a v4 fingerprint: '${text}'`);
  return text;
}

export function isV4Fingerprint(text: string): boolean {
  return V4_FINGERPRINT.test(text);
}
