// Chooses the store from the configuration: MongoDB when a URI is given, SQLite otherwise.
import { join } from 'node:path';
import type { Config } from '../config/config.ts';
import type { Store } from './store.ts';
import { openSqliteStore } from './sqlite/sqliteStore.ts';

export async function openStore(config: Config): Promise<Store> {
  if (config.mongodbUri) {
    throw new Error('SEALPOST_MONGODB_URI is set but the MongoDB store is not available in this build');
  }
  return openSqliteStore(join(config.dataDir, 'gateway', 'sealpost.sqlite'));
}
