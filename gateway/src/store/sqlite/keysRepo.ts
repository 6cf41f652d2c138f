// The key directory in SQLite: one transaction per change, so records, log entries and the
// checked time move together; the log table itself refuses updates and deletes (006).
import type { DirectorySignerRecord, KeyLogEntry, KeyRecord, KeyRefusalRecord } from '../records.ts';
import { DuplicateKeyError, type KeyQuery, type KeyRepository } from '../store.ts';
import { date, dateOrNull, iso, isoOrNull, likeEscape, type Db } from './rows.ts';

interface KeyRow {
  address: string;
  fingerprint: string;
  key_data: Buffer;
  key_hash: string;
  created_at: string;
  first_seen_at: string;
  last_seen_at: string;
  source: KeyRecord['source'];
  wkd_hash: string | null;
  removed_at: string | null;
  compromised_at: string | null;
  compromised_reason: string | null;
}

interface LogRow {
  seq: number;
  address: string;
  address_seq: number;
  at: string;
  action: KeyLogEntry['action'];
  fingerprint: string;
  previous_fingerprint: string | null;
  key_hash: string | null;
  reason: string | null;
  prev_hash: string;
  prev_global_hash: string;
  hash: string;
  signer: string;
  signature: string;
}

interface RefusalRow {
  address: string;
  fingerprint: string;
  code: string;
  reason: string;
  at: string;
  source: KeyRefusalRecord['source'];
}

interface SignerRow {
  id: string;
  algorithm: 'ed25519';
  public_key: string;
  created_at: string;
}

const MAX_REFUSALS_PER_ADDRESS = 32;

const toKey = (r: KeyRow): KeyRecord => ({
  address: r.address,
  fingerprint: r.fingerprint,
  keyData: new Uint8Array(r.key_data.buffer, r.key_data.byteOffset, r.key_data.byteLength),
  keyHash: r.key_hash,
  createdAt: date(r.created_at),
  firstSeenAt: date(r.first_seen_at),
  lastSeenAt: date(r.last_seen_at),
  source: r.source,
  wkdHash: r.wkd_hash,
  removedAt: dateOrNull(r.removed_at),
  compromisedAt: dateOrNull(r.compromised_at),
  compromisedReason: r.compromised_reason,
});

const toEntry = (r: LogRow): KeyLogEntry => ({
  seq: r.seq,
  address: r.address,
  addressSeq: r.address_seq,
  at: date(r.at),
  action: r.action,
  fingerprint: r.fingerprint,
  previousFingerprint: r.previous_fingerprint,
  keyHash: r.key_hash,
  reason: r.reason,
  prevHash: r.prev_hash,
  prevGlobalHash: r.prev_global_hash,
  hash: r.hash,
  signer: r.signer,
  signature: r.signature,
});

export function sqliteKeys(db: Db): KeyRepository {
  const upsertKey = db.prepare(
    `INSERT OR REPLACE INTO directory_keys (address, fingerprint, key_data, key_hash, created_at, first_seen_at, last_seen_at, source, wkd_hash, removed_at, compromised_at, compromised_reason)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const insertEntry = db.prepare(
    `INSERT INTO directory_log (seq, address, address_seq, at, action, fingerprint, previous_fingerprint, key_hash, reason, prev_hash, prev_global_hash, hash, signer, signature)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const upsertChecked = db.prepare(`INSERT INTO directory_addresses (address, checked_at) VALUES (?, ?) ON CONFLICT (address) DO UPDATE SET checked_at = excluded.checked_at`);
  const currentKeys = db.prepare<[string], KeyRow>(`SELECT * FROM directory_keys WHERE address = ? AND removed_at IS NULL ORDER BY first_seen_at, fingerprint`);
  const allKeys = db.prepare<[string], KeyRow>(`SELECT * FROM directory_keys WHERE address = ? ORDER BY first_seen_at, fingerprint`);
  const byFingerprint = db.prepare<[string], KeyRow>(`SELECT * FROM directory_keys WHERE fingerprint = ? AND removed_at IS NULL ORDER BY address`);
  const byWkd = db.prepare<[string], KeyRow>(`SELECT * FROM directory_keys WHERE wkd_hash = ? AND removed_at IS NULL ORDER BY address, first_seen_at`);
  const checked = db.prepare<[string], { checked_at: string }>(`SELECT checked_at FROM directory_addresses WHERE address = ?`);
  const addressLog = db.prepare<[string, number, number], LogRow>(`SELECT * FROM directory_log WHERE address = ? AND address_seq > ? ORDER BY address_seq LIMIT ?`);
  const addressHead = db.prepare<[string], LogRow>(`SELECT * FROM directory_log WHERE address = ? ORDER BY address_seq DESC LIMIT 1`);
  const head = db.prepare<[], LogRow>(`SELECT * FROM directory_log ORDER BY seq DESC LIMIT 1`);
  const range = db.prepare<[number, number], LogRow>(`SELECT * FROM directory_log WHERE seq > ? ORDER BY seq LIMIT ?`);
  const upsertRefusal = db.prepare(
    `INSERT OR REPLACE INTO directory_refusals (address, fingerprint, code, reason, at, source) VALUES (?, ?, ?, ?, ?, ?)`,
  );
  const trimRefusals = db.prepare(
    `DELETE FROM directory_refusals WHERE address = ? AND fingerprint NOT IN
       (SELECT fingerprint FROM directory_refusals WHERE address = ? ORDER BY at DESC, fingerprint LIMIT ?)`,
  );
  const refusals = db.prepare<[string], RefusalRow>(`SELECT * FROM directory_refusals WHERE address = ? ORDER BY at DESC, fingerprint`);
  const addSigner = db.prepare(`INSERT OR IGNORE INTO directory_signers (id, algorithm, public_key, created_at) VALUES (?, ?, ?, ?)`);
  const signers = db.prepare<[], SignerRow>(`SELECT * FROM directory_signers ORDER BY created_at, id`);

  const commit = db.transaction((change: Parameters<KeyRepository['commit']>[0]) => {
    const last = head.get();
    let expected = (last?.seq ?? 0) + 1;
    for (const e of change.entries) {
      if (e.seq !== expected) throw new DuplicateKeyError(`log entry ${e.seq} (the head moved)`);
      expected++;
      insertEntry.run(e.seq, e.address, e.addressSeq, iso(e.at), e.action, e.fingerprint, e.previousFingerprint, e.keyHash, e.reason, e.prevHash, e.prevGlobalHash, e.hash, e.signer, e.signature);
    }
    for (const k of change.records) {
      upsertKey.run(
        k.address, k.fingerprint, Buffer.from(k.keyData.buffer, k.keyData.byteOffset, k.keyData.byteLength), k.keyHash,
        iso(k.createdAt), iso(k.firstSeenAt), iso(k.lastSeenAt), k.source, k.wkdHash,
        isoOrNull(k.removedAt), isoOrNull(k.compromisedAt), k.compromisedReason,
      );
    }
    if (change.checkedAt) upsertChecked.run(change.address, iso(change.checkedAt));
  });

  return {
    async commit(change) {
      try {
        commit(change);
      } catch (err) {
        const code = (err as { code?: string }).code;
        if (code === 'SQLITE_CONSTRAINT_PRIMARYKEY' || code === 'SQLITE_CONSTRAINT_UNIQUE') throw new DuplicateKeyError('log entry');
        throw err;
      }
    },
    async current(address) {
      return currentKeys.all(address).map(toKey);
    },
    async history(address) {
      return allKeys.all(address).map(toKey);
    },
    async byFingerprint(fingerprint) {
      return byFingerprint.all(fingerprint).map(toKey);
    },
    async byWkdHash(hash) {
      return byWkd.all(hash).map(toKey);
    },
    async list(q: KeyQuery) {
      const clauses = ['removed_at IS NULL'];
      const params: unknown[] = [];
      if (q.search) { clauses.push(`address LIKE ? ESCAPE '\\'`); params.push(`%${likeEscape(q.search.toLowerCase())}%`); }
      if (q.compromised !== undefined) clauses.push(q.compromised ? 'compromised_at IS NOT NULL' : 'compromised_at IS NULL');
      const where = `WHERE ${clauses.join(' AND ')}`;
      const total = (db.prepare(`SELECT count(*) AS n FROM directory_keys ${where}`).get(...params) as { n: number }).n;
      const rows = db.prepare<unknown[], KeyRow>(`SELECT * FROM directory_keys ${where} ORDER BY address, fingerprint LIMIT ? OFFSET ?`).all(...params, q.limit, q.offset);
      return { items: rows.map(toKey), total };
    },
    async checkedAt(address) {
      const row = checked.get(address);
      return row ? date(row.checked_at) : undefined;
    },
    async log(address, options = {}) {
      return addressLog.all(address, options.afterAddressSeq ?? 0, options.limit ?? 10_000).map(toEntry);
    },
    async addressHead(address) {
      const row = addressHead.get(address);
      return row ? toEntry(row) : undefined;
    },
    async head() {
      const row = head.get();
      return row ? toEntry(row) : undefined;
    },
    async logRange(q) {
      return range.all(q.afterSeq, q.limit).map(toEntry);
    },
    async recordRefusal(r) {
      db.transaction(() => {
        upsertRefusal.run(r.address, r.fingerprint, r.code, r.reason, iso(r.at), r.source);
        trimRefusals.run(r.address, r.address, MAX_REFUSALS_PER_ADDRESS);
      })();
    },
    async refusals(address) {
      return refusals.all(address).map((r) => ({ address: r.address, fingerprint: r.fingerprint, code: r.code, reason: r.reason, at: date(r.at), source: r.source }));
    },
    async addSigner(s: DirectorySignerRecord) {
      addSigner.run(s.id, s.algorithm, s.publicKey, iso(s.createdAt));
    },
    async signers() {
      return signers.all().map((r) => ({ id: r.id, algorithm: r.algorithm, publicKey: r.public_key, createdAt: date(r.created_at) }));
    },
  };
}
