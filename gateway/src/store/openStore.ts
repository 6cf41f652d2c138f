// Chooses the store from the configuration: MongoDB when a URI is given, SQLite otherwise.
import { join } from 'node:path';
import type { Config } from '../config/config.ts';
import type { Store } from './store.ts';
import { openSqliteStore } from './sqlite/sqliteStore.ts';

export async function openStore(config: Pick<Config, 'mongodbUri' | 'dataDir'>): Promise<Store> {
  if (config.mongodbUri) {
    // Loaded only when used: SQLite deployments never load mongoose.
    const { openMongoStore } = await import('./mongo/mongoStore.ts');
    return openMongoStore(config.mongodbUri);
  }
  return openSqliteStore(sqliteFile(config.dataDir));
}

export function sqliteFile(dataDir: string): string {
  return join(dataDir, 'gateway', 'sealpost.sqlite');
}
