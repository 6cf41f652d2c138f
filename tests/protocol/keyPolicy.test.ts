// The key import policy against the committed fixtures (tests/fixtures/keys/README.md).
import test from 'ava';
import { KeyPolicyError, type KeyPolicyCode, readPrivateKey, readPublicKey } from '../../protocol/src/index.ts';
import { fixtureArmor, type HostileFixture } from '../fixtures/keys/index.ts';

async function verdict(read: () => Promise<unknown>): Promise<KeyPolicyCode | 'accepted'> {
  try {
    await read();
    return 'accepted';
  } catch (err) {
    if (err instanceof KeyPolicyError) return err.code;
    throw err;
  }
}

const PUBLIC_VERDICTS: [HostileFixture, KeyPolicyCode | 'accepted'][] = [
  ['many-uids-1000.pub', 'too-large'],
  ['many-uids-40.pub', 'too-many-user-ids'],
  ['rsa-1024.pub', 'weak-algorithm'],
  ['rsa-3072.pub', 'accepted'],
  ['dsa-elgamal.pub', 'weak-algorithm'],
  ['sha1-selfsig.pub', 'weak-hash'],
  ['expired.pub', 'expired'],
  ['revoked.pub', 'revoked'],
  ['v6.pub', 'unsupported-version'],
  ['wrong-uid.pub', 'accepted'],
];

for (const [name, expected] of PUBLIC_VERDICTS) {
  test(`public key ${name}: ${expected}`, async (t) => {
    t.is(await verdict(() => readPublicKey(fixtureArmor(name))), expected);
  });
}

test('the policy applies to binary input (PEP) as to armored input', async (t) => {
  const rsa = await readPublicKey(fixtureArmor('rsa-3072.pub'));
  t.is(await verdict(() => readPublicKey(rsa.write())), 'accepted');
  const { openpgp } = await import('../../protocol/src/crypto/openpgp.ts');
  const weak = await openpgp.readKey({ armoredKey: fixtureArmor('rsa-1024.pub') });
  t.is(await verdict(() => readPublicKey(weak.write())), 'weak-algorithm');
});

test('secret material where a public key is expected is refused, and the reverse', async (t) => {
  t.is(await verdict(() => readPublicKey(fixtureArmor('alice.sec'))), 'secret-material');
  t.is(await verdict(() => readPrivateKey(fixtureArmor('alice.pub'))), 'not-secret');
  t.is(await verdict(() => readPrivateKey(fixtureArmor('locked.sec'))), 'locked');
  t.is(await verdict(() => readPrivateKey(fixtureArmor('alice.sec'))), 'accepted');
});

test('the xmpp: user ID must name the expected account', async (t) => {
  t.is(await verdict(() => readPublicKey(fixtureArmor('alice.pub'), { jid: 'alice@localhost' })), 'accepted');
  t.is(await verdict(() => readPublicKey(fixtureArmor('alice.pub'), { jid: 'ALICE@localhost/phone' })), 'accepted');
  t.is(await verdict(() => readPublicKey(fixtureArmor('alice.pub'), { jid: 'bob@localhost' })), 'missing-user-id');
  t.is(await verdict(() => readPublicKey(fixtureArmor('wrong-uid.pub'), { jid: 'alice@localhost' })), 'missing-user-id');
});

test('garbage, two keys at once and limits given by the caller', async (t) => {
  t.is(await verdict(() => readPublicKey(new Uint8Array([1, 2, 3, 4]))), 'malformed');
  t.is(await verdict(() => readPublicKey('-----BEGIN PGP PUBLIC KEY BLOCK-----\n\nnope\n-----END PGP PUBLIC KEY BLOCK-----')), 'malformed');
  const two = fixtureArmor('alice.pub') + fixtureArmor('bob.pub');
  t.is(await verdict(() => readPublicKey(two)), 'malformed');
  t.is(await verdict(() => readPublicKey(fixtureArmor('alice.pub'), { limits: { maxUserIds: 1 } })), 'too-many-user-ids');
  t.is(await verdict(() => readPublicKey(fixtureArmor('alice.pub'), { limits: { maxKeyBytes: 100 } })), 'too-large');
});

test('validity is judged at the injected date', async (t) => {
  // Fixtures are created 2025-01-01: before that, the key does not exist yet.
  t.not(await verdict(() => readPublicKey(fixtureArmor('alice.pub'), { now: new Date('2024-01-01T00:00:00Z') })), 'accepted');
  t.is(await verdict(() => readPublicKey(fixtureArmor('expired.pub'), { now: new Date('2023-06-01T00:00:00Z') })), 'accepted');
});
