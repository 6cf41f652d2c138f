// Attack: bits flipped in the OpenPGP message. The message holds one session-key packet per
// recipient key, then the encrypted data (SEIPD with MDC). A flipped bit in the encrypted data
// is always refused. Elsewhere (Alice's self-copy packet, or framing bytes such as an MPI bit
// count that the parser does not need) a flip may change nothing; what must never happen is
// that a tampered message is accepted with different content.
import test from 'ava';
import { createOxMessage, fromBase64, oxPayload, parseOxMessage, toBase64 } from '../../protocol/src/index.ts';
import { openpgp } from '../../protocol/src/crypto/openpgp.ts';
import { fixtureUser } from '../fixtures/keys/index.ts';
import { deliveredStanza, NOW, reason, receive } from './support.ts';

async function setup() {
  const alice = await fixtureUser('alice');
  const bob = await fixtureUser('bob');
  const { openpgp: b64 } = parseOxMessage(
    await createOxMessage({ to: [bob.jid], payload: oxPayload({ body: 'the real text' }), recipientKeys: [bob.publicKey], signingKey: alice.privateKey, now: NOW }),
  );
  const bytes = fromBase64(b64);
  const message = await openpgp.readMessage({ binaryMessage: bytes });
  const sessionKeys = message.packets.filterByTag(openpgp.enums.packet.publicKeyEncryptedSessionKey);
  // Packets are written back with their headers: the byte ranges of the original message.
  const bobsEnd = sessionKeys.slice(0, 1).reduce((n, p) => n + singlePacketLength(p), 0);
  return { alice, bob, bytes, bobsEnd, dataStart: sessionKeys.write().length };
}

function singlePacketLength(packet: unknown): number {
  const list = new openpgp.PacketList();
  list.push(packet as never);
  return list.write().length;
}

async function flipped(bytes: Uint8Array, position: number, mask: number, env: Awaited<ReturnType<typeof setup>>) {
  const tampered = bytes.slice();
  tampered[position]! ^= mask;
  return receive(deliveredStanza(toBase64(tampered), env.alice.jid, env.bob.jid), env.bob, [env.alice.publicKey]);
}

test('any flipped bit in the encrypted data: refused (mostly decryption-failed)', async (t) => {
  const env = await setup();
  const outcomes = new Map<string, number>();
  for (let position = env.dataStart; position < env.bytes.length; position += 5) {
    const r = await flipped(env.bytes, position, 0x01, env);
    t.false(r.ok, `bit at ${position} accepted`);
    outcomes.set(reason(r), (outcomes.get(reason(r)) ?? 0) + 1);
  }
  t.true((outcomes.get('decryption-failed') ?? 0) > 0, JSON.stringify([...outcomes]));
  t.is(reason(await flipped(env.bytes, env.bytes.length - 5, 0x80, env)), 'decryption-failed');
});

test('a flipped bit in the session-key packets: refused, or accepted with the exact original content', async (t) => {
  const env = await setup();
  let refused = 0;
  for (let position = 0; position < env.dataStart; position++) {
    const r = await flipped(env.bytes, position, 0x04, env);
    if (!r.ok) {
      refused++;
      continue;
    }
    t.is(r.payload.body, 'the real text', `bit at ${position}`);
    t.is(r.signerFingerprint, env.alice.fingerprint);
  }
  t.true(refused > env.bobsEnd / 2, `refused ${refused} of ${env.dataStart}`);
});

test('a truncated message is refused', async (t) => {
  const env = await setup();
  const r = await receive(deliveredStanza(toBase64(env.bytes.slice(0, env.bytes.length - 30)), env.alice.jid, env.bob.jid), env.bob, [env.alice.publicKey]);
  t.false(r.ok);
});
