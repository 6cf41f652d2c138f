// The MongoDB store (mongoose), chosen by SEALPOST_MONGODB_URI. One connection of its own
// (mongoose.createConnection, never the global default), indexes built at open.
import mongoose from 'mongoose';
import type { Store } from '../store.ts';
import { defineModels } from './models.ts';
import { mongoUsers } from './usersRepo.ts';
import { mongoInvites } from './invitesRepo.ts';
import { mongoTokens } from './tokensRepo.ts';
import { mongoAudit } from './auditRepo.ts';
import { mongoKeys } from './keysRepo.ts';

export interface MongoStore extends Store {
  readonly kind: 'mongodb';
  /** Drops the whole database: for the contract tests' throwaway databases only. */
  dropDatabase(): Promise<void>;
}

export interface MongoOptions {
  /** Overrides the database named in the URI (the tests use a fresh one per run). */
  dbName?: string;
  serverSelectionTimeoutMS?: number;
}

export async function openMongoStore(uri: string, options: MongoOptions = {}): Promise<MongoStore> {
  const conn = mongoose.createConnection(uri, {
    serverSelectionTimeoutMS: options.serverSelectionTimeoutMS ?? 10_000,
    ...(options.dbName ? { dbName: options.dbName } : {}),
    autoIndex: false, // built once below, awaited, instead of in the background
  });
  await conn.asPromise();
  const models = defineModels(conn);
  await Promise.all(Object.values(models).map((m) => m.createCollection().then(() => m.createIndexes())));
  return {
    kind: 'mongodb',
    users: mongoUsers(models),
    invites: mongoInvites(models),
    tokens: mongoTokens(models),
    audit: mongoAudit(models),
    keys: mongoKeys(models),
    async ping() {
      await conn.db!.command({ ping: 1 });
    },
    async close() {
      await conn.close();
    },
    async dropDatabase() {
      await conn.dropDatabase();
    },
  };
}
