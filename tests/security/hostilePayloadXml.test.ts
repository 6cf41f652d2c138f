// Attack: malformed or hostile XML inside a correctly signed and encrypted payload (entities,
// DOCTYPE, deep nesting, many elements, not UTF-8). Signature checks pass, so these reach the
// XML parser: each is refused with a reason, nothing is expanded, nothing recurses deeply.
import test from 'ava';
import { fixtureUser } from '../fixtures/keys/index.ts';
import { craftOpenpgp, deliveredStanza, reason, receive, signcryptXml } from './support.ts';

async function outcome(plaintext: string | Uint8Array): Promise<string> {
  const alice = await fixtureUser('alice');
  const bob = await fixtureUser('bob');
  const openpgp = await craftOpenpgp({ plaintext, encryptionKeys: [bob.publicKey], signingKey: alice.privateKey });
  return reason(await receive(deliveredStanza(openpgp, alice.jid, bob.jid), bob, [alice.publicKey]));
}

const LAUGHS =
  `<?xml version='1.0'?><!DOCTYPE signcrypt [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">` +
  `<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>`;

test('the control: the same path accepts a clean payload', async (t) => {
  t.is(await outcome(signcryptXml('bob@localhost', 'clean')), 'ok');
});

test('billion laughs (DOCTYPE with entity declarations): malformed', async (t) => {
  t.is(await outcome(LAUGHS + signcryptXml('bob@localhost', '&lol3;')), 'malformed');
});

test('external entity (XXE) and undefined entity references: malformed', async (t) => {
  t.is(await outcome(`<!DOCTYPE s [<!ENTITY x SYSTEM "file:///etc/passwd">]>` + signcryptXml('bob@localhost', '&x;')), 'malformed');
  t.is(await outcome(signcryptXml('bob@localhost', '&x;')), 'malformed');
});

test('deep nesting: refused as too large, no stack overflow', async (t) => {
  const deep = '<b>'.repeat(50_000) + '</b>'.repeat(50_000);
  t.is(await outcome(signcryptXml('bob@localhost', deep)), 'too-large');
});

test('very many elements: too-large', async (t) => {
  t.is(await outcome(signcryptXml('bob@localhost', '<i/>'.repeat(10_000))), 'too-large');
});

test('comments, processing instructions, several roots, unclosed tags, not UTF-8: malformed', async (t) => {
  t.is(await outcome(signcryptXml('bob@localhost', '<!-- x -->')), 'malformed');
  t.is(await outcome(signcryptXml('bob@localhost', '<?evil?>')), 'malformed');
  t.is(await outcome(signcryptXml('bob@localhost', 'x') + '<signcrypt/>'), 'malformed');
  t.is(await outcome(signcryptXml('bob@localhost', 'x').replace('</signcrypt>', '')), 'malformed');
  t.is(await outcome(new Uint8Array([0x3c, 0x61, 0xff, 0xfe, 0x3e])), 'malformed');
  t.is(await outcome('just text'), 'malformed');
});
