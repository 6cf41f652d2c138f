// Attack: a key with 1,000 user IDs (CPU and memory on every verification, UI spoofing with
// many identities) published as someone's key. Refused on import, however it arrives.
import test from 'ava';
import { KeyPolicyError, readPublicKey } from '../../protocol/src/index.ts';
import { openpgp } from '../../protocol/src/crypto/openpgp.ts';
import { fixtureArmor } from '../fixtures/keys/index.ts';

test('armored: refused (too large) before openpgp.js parses it', async (t) => {
  const started = performance.now();
  const err = await t.throwsAsync(readPublicKey(fixtureArmor('many-uids-1000.pub')), { instanceOf: KeyPolicyError });
  t.is(err?.code, 'too-large');
  t.true(performance.now() - started < 200);
});

test('binary, as from a PEP data node: refused', async (t) => {
  const key = await openpgp.readKey({ armoredKey: fixtureArmor('many-uids-1000.pub') });
  t.is(key.users.length, 1000);
  const err = await t.throwsAsync(readPublicKey(key.write()), { instanceOf: KeyPolicyError });
  t.is(err?.code, 'too-large');
});

test('even under a raised size limit, the user-ID count limit refuses it', async (t) => {
  const err = await t.throwsAsync(readPublicKey(fixtureArmor('many-uids-1000.pub'), { limits: { maxKeyBytes: 1024 * 1024 } }), { instanceOf: KeyPolicyError });
  t.is(err?.code, 'too-many-user-ids');
  const small = await t.throwsAsync(readPublicKey(fixtureArmor('many-uids-40.pub')), { instanceOf: KeyPolicyError });
  t.is(small?.code, 'too-many-user-ids');
});
