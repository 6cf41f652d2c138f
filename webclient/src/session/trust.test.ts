// Trust on first use, pinning, key changes and no-key, against a fake PEP service.
import 'fake-indexeddb/auto';
import test from 'ava';
import {
  buildPublicKeysList, type Element, generateOxKey, NODE_OX_PUBLIC_KEYS, NS_OX, NS_PUBSUB, publicKeyBytes, publicKeyDataNode,
  toBase64, xml,
} from '@sealpost/protocol';
import { openAccountStore } from '../storage/accountStore.ts';
import { createTrustManager, type TrustInfo } from './trust.ts';

type Key = Awaited<ReturnType<typeof generateOxKey>>;

/** A PEP service holding `keys` for one contact. */
function fakePep(keys: () => Key[]) {
  return async (request: Element): Promise<Element> => {
    const node = request.getChild('pubsub', NS_PUBSUB)?.getChild('items')?.attrs.node;
    const result = (payload: Element | null) =>
      xml('iq', { type: 'result' }, xml('pubsub', { xmlns: NS_PUBSUB }, xml('items', { node }, payload ? xml('item', { id: 'current' }, payload) : null)));
    if (node === NODE_OX_PUBLIC_KEYS) {
      return result(keys().length ? buildPublicKeysList(keys().map((k) => ({ fingerprint: k.fingerprint, date: new Date() }))) : null);
    }
    const key = keys().find((k) => publicKeyDataNode(k.fingerprint) === node);
    if (!key) throw Object.assign(new Error('item-not-found'), { condition: 'item-not-found' });
    return result(xml('pubkey', { xmlns: NS_OX }, xml('data', {}, toBase64(publicKeyBytes(key.publicKey)))));
  };
}

let n = 0;
async function setup(keys: () => Key[]) {
  const store = await openAccountStore(`trust${n++}@localhost`);
  const changes: TrustInfo[] = [];
  const trust = createTrustManager({ store, iq: () => fakePep(keys), onChange: (i) => changes.push(i) });
  return { trust, changes };
}

test('first keys are trusted on first use; a new key blocks sending until accepted', async (t) => {
  const first = await generateOxKey({ jid: 'bob@localhost' });
  let announced = [first];
  const { trust } = await setup(() => announced);
  const ok = await trust.sendKeys('bob@localhost', { refresh: true });
  t.is(ok.info.status, 'trusted');
  t.is(ok.keys.length, 1);

  const second = await generateOxKey({ jid: 'bob@localhost' });
  announced = [second, first];
  const blocked = await trust.sendKeys('bob@localhost', { refresh: false });
  t.is(blocked.info.status, 'trusted', 'within the freshness window the cached list is used');
  const changed = await trust.refresh('bob@localhost', [second.fingerprint, first.fingerprint]);
  t.truthy(changed);
  const now = await trust.sendKeys('bob@localhost', { refresh: false });
  t.is(now.info.status, 'changed');
  t.deepEqual(now.info.unaccepted, [second.fingerprint]);
  t.is(now.keys.length, 0, 'nothing to encrypt to while the change is not accepted');

  await trust.accept('bob@localhost');
  const accepted = await trust.sendKeys('bob@localhost', { refresh: false });
  t.is(accepted.info.status, 'trusted');
  t.is(accepted.keys.length, 2);
  await trust.verify('bob@localhost');
  t.is((await trust.info('bob@localhost')).status, 'verified');
});

test('a contact without a key is reported as such, and a key with another address is refused', async (t) => {
  const { trust } = await setup(() => []);
  t.is((await trust.sendKeys('nokey@localhost', { refresh: true })).info.status, 'no-key');
  const impostor = await generateOxKey({ jid: 'mallory@localhost' });
  const { trust: t2 } = await setup(() => [impostor]);
  // Announced under bob's node but made for mallory: not usable for bob.
  t.is((await t2.sendKeys('bob@localhost', { refresh: true })).info.status, 'no-key');
});
