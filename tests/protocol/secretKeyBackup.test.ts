// XEP-0373 §5: secret-key backup and restore on a second device.
import test from 'ava';
import {
  buildPublishSecretKey,
  CryptoError,
  decryptSecretKeyBackup,
  encryptSecretKeyBackup,
  generateBackupCode,
  KeyPolicyError,
  normalizeBackupCode,
  parseSecretKeyElement,
  parseXml,
  readPrivateKey,
} from '../../protocol/src/index.ts';
import { openpgp } from '../../protocol/src/crypto/openpgp.ts';
import { fixtureArmor, fixtureUser } from '../fixtures/keys/index.ts';

test('backup -> PEP item -> second device -> the same key, able to decrypt and sign', async (t) => {
  const alice = await fixtureUser('alice');
  const code = generateBackupCode();
  const data = await encryptSecretKeyBackup({ privateKeys: [alice.privateKey], code });
  // Over the wire as the §5 PEP payload.
  const item = parseXml(buildPublishSecretKey({ data }).toString()).getChild('pubsub')!.getChild('publish')!.getChild('item')!;
  const received = parseSecretKeyElement(item.getChild('secretkey', 'urn:xmpp:openpgp:0')!);
  const [restored] = await decryptSecretKeyBackup({ data: received, code: normalizeBackupCode(code.toLowerCase()), jid: alice.jid });
  t.is(restored!.getFingerprint(), alice.privateKey.getFingerprint());
  t.true(restored!.isDecrypted());
  // Same secret: a message to alice's public key decrypts with the restored key.
  const message = await openpgp.createMessage({ text: 'proof' });
  const encrypted = await openpgp.encrypt({ message, encryptionKeys: alice.publicKey, format: 'binary' });
  const { data: plain } = await openpgp.decrypt({ message: await openpgp.readMessage({ binaryMessage: encrypted }), decryptionKeys: restored! });
  t.is(plain, 'proof');
});

test('the backup is a symmetric-key OpenPGP message: the code with dashes is the passphrase (§5.4)', async (t) => {
  const alice = await fixtureUser('alice');
  const code = generateBackupCode();
  const data = await encryptSecretKeyBackup({ privateKeys: [alice.privateKey], code });
  const message = await openpgp.readMessage({ binaryMessage: data });
  t.is(message.packets.filterByTag(openpgp.enums.packet.symEncryptedSessionKey).length, 1);
  t.is(message.packets.filterByTag(openpgp.enums.packet.publicKeyEncryptedSessionKey).length, 0);
  // An independent decryption with plain openpgp.js and the verbatim code gives the transferable secret key.
  const { data: keyBytes } = await openpgp.decrypt({ message, passwords: [code], format: 'binary' });
  const key = await readPrivateKey(keyBytes);
  t.is(key.getFingerprint(), alice.privateKey.getFingerprint());
  await t.throwsAsync(openpgp.decrypt({ message: await openpgp.readMessage({ binaryMessage: data }), passwords: [code.replace(/-/g, '')] }));
});

test('several keys in one backup are all restored', async (t) => {
  const alice = await fixtureUser('alice');
  const carol = await fixtureUser('carol');
  const code = generateBackupCode();
  const keys = await decryptSecretKeyBackup({ data: await encryptSecretKeyBackup({ privateKeys: [alice.privateKey, carol.privateKey], code }), code });
  t.deepEqual(keys.map((k) => k.getFingerprint()), [alice.privateKey.getFingerprint(), carol.privateKey.getFingerprint()]);
});

test('a wrong code, a locked key or a malformed code is refused', async (t) => {
  const alice = await fixtureUser('alice');
  const data = await encryptSecretKeyBackup({ privateKeys: [alice.privateKey], code: generateBackupCode() });
  const wrong = await t.throwsAsync(decryptSecretKeyBackup({ data, code: generateBackupCode() }), { instanceOf: CryptoError });
  t.is(wrong?.code, 'wrong-backup-code');
  const locked = await openpgp.readPrivateKey({ armoredKey: fixtureArmor('locked.sec') });
  const err = await t.throwsAsync(encryptSecretKeyBackup({ privateKeys: [locked], code: generateBackupCode() }), { instanceOf: KeyPolicyError });
  t.is(err?.code, 'locked');
  await t.throwsAsync(encryptSecretKeyBackup({ privateKeys: [alice.privateKey], code: 'short' }), { instanceOf: CryptoError });
});
