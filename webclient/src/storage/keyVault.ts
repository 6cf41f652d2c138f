// Secrets at rest: wrapped with a non-extractable AES-256-GCM key that lives only as a
// CryptoKey in IndexedDB (structured clone keeps it non-extractable), so the private key and
// cached login keys are never stored in the clear and cannot be read out by script.

import type { AccountStore } from './accountStore.ts';

/** Where the wrapped OX private key lives in the account's meta store. */
export const PRIVATE_KEY_META = 'privateKey';

export async function hasLocalKey(store: AccountStore): Promise<boolean> {
  return (await store.getMeta<WrappedSecret>(PRIVATE_KEY_META)) !== undefined;
}

export interface WrappedSecret {
  wrappingKey: CryptoKey;
  iv: Uint8Array<ArrayBuffer>;
  data: ArrayBuffer;
}

export async function wrapSecret(plaintext: Uint8Array, wrappingKey?: CryptoKey): Promise<WrappedSecret> {
  const key = wrappingKey ?? (await crypto.subtle.generateKey({ name: 'AES-GCM', length: 256 }, false, ['encrypt', 'decrypt']));
  const iv = crypto.getRandomValues(new Uint8Array(12));
  const data = await crypto.subtle.encrypt({ name: 'AES-GCM', iv }, key, new Uint8Array(plaintext));
  return { wrappingKey: key, iv, data };
}

export async function unwrapSecret(secret: WrappedSecret): Promise<Uint8Array> {
  return new Uint8Array(await crypto.subtle.decrypt({ name: 'AES-GCM', iv: secret.iv }, secret.wrappingKey, secret.data));
}

const enc = new TextEncoder();
const dec = new TextDecoder();

export async function wrapJson(value: unknown): Promise<WrappedSecret> {
  return wrapSecret(enc.encode(JSON.stringify(value)));
}

export async function unwrapJson<T>(secret: WrappedSecret): Promise<T> {
  return JSON.parse(dec.decode(await unwrapSecret(secret))) as T;
}
