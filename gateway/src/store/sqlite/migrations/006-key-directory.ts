import type { Migration } from './index.ts';

/**
 * 006: the key directory. Keys per address (removed ones kept, flagged), the change log
 * (append-only: triggers refuse UPDATE and DELETE; the hash chain makes any edit that gets
 * past them detectable), the latest refusal per key, when each address was last read, and
 * the public keys that signed the log.
 */
export const migration006: Migration = {
  version: 6,
  name: 'key-directory',
  up(db) {
    db.exec(`
      CREATE TABLE directory_keys (
        address TEXT NOT NULL,
        fingerprint TEXT NOT NULL CHECK (length(fingerprint) = 40),
        key_data BLOB NOT NULL,
        key_hash TEXT NOT NULL,
        created_at TEXT NOT NULL,
        first_seen_at TEXT NOT NULL,
        last_seen_at TEXT NOT NULL,
        source TEXT NOT NULL CHECK (source IN ('published', 'lookup', 'admin')),
        wkd_hash TEXT,
        removed_at TEXT,
        compromised_at TEXT,
        compromised_reason TEXT,
        PRIMARY KEY (address, fingerprint)
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX directory_keys_fingerprint ON directory_keys (fingerprint) WHERE removed_at IS NULL;
      CREATE INDEX directory_keys_wkd ON directory_keys (wkd_hash) WHERE wkd_hash IS NOT NULL AND removed_at IS NULL;

      CREATE TABLE directory_addresses (
        address TEXT PRIMARY KEY,
        checked_at TEXT NOT NULL
      ) STRICT, WITHOUT ROWID;

      CREATE TABLE directory_log (
        seq INTEGER PRIMARY KEY CHECK (seq >= 1),
        address TEXT NOT NULL,
        address_seq INTEGER NOT NULL CHECK (address_seq >= 1),
        at TEXT NOT NULL,
        action TEXT NOT NULL CHECK (action IN ('added', 'replaced', 'updated', 'removed', 'compromised')),
        fingerprint TEXT NOT NULL,
        previous_fingerprint TEXT,
        key_hash TEXT,
        reason TEXT,
        prev_hash TEXT NOT NULL,
        prev_global_hash TEXT NOT NULL,
        hash TEXT NOT NULL UNIQUE,
        signer TEXT NOT NULL,
        signature TEXT NOT NULL,
        UNIQUE (address, address_seq)
      ) STRICT;
      CREATE TRIGGER directory_log_no_update BEFORE UPDATE ON directory_log
        BEGIN SELECT RAISE(ABORT, 'directory_log is append-only'); END;
      CREATE TRIGGER directory_log_no_delete BEFORE DELETE ON directory_log
        BEGIN SELECT RAISE(ABORT, 'directory_log is append-only'); END;

      CREATE TABLE directory_refusals (
        address TEXT NOT NULL,
        fingerprint TEXT NOT NULL,
        code TEXT NOT NULL,
        reason TEXT NOT NULL,
        at TEXT NOT NULL,
        source TEXT NOT NULL,
        PRIMARY KEY (address, fingerprint)
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX directory_refusals_at ON directory_refusals (address, at);

      CREATE TABLE directory_signers (
        id TEXT PRIMARY KEY,
        algorithm TEXT NOT NULL CHECK (algorithm IN ('ed25519')),
        public_key TEXT NOT NULL,
        created_at TEXT NOT NULL
      ) STRICT, WITHOUT ROWID;
    `);
  },
};
