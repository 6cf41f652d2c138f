// Directory records -> API DTOs. Log entries keep every hashed field under the names a
// verifier needs (directory/logEntry.ts gives the canonical order).
import { toBase64 } from '@sealpost/protocol';
import type { DirectorySignerRecord, KeyLogEntry, KeyRecord, KeyRefusalRecord } from '../../../store/store.ts';

const isoOrNull = (d: Date | null) => (d ? d.toISOString() : null);

export function presentKey(k: KeyRecord) {
  return {
    address: k.address,
    fingerprint: k.fingerprint,
    /** Base64 of the binary transferable public key. */
    key: toBase64(k.keyData),
    created: k.createdAt.toISOString(),
    since: k.firstSeenAt.toISOString(),
    lastSeen: k.lastSeenAt.toISOString(),
    source: k.source,
    wkd: k.wkdHash !== null,
    compromised: k.compromisedAt ? { at: k.compromisedAt.toISOString(), reason: k.compromisedReason } : null,
  };
}

/** For admins: no key bytes, but the removal time and the key's hash. */
export function presentKeyAdmin(k: KeyRecord) {
  const { key: _omitted, ...rest } = presentKey(k);
  return { ...rest, keyHash: k.keyHash, removedAt: isoOrNull(k.removedAt) };
}

export function presentEntry(e: KeyLogEntry) {
  return {
    seq: e.seq,
    address: e.address,
    addressSeq: e.addressSeq,
    at: e.at.toISOString(),
    action: e.action,
    fingerprint: e.fingerprint,
    previousFingerprint: e.previousFingerprint,
    keyHash: e.keyHash,
    reason: e.reason,
    prevHash: e.prevHash,
    prevGlobalHash: e.prevGlobalHash,
    signer: e.signer,
    hash: e.hash,
    signature: e.signature,
  };
}

/** A log head: enough to pin it and to check its signature alone. */
export function presentHead(e: KeyLogEntry | undefined, scope: 'address' | 'directory') {
  if (!e) return null;
  return { seq: scope === 'address' ? e.addressSeq : e.seq, hash: e.hash, at: e.at.toISOString(), signer: e.signer, signature: e.signature };
}

export function presentSigner(s: DirectorySignerRecord) {
  return { id: s.id, algorithm: s.algorithm, publicKey: s.publicKey, createdAt: s.createdAt.toISOString() };
}

export function presentRefusal(r: KeyRefusalRecord) {
  return { fingerprint: r.fingerprint, code: r.code, reason: r.reason, at: r.at.toISOString(), source: r.source };
}
