// OX interoperability with an independent implementation: go-sendxmpp (Debian, gopenpgp),
// against a real Prosody from the test harness. Keys are published by each side and found by
// the other; messages go both ways and are decrypted and verified by the receiving side.
import test from 'ava';
import {
  announcePublicKey,
  createOxDecryptor,
  createOxMessage,
  type Element,
  fetchAnnouncedKeys,
  fingerprintOf,
  fromBase64,
  isOxMessage,
  type IqRequest,
  oxPayload,
  parseOxMessage,
  type PublicKey,
  readPrivateKey,
} from '../../protocol/src/index.ts';
import { openpgp } from '../../protocol/src/crypto/openpgp.ts';
import { startStack, type TestStack } from '../harness/stack.ts';
import type { TestClient } from '../harness/xmppClient.ts';
import { fixtureUser } from '../fixtures/keys/index.ts';
import {
  type GoSendxmppAccount,
  goSendxmppAccount,
  goSendxmppSecretKey,
  listenGoSendxmpp,
  removeHome,
  runGoSendxmpp,
} from '../harness/goSendxmpp.ts';

let stack: TestStack;
let aliceClient: TestClient;
let request: IqRequest;
let gosend: GoSendxmppAccount;

test.before(async () => {
  stack = await startStack();
  await stack.createUser('alice', 'alice-password-1');
  await stack.createUser('gosend', 'gosend-password-1');
  aliceClient = await stack.xmppClient('alice', 'alice-password-1');
  request = (iq) => aliceClient.xmpp.iqCaller.request(iq) as Promise<Element>;
  const alice = await fixtureUser('alice');
  await announcePublicKey(request, { ownJid: alice.jid, publicKey: alice.publicKey });
  gosend = goSendxmppAccount(`gosend@${stack.domain}`, 'gosend-password-1', stack.c2sPort);
  const generated = await runGoSendxmpp(gosend, ['--ox-genprivkey-x25519']);
  if (generated.code !== 0) throw new Error(`go-sendxmpp key generation failed: ${generated.stderr}`);
});

test.after.always(async () => {
  await aliceClient?.stop();
  await stack?.stop();
  if (gosend) removeHome(gosend);
});

async function gosendKeys(): Promise<PublicKey[]> {
  const { keys, rejected } = await fetchAnnouncedKeys(request, gosend.jid);
  if (rejected.length > 0) throw new Error(`rejected: ${JSON.stringify(rejected)}`);
  return keys;
}

test.serial("go-sendxmpp's published key is found over PEP and accepted by our import policy", async (t) => {
  const keys = await gosendKeys();
  t.is(keys.length, 1);
  const own = await readPrivateKey(goSendxmppSecretKey(gosend), { jid: gosend.jid });
  t.is(fingerprintOf(keys[0]!), fingerprintOf(own));
  t.deepEqual(keys[0]!.getUserIDs(), [`xmpp:${gosend.jid}`]);
  t.is(keys[0]!.keyPacket.version, 4);
});

test.serial('go-sendxmpp -> Sealpost: it found our key, and we decrypt and verify its message', async (t) => {
  const alice = await fixtureUser('alice');
  const text = 'Hello from go-sendxmpp: <tags> & ünïcode ✓';
  const incoming = aliceClient.next((s) => isOxMessage(s) && (s.attrs.from ?? '').startsWith(gosend.jid), 30_000);
  const sent = await runGoSendxmpp(gosend, ['--ox', alice.jid], `${text}\n`);
  t.is(sent.code, 0, sent.stderr);
  const stanza = await incoming;

  // go-sendxmpp fetched our announced key: the message is encrypted to Alice's subkey.
  const message = await openpgp.readMessage({ binaryMessage: fromBase64(parseOxMessage(stanza).openpgp) });
  const aliceSubkeyId = alice.publicKey.subkeys[0]!.getKeyID();
  t.true(message.getEncryptionKeyIDs().some((id) => id.equals(aliceSubkeyId)));

  const decryptor = createOxDecryptor({
    ownJid: alice.jid,
    decryptionKeys: [alice.privateKey],
    senderKeys: async (jid) => (await fetchAnnouncedKeys(request, jid)).keys,
  });
  const result = await decryptor.decrypt(stanza);
  if (!result.ok) return t.fail(`${result.reason}: ${result.detail}`);
  t.is(result.from, gosend.jid);
  t.deepEqual(result.to, [alice.jid]);
  t.is(result.payload.body, text);
  t.is(result.signerFingerprint, fingerprintOf((await gosendKeys())[0]!));
  t.true(Math.abs(result.time.getTime() - Date.now()) < 60_000);
});

test.serial('Sealpost -> go-sendxmpp: our message is decrypted by go-sendxmpp in listen mode', async (t) => {
  const alice = await fixtureUser('alice');
  const listener = listenGoSendxmpp(gosend);
  try {
    const keys = await gosendKeys();
    for (const [id, body, type] of [
      ['sp-1', 'Hi go-sendxmpp, this is Sealpost <&> ünï', 'chat'],
      ['sp-2', 'A second one, type normal', 'normal'],
    ] as const) {
      const stanza = await createOxMessage({
        to: [gosend.jid],
        payload: oxPayload({ body, subject: 'interop', receiptRequest: true }),
        recipientKeys: keys,
        signingKey: alice.privateKey,
        id,
        type,
      });
      await aliceClient.xmpp.send(stanza);
      const line = await listener.waitForLine(new RegExp(`\\[OX\\] ${alice.jid}: ${escapeRe(body)}$`));
      t.truthy(line);
    }
  } finally {
    await listener.stop();
  }
});

test.serial('go-sendxmpp refuses what our receive checks refuse: foreign signer, wrong <to/>', async (t) => {
  const alice = await fixtureUser('alice');
  const mallory = await fixtureUser('mallory');
  const listener = listenGoSendxmpp(gosend);
  try {
    const keys = await gosendKeys();
    const send = async (stanza: Element) => aliceClient.xmpp.send(stanza);
    await send(await createOxMessage({ to: [gosend.jid], payload: oxPayload({ body: 'signed by mallory' }), recipientKeys: keys, signingKey: mallory.privateKey }));
    await send(await createOxMessage({ to: ['bob@localhost'], stanzaTo: gosend.jid, payload: oxPayload({ body: 'to names bob' }), recipientKeys: keys, signingKey: alice.privateKey }));
    await send(await createOxMessage({ to: [gosend.jid], payload: oxPayload({ body: 'control' }), recipientKeys: keys, signingKey: alice.privateKey }));
    await listener.waitForLine(/\[OX\] .*: control$/);
    t.false(listener.stdout().includes('signed by mallory'));
    t.false(listener.stdout().includes('to names bob'));
  } finally {
    await listener.stop();
  }
});

function escapeRe(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
