// The gateway's storage interface. Two implementations: embedded SQLite (default, in the data
// folder) and MongoDB (when SEALPOST_MONGODB_URI is set). Both pass the same contract tests.

export interface Store {
  readonly kind: 'sqlite' | 'mongodb';
  /** Resolves when the store answers a trivial query; used by /api/health. */
  ping(): Promise<void>;
  close(): Promise<void>;
}
