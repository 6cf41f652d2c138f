import test from 'ava';
import { generateOxKey } from './generate.ts';
import { readPrivateKey, readPublicKey, publicKeyBytes } from './read.ts';
import { isV4Fingerprint } from './fingerprint.ts';

test('generated keys: v4, ed25519 + cv25519, xmpp: user ID first, no expiry, accepted by the policy', async (t) => {
  const now = new Date('2024-06-01T00:00:00Z');
  const { privateKey, publicKey, fingerprint } = await generateOxKey({ jid: 'Dave@Localhost/tab', now });
  t.is(publicKey.keyPacket.version, 4);
  t.deepEqual(publicKey.getAlgorithmInfo(), { algorithm: 'eddsaLegacy', curve: 'ed25519Legacy' });
  t.deepEqual(publicKey.subkeys.map((s) => s.getAlgorithmInfo()), [{ algorithm: 'ecdh', curve: 'curve25519Legacy' }]);
  t.deepEqual(publicKey.getUserIDs(), ['xmpp:dave@localhost', '<dave@localhost>']);
  t.is(await publicKey.getExpirationTime(), Infinity);
  t.is(publicKey.getCreationTime().getTime(), now.getTime());
  t.true(isV4Fingerprint(fingerprint));
  t.is(fingerprint, publicKey.getFingerprint().toUpperCase());
  const reread = await readPublicKey(publicKeyBytes(privateKey), { jid: 'dave@localhost' });
  t.is(reread.getFingerprint(), publicKey.getFingerprint());
  t.true((await readPrivateKey(privateKey.armor(), { jid: 'dave@localhost' })).isDecrypted());
});
