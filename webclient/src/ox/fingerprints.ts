// Showing and comparing fingerprints: pure helpers with no OpenPGP code, so the interface
// can use them without loading openpgp.js.

/** Short comparison code both parties compute alike: SHA-256 over the sorted fingerprints. */
export async function comparisonCode(fingerprintA: string, fingerprintB: string): Promise<string> {
  const input = [fingerprintA, fingerprintB].sort().join(':');
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(input)));
  const groups: string[] = [];
  for (let i = 0; i < 6; i++) {
    const n = ((digest[3 * i]! << 16) | (digest[3 * i + 1]! << 8) | digest[3 * i + 2]!) % 100000;
    groups.push(String(n).padStart(5, '0'));
  }
  return groups.join(' ');
}

/** `openpgp4fpr:` URI for QR codes (what OpenKeychain and Conversations scan). */
export function fingerprintUri(fingerprint: string): string {
  return `openpgp4fpr:${fingerprint.toUpperCase()}`;
}

/** Fingerprint in groups of four for reading aloud. */
export function formatFingerprint(fingerprint: string): string {
  return fingerprint.replace(/(.{4})/g, '$1 ').trim();
}
