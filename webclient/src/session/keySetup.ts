// Our own OX key on this browser (XEP-0373 §4-§5): unlock the wrapped copy, or on first login
// generate, publish (open access) and back up a key, or on a new browser restore it from the
// PEP backup with the backup code. The private key is stored only wrapped (storage/keyVault.ts).
import type { AccountStore } from '../storage/accountStore.ts';
import { PRIVATE_KEY_META, unwrapSecret, type WrappedSecret, wrapSecret } from '../storage/keyVault.ts';
import {
  fetchAnnouncedKeys, fetchBackup, generateAccountKey, type Iq, loadPrivateKey, type OwnKey, publishBackup,
  notifyDirectory, publishPublicKey as publishKey, restoreBackup, serializePrivateKey,
} from '../ox/oxAdapter.ts';

export type KeySetupOutcome =
  | { kind: 'ready'; own: OwnKey }
  | { kind: 'created'; own: OwnKey; backupCode: string }
  | { kind: 'needs-restore'; backup: Uint8Array }
  | { kind: 'no-backup' };

const META_KEY = PRIVATE_KEY_META;

export async function loadLocalKey(store: AccountStore, jid: string): Promise<OwnKey | undefined> {
  const wrapped = await store.getMeta<WrappedSecret>(META_KEY);
  if (!wrapped) return undefined;
  try {
    return await loadPrivateKey(await unwrapSecret(wrapped), jid);
  } catch {
    return undefined;
  }
}

export async function saveLocalKey(store: AccountStore, own: OwnKey): Promise<void> {
  await store.setMeta(META_KEY, await wrapSecret(serializePrivateKey(own.privateKey)));
}

/** Publishes our key (XEP-0373 §4) and tells the server's key directory, without waiting on it. */
async function publishPublicKey(iq: Iq, own: OwnKey, others: Awaited<ReturnType<typeof fetchAnnouncedKeys>>, jid: string): Promise<void> {
  await publishKey(iq, own, others);
  void notifyDirectory(iq, jid).catch(() => {});
}

export async function setUpKey(store: AccountStore, iq: Iq, jid: string): Promise<KeySetupOutcome> {
  const local = await loadLocalKey(store, jid);
  const announced = await fetchAnnouncedKeys(iq, jid);
  if (local) {
    // Announced elsewhere by mistake or removed: make sure peers can find our key.
    if (!announced.some((k) => k.fingerprint === local.fingerprint)) await publishPublicKey(iq, local, announced, jid);
    return { kind: 'ready', own: local };
  }
  if (announced.length === 0) return createKey(store, iq, jid, []);
  const backup = await fetchBackup(iq);
  return backup ? { kind: 'needs-restore', backup } : { kind: 'no-backup' };
}

/** A new key (first login, or the user gave up on restoring); other announced keys stay. */
export async function createKey(store: AccountStore, iq: Iq, jid: string, keep?: Awaited<ReturnType<typeof fetchAnnouncedKeys>>): Promise<KeySetupOutcome> {
  const own = await generateAccountKey(jid);
  const others = keep ?? (await fetchAnnouncedKeys(iq, jid));
  await publishPublicKey(iq, own, others, jid);
  const backupCode = await publishBackup(iq, own);
  await saveLocalKey(store, own);
  return { kind: 'created', own, backupCode };
}

export async function restoreKey(store: AccountStore, backup: Uint8Array, code: string, jid: string, iq: Iq): Promise<OwnKey> {
  const own = await restoreBackup(backup, code, jid);
  await saveLocalKey(store, own);
  const announced = await fetchAnnouncedKeys(iq, jid);
  if (!announced.some((k) => k.fingerprint === own.fingerprint)) await publishPublicKey(iq, own, announced, jid);
  return own;
}
