// XEP-0373 §4 and §5 against a real Prosody: public keys readable by strangers (open access),
// recovery when another client created a node with Prosody's default `presence` model, the
// secret-key backup readable only by its owner, and restore on a second device.
import test from 'ava';
import {
  announcePublicKey,
  buildFetchSecretKey,
  buildPublish,
  fetchAnnouncedKeys,
  fingerprintOf,
  generateBackupCode,
  type Element,
  type IqRequest,
  NODE_OX_PUBLIC_KEYS,
  restoreSecretKeyBackup,
  storeSecretKeyBackup,
  xml,
} from '../../protocol/src/index.ts';
import { startStack, type TestStack } from '../harness/stack.ts';
import type { TestClient } from '../harness/xmppClient.ts';
import { fixtureUser } from '../fixtures/keys/index.ts';

let stack: TestStack;
const clients: TestClient[] = [];

test.before(async () => {
  stack = await startStack();
  for (const name of ['alice', 'bob', 'carol', 'mallory']) await stack.createUser(name, `${name}-password-1`);
});

test.after.always(async () => {
  for (const c of clients) await c.stop();
  await stack?.stop();
});

async function session(name: string): Promise<{ client: TestClient; request: IqRequest }> {
  const client = await stack.xmppClient(name, `${name}-password-1`);
  clients.push(client);
  return { client, request: (iq) => client.xmpp.iqCaller.request(iq) as Promise<Element> };
}

test.serial('an announced key is fetched and accepted by a stranger (no presence subscription)', async (t) => {
  const alice = await fixtureUser('alice');
  const a = await session('alice');
  const list = await announcePublicKey(a.request, { ownJid: alice.jid, publicKey: alice.publicKey });
  t.deepEqual(list.map((k) => k.fingerprint), [alice.fingerprint]);
  const stranger = await session('bob');
  const found = await fetchAnnouncedKeys(stranger.request, alice.jid);
  t.deepEqual(found.rejected, []);
  t.deepEqual(found.keys.map(fingerprintOf), [alice.fingerprint]);
});

test.serial("a metadata node created with Prosody's default access model is reconfigured to open", async (t) => {
  const carol = await fixtureUser('carol');
  const c = await session('carol');
  // Another client published without publish-options: the node now has access model "presence".
  await c.request(buildPublish({ node: NODE_OX_PUBLIC_KEYS, payload: xml('public-keys-list', { xmlns: 'urn:xmpp:openpgp:0' }) }));
  const stranger = await session('bob');
  const before = await fetchAnnouncedKeys(stranger.request, carol.jid).then((r) => r.keys.length, () => 'refused');
  t.true(before === 0 || before === 'refused');
  await announcePublicKey(c.request, { ownJid: carol.jid, publicKey: carol.publicKey });
  t.deepEqual((await fetchAnnouncedKeys(stranger.request, carol.jid)).keys.map(fingerprintOf), [carol.fingerprint]);
});

test.serial('the secret-key backup is only readable by its owner and restores the same key on a second device', async (t) => {
  const mallory = await fixtureUser('mallory');
  const code = generateBackupCode();
  const first = await session('mallory');
  await storeSecretKeyBackup(first.request, { privateKeys: [mallory.privateKey], code });
  // Another account cannot read the whitelist node.
  const other = await session('bob');
  const denied = await other.request(buildFetchSecretKey({ to: mallory.jid })).then(
    (reply) => reply.attrs.type,
    (err: { condition?: string }) => err.condition,
  );
  t.not(denied, 'result');
  // A second device of the owner restores it.
  const second = await session('mallory');
  const restored = await restoreSecretKeyBackup(second.request, { code, jid: mallory.jid });
  t.is(restored?.length, 1);
  t.is(fingerprintOf(restored![0]!), mallory.fingerprint);
  t.true(restored![0]!.isDecrypted());
  await t.throwsAsync(restoreSecretKeyBackup(second.request, { code: generateBackupCode() }), { message: /backup could not be decrypted/ });
});

test.serial('no backup yet: restore resolves undefined', async (t) => {
  const b = await session('bob');
  t.is(await restoreSecretKeyBackup(b.request, { code: generateBackupCode() }), undefined);
});
