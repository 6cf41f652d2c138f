// Keys published by another XMPP app (go-sendxmpp, which knows nothing of the gateway and
// sends no notice) enter the directory when a lookup meets the account, and a new key
// generated later shows up as a change in the verified log once the record is stale.
import test from 'ava';
import { fingerprintOf, fromBase64, readPrivateKey, readPublicKey } from '../../protocol/src/index.ts';
import type { TestStack } from '../harness/stack.ts';
import { apiClient, makeAdmin, startGatewayStack, type ApiCall } from '../gateway/helpers.ts';
import { type GoSendxmppAccount, goSendxmppAccount, goSendxmppSecretKey, removeHome, runGoSendxmpp } from '../harness/goSendxmpp.ts';
import { createAccountUser, verifyServedLog } from './helpers.ts';

let stack: TestStack;
let api: ApiCall;
let gosend: GoSendxmppAccount;

test.before(async () => {
  // Records older than a second are re-read on lookup.
  stack = await startGatewayStack({ SEALPOST_DIRECTORY_REFRESH_AFTER: '1' });
  api = apiClient(stack);
  await createAccountUser(stack, 'gosend', 'gosend-password-1');
  gosend = goSendxmppAccount(`gosend@${stack.domain}`, 'gosend-password-1', stack.c2sPort);
});

test.after.always(async () => {
  await stack?.stop();
  if (gosend) removeHome(gosend);
});

async function generate(): Promise<string> {
  const run = await runGoSendxmpp(gosend, ['--ox-genprivkey-x25519']);
  if (run.code !== 0) throw new Error(`go-sendxmpp key generation failed: ${run.stderr}`);
  return fingerprintOf(await readPrivateKey(goSendxmppSecretKey(gosend), { jid: gosend.jid }));
}

test.serial('a key published by go-sendxmpp appears in the directory on the first lookup', async (t) => {
  t.is((await api('GET', `/keys/${gosend.jid}`)).status, 404, 'nothing published yet');
  const fingerprint = await generate();
  await new Promise((r) => setTimeout(r, 1100)); // past the remembered miss and the refresh age
  const res = await api('GET', `/keys/${gosend.jid}`);
  t.is(res.status, 200, JSON.stringify(res.body));
  t.is(res.body.keys.length, 1);
  t.like(res.body.keys[0], { fingerprint, source: 'lookup', wkd: false, compromised: null });
  const key = await readPublicKey(fromBase64(res.body.keys[0].key), { jid: gosend.jid });
  t.deepEqual(key.getUserIDs(), [`xmpp:${gosend.jid}`]);
  // No mail address in go-sendxmpp's key: nothing for the Web Key Directory.
  t.is((await fetch(`${stack.gatewayUrl}/.well-known/openpgpkey/hu/${'y'.repeat(32)}?l=gosend`)).status, 404);
});

test.serial("go-sendxmpp's new key replaces the old one in the log, and the chain verifies", async (t) => {
  const before = (await api('GET', `/keys/${gosend.jid}`)).body.keys[0].fingerprint as string;
  const after = await generate();
  t.not(after, before);
  await new Promise((r) => setTimeout(r, 1100));
  const res = await api('GET', `/keys/${gosend.jid}`);
  t.deepEqual(res.body.keys.map((k: { fingerprint: string }) => k.fingerprint), [after]);
  const log = await api('GET', `/keys/${gosend.jid}/log`);
  t.deepEqual(log.body.entries.map((e: { action: string; fingerprint: string; previousFingerprint: string | null }) => [e.action, e.fingerprint, e.previousFingerprint]), [
    ['added', before, null],
    ['replaced', after, before],
  ]);
  t.like(verifyServedLog(log.body), { ok: true, entries: 2 });
  t.is(res.body.head.hash, log.body.head.hash);
  // The admin history keeps the old key, removed.
  const admin = apiClient(stack, (await makeAdmin(stack, 'root')).token);
  const history = await admin('GET', `/admin/keys/${gosend.jid}`);
  t.deepEqual(history.body.keys.map((k: { fingerprint: string; removedAt: string | null }) => [k.fingerprint, k.removedAt !== null]), [[before, true], [after, false]]);
});
