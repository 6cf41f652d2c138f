// GnuPG fetches and imports a key from the gateway's Web Key Directory. The stack runs on a
// dotted domain (wkd.localhost): gpg refuses WKD for a host name without a dot.
// 1. `gpg --fetch-keys` on the direct-method URL over http on loopback (any machine);
// 2. a genuine WKD lookup, `gpg --locate-external-keys alice@wkd.localhost`, over https on
//    port 443, by the direct and by the advanced method (support/gnupg.ts: private namespaces,
//    so root only; skipped, saying why, elsewhere).
import test from 'ava';
import { join } from 'node:path';
import { generateOxKey, type OxKeyPair } from '../../protocol/src/index.ts';
import { buildPublishedIq, parseKeys } from '@sealpost/protocol';
import { wkdHash } from '../../gateway/src/directory/wkdHash.ts';
import type { TestStack } from '../harness/stack.ts';
import type { TestClient } from '../harness/xmppClient.ts';
import { startGatewayStack } from '../gateway/helpers.ts';
import { createAccountUser, announce, iq } from './helpers.ts';
import { gnupgHome, locateViaWkd, namespacesAvailable } from './support/gnupg.ts';

const DOMAIN = 'wkd.localhost';
const ADDRESS = `alice@${DOMAIN}`;
let stack: TestStack;
let client: TestClient;
let key: OxKeyPair;

test.before(async () => {
  stack = await startGatewayStack({ SEALPOST_DOMAIN: DOMAIN });
  await createAccountUser(stack, 'alice', 'alice-password-1');
  // The committed fixtures are @localhost keys; this one test needs a key for the dotted domain.
  key = await generateOxKey({ jid: ADDRESS });
  // Over the gateway's WebSocket: the stack's certificate for wkd.localhost is its own.
  client = await stack.xmppClient('alice', 'alice-password-1', { service: `${stack.gatewayUrl.replace(/^http/, 'ws')}/xmpp-websocket` });
  await announce(client, ADDRESS, key.publicKey);
  const notice = parseKeys(await iq(client, buildPublishedIq({ to: stack.gateway.component.jid })));
  if (notice.keys.length !== 1) throw new Error(`key not in the directory: ${JSON.stringify(notice.refused)}`);
});

test.after.always(async () => {
  await client?.stop();
  await stack?.stop();
});

test('gpg --fetch-keys imports the key from the WKD direct-method URL', async (t) => {
  const home = gnupgHome();
  t.teardown(() => home.close());
  const url = `${stack.gatewayUrl}/.well-known/openpgpkey/hu/${wkdHash('alice')}?l=alice`;
  const run = await home.run(['--fetch-keys', url]);
  t.is(run.code, 0, run.stderr);
  t.regex(run.stderr, /imported: 1/);
  t.deepEqual(await home.fingerprints(), [key.fingerprint]);
  t.regex((await home.run(['--list-keys', ADDRESS])).stdout, new RegExp(`<${ADDRESS}>`));
});

const canLocate = namespacesAvailable();
const locate = canLocate ? test : test.skip;
const why = canLocate ? '' : ' (skipped: needs root for private mount and network namespaces)';

for (const [method, hosts, path] of [
  ['direct', [DOMAIN], `/.well-known/openpgpkey/hu/${wkdHash('alice')}?l=alice`],
  ['advanced', [DOMAIN, `openpgpkey.${DOMAIN}`], `/.well-known/openpgpkey/${DOMAIN}/hu/${wkdHash('alice')}?l=alice`],
] as const) {
  locate(`gpg --locate-external-keys finds and imports the key by WKD, ${method} method, over https${why}`, async (t) => {
    const home = gnupgHome();
    t.teardown(() => home.close());
    const dataDir = stack.dataDir;
    const result = await locateViaWkd({
      home,
      address: ADDRESS,
      hosts: [...hosts],
      gatewayPort: stack.httpPort,
      certFile: join(dataDir, 'certs', `${DOMAIN}.crt`),
      keyFile: join(dataDir, 'certs', `${DOMAIN}.key`),
    });
    t.is(result.code, 0, `${result.stderr}\n${result.dirmngrLog.split('\n').filter((l) => !l.includes('DBG')).slice(-15).join('\n')}`);
    t.true(result.requests.some((r) => r.startsWith(`GET ${path} `)), JSON.stringify(result.requests));
    t.deepEqual(await home.fingerprints(), [key.fingerprint]);
    t.regex(result.stdout, new RegExp(`<${ADDRESS}>`));
  });
}
