// Remembered login for this browser: the SCRAM ClientKey/ServerKey (never the password),
// wrapped like the private key, so a reload reconnects without asking again.
import type { AccountStore } from '../storage/accountStore.ts';
import { unwrapJson, type WrappedSecret, wrapJson } from '../storage/keyVault.ts';
import type { ScramKeys } from '../xmpp/scram.ts';
import { fromBase64, toBase64 } from '@sealpost/protocol/encoding.ts';

interface StoredScram {
  hash: ScramKeys['hash'];
  salt: string;
  iterations: number;
  clientKey: string;
  serverKey: string;
}

const META = 'login';
const ACCOUNT = 'sealpost.account';
const RESOURCE = 'sealpost.resource';

export async function saveScramKeys(store: AccountStore, keys: ScramKeys): Promise<void> {
  const value: StoredScram = { ...keys, clientKey: toBase64(keys.clientKey), serverKey: toBase64(keys.serverKey) };
  await store.setMeta(META, await wrapJson(value));
}

export async function loadScramKeys(store: AccountStore): Promise<ScramKeys | undefined> {
  const wrapped = await store.getMeta<WrappedSecret>(META);
  if (!wrapped) return undefined;
  try {
    const v = await unwrapJson<StoredScram>(wrapped);
    return { ...v, clientKey: fromBase64(v.clientKey), serverKey: fromBase64(v.serverKey) };
  } catch {
    return undefined;
  }
}

export async function forgetScramKeys(store: AccountStore): Promise<void> {
  await store.setMeta(META, undefined);
}

export function rememberedAccount(): string | undefined {
  return localStorage.getItem(ACCOUNT) ?? undefined;
}

export function rememberAccount(jid: string | undefined): void {
  if (jid) localStorage.setItem(ACCOUNT, jid);
  else localStorage.removeItem(ACCOUNT);
}

/** A stable resource per browser, so carbons and resumption see one device. */
export function deviceResource(): string {
  let r = localStorage.getItem(RESOURCE);
  if (!r) {
    r = `web-${crypto.randomUUID().slice(0, 8)}`;
    localStorage.setItem(RESOURCE, r);
  }
  return r;
}
