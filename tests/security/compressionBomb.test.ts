// Attack: a compression bomb: 64 MiB of zeros, zlib-compressed to a few dozen KiB, signed and
// encrypted to Bob. openpgp.js inflates without limit by default; our config caps it at 1 MiB.
import test from 'ava';
import { fromBase64, MAX_DECOMPRESSED_BYTES } from '../../protocol/src/index.ts';
import { fixtureUser } from '../fixtures/keys/index.ts';
import { craftOpenpgp, deliveredStanza, reason, receive } from './support.ts';

test('a 64 MiB bomb inside a small message: too-large, without inflating it', async (t) => {
  const alice = await fixtureUser('alice');
  const bob = await fixtureUser('bob');
  const bomb = await craftOpenpgp({ plaintext: new Uint8Array(64 * 1024 * 1024), encryptionKeys: [bob.publicKey], signingKey: alice.privateKey, compress: true });
  t.true(fromBase64(bomb).length < 256 * 1024, 'fits under the message size limit, so decompression is reached');
  const before = process.memoryUsage().rss;
  const started = performance.now();
  const r = await receive(deliveredStanza(bomb, alice.jid, bob.jid), bob, [alice.publicKey]);
  t.is(reason(r), 'too-large');
  t.true(performance.now() - started < 5000);
  t.true(process.memoryUsage().rss - before < 48 * 1024 * 1024, 'memory did not grow by the inflated size');
  t.is(MAX_DECOMPRESSED_BYTES, 1024 * 1024);
});

test('compressed but small payloads are still accepted', async (t) => {
  const alice = await fixtureUser('alice');
  const bob = await fixtureUser('bob');
  const { signcryptXml } = await import('./support.ts');
  const ok = await craftOpenpgp({ plaintext: signcryptXml(bob.jid, 'zipped'), encryptionKeys: [bob.publicKey], signingKey: alice.privateKey, compress: true });
  t.is(reason(await receive(deliveredStanza(ok, alice.jid, bob.jid), bob, [alice.publicKey])), 'ok');
});
