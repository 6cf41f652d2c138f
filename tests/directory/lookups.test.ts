// Public lookups from the outside: Web Key Directory paths and files, path tricks (`..`,
// `%2f`, overlong names) answered 400/404 in one JSON shape, misses indistinguishable by
// shape and timing, CORS open for reading, and the per-address rate limit.
import test from 'ava';
import { fingerprintOf, readPublicKey } from '../../protocol/src/index.ts';
import { MISS_FLOOR_MS } from '../../gateway/src/http/routes/keys/guard.ts';
import { buildPublishedIq } from '@sealpost/protocol';
import { wkdHash } from '../../gateway/src/directory/wkdHash.ts';
import type { TestStack } from '../harness/stack.ts';
import type { TestClient } from '../harness/xmppClient.ts';
import { fixtureUser } from '../fixtures/keys/index.ts';
import { startGatewayStack } from '../gateway/helpers.ts';
import { createAccountUser, announce, iq, median, rawGet, type RawResponse } from './helpers.ts';

const RATE = 80; // lookups per minute per client address in this file's stack
let stack: TestStack;
let alice: TestClient;
let requests = 0;
const ALICE_HASH = 'kei1q4tipxxu1yj79k9kfukdhfy631xe';

test.before(async () => {
  stack = await startGatewayStack({ SEALPOST_DIRECTORY_RATE_PER_ADDRESS: `${RATE}/minute` });
  await createAccountUser(stack, 'alice', 'alice-password-1');
  const id = await fixtureUser('alice');
  alice = await stack.xmppClient('alice', 'alice-password-1');
  await announce(alice, id.jid, id.publicKey);
  await iq(alice, buildPublishedIq({ to: stack.gateway.component.jid }));
});

test.after.always(async () => {
  await alice?.stop();
  await stack?.stop();
});

const get = (path: string, method = 'GET') => {
  requests++;
  return rawGet(stack.gatewayUrl, path, method);
};
const json = (res: RawResponse) => JSON.parse(res.body.toString('utf8')) as { error: { code: string; message: string } };

test.serial('WKD: the hash of joe.doe, the direct and advanced paths, the policy files', async (t) => {
  t.is(wkdHash('joe.doe'), 'iy9q119eutrkn8s1mk4r39qejnbu3n5q');
  t.is(wkdHash('alice'), ALICE_HASH);
  const id = await fixtureUser('alice');
  for (const path of [`/.well-known/openpgpkey/hu/${ALICE_HASH}?l=alice`, `/.well-known/openpgpkey/localhost/hu/${ALICE_HASH}?l=alice`, `/.well-known/openpgpkey/LOCALHOST/hu/${ALICE_HASH}`]) {
    const res = await get(path);
    t.is(res.status, 200, path);
    t.is(res.headers['content-type'], 'application/octet-stream');
    t.is(res.headers['access-control-allow-origin'], '*');
    t.is(fingerprintOf(await readPublicKey(new Uint8Array(res.body), { jid: id.jid })), id.fingerprint);
  }
  const head = await get(`/.well-known/openpgpkey/hu/${ALICE_HASH}?l=alice`, 'HEAD');
  t.is(head.status, 200);
  t.is(head.body.length, 0);
  for (const path of ['/.well-known/openpgpkey/policy', '/.well-known/openpgpkey/localhost/policy']) {
    const res = await get(path);
    t.is(res.status, 200, path);
    t.regex(String(res.headers['content-type']), /^text\/plain/);
  }
  t.is((await get('/.well-known/openpgpkey/iy9q119eutrkn8s1mk4r39qejnbu3n5q')).status, 404);
  t.is((await get(`/.well-known/openpgpkey/hu/iy9q119eutrkn8s1mk4r39qejnbu3n5q?l=joe.doe`)).status, 404, 'no such user');
  t.is((await get(`/.well-known/openpgpkey/example.org/hu/${ALICE_HASH}`)).status, 404, 'another domain');
  t.is((await get('/.well-known/openpgpkey/example.org/policy')).status, 404);
});

test.serial('path tricks get 400 or 404 in the JSON error shape, never a file or the web client', async (t) => {
  const long = 'a'.repeat(5000);
  const paths = [
    '/api/keys/..',
    '/api/keys/%2e%2e',
    '/api/keys/..%2f..%2f..%2fetc%2fpasswd',
    '/api/keys/alice@localhost%2f..%2f..%2fsecrets.json',
    '/api/keys/alice@localhost%2fres',
    '/api/keys/alice@localhost%00',
    '/api/keys/%',
    `/api/keys/${long}@localhost`,
    `/api/keys/alice@${long}.org`,
    `/api/keys/${long}`,
    '/api/keys/by-fingerprint/..%2f..%2fetc%2fpasswd',
    `/api/keys/by-fingerprint/${'A'.repeat(41)}`,
    '/api/keys/..%2f..%2fetc/log',
    '/.well-known/openpgpkey/hu/..%2f..%2f..%2fetc%2fpasswd',
    '/.well-known/openpgpkey/hu/../../../etc/passwd',
    '/.well-known/openpgpkey/../../gateway/sealpost.sqlite',
    '/.well-known/openpgpkey/%2e%2e/hu/x',
    '/.well-known/openpgpkey/localhost%2f..%2f..%2f/hu/kei1q4tipxxu1yj79k9kfukdhfy631xe',
    `/.well-known/openpgpkey/hu/${ALICE_HASH.toUpperCase()}`,
    `/.well-known/openpgpkey/hu/${'y'.repeat(5000)}`,
    `/.well-known/openpgpkey/hu/${ALICE_HASH}?l=${long}`,
    `/.well-known/openpgpkey/${long}/hu/${ALICE_HASH}`,
  ];
  for (const path of paths) {
    const res = await get(path);
    t.true(res.status === 400 || res.status === 404, `${path.slice(0, 80)}: ${res.status}`);
    const body = json(res);
    t.true(body.error.code === 'bad_request' || body.error.code === 'not_found', path.slice(0, 80));
    t.false(res.body.includes('<html'), path.slice(0, 80));
    t.false(res.body.includes('PRIVATE KEY'), path.slice(0, 80));
  }
});

test.serial('misses look alike: unknown, other-domain and malformed addresses share one shape and a time floor', async (t) => {
  const groups: Record<string, string[]> = {
    unknownLocal: ['nobody1@localhost', 'nobody2@localhost', 'nobody3@localhost', 'nobody4@localhost', 'nobody5@localhost'],
    otherDomain: ['bob@example.org', 'carol@example.org', 'dave@example.org', 'erin@example.org', 'frank@example.org'],
    malformed: ['..', 'no-at-sign', 'a@b@c', '%2e%2e', 'x@-y'],
  };
  const medians: Record<string, number> = {};
  for (const [name, addresses] of Object.entries(groups)) {
    const times: number[] = [];
    for (const address of addresses) {
      const res = await get(`/api/keys/${address}`);
      t.is(res.status, name === 'malformed' ? 400 : 404, address);
      t.deepEqual(Object.keys(json(res).error).filter((k) => k !== 'field').sort(), ['code', 'message']);
      t.is(res.headers['access-control-allow-origin'], '*');
      t.true(res.ms >= MISS_FLOOR_MS - 1, `${address}: ${res.ms} ms`);
      times.push(res.ms);
    }
    medians[name] = median(times);
  }
  const values = Object.values(medians);
  t.true(Math.max(...values) - Math.min(...values) < 20, JSON.stringify(medians));
});

test.serial('the OpenAPI description lists the directory routes', async (t) => {
  const res = await fetch(`${stack.gatewayUrl}/api/openapi.json`);
  const doc = (await res.json()) as { paths: Record<string, Record<string, { security: unknown[]; parameters: Array<{ name: string }> }>> };
  for (const path of ['/api/keys/{jid}', '/api/keys/{jid}/log', '/api/keys/by-fingerprint/{fingerprint}', '/api/keys/head']) {
    t.deepEqual(doc.paths[path]?.get?.security, [], path);
  }
  t.deepEqual(doc.paths['/api/keys/{jid}']!.get!.parameters.map((p) => p.name), ['jid']);
  for (const path of ['/api/admin/keys', '/api/admin/keys/{jid}', '/api/admin/keys/log', '/api/admin/keys/log/verify']) {
    t.deepEqual(doc.paths[path]?.get?.security, [{ bearer: [] }], path);
  }
  t.truthy(doc.paths['/api/admin/keys/{jid}/{fingerprint}/compromised']?.post);
});

test.serial('lookups are open to any origin for reading and limited per client address', async (t) => {
  const res = await fetch(`${stack.gatewayUrl}/api/keys/alice@localhost`, { headers: { origin: 'https://elsewhere.example' } });
  requests++;
  t.is(res.status, 200);
  t.is(res.headers.get('access-control-allow-origin'), '*');
  t.is(res.headers.get('access-control-allow-credentials'), null);
  let limited: RawResponse | undefined;
  for (let i = requests; i <= RATE + 5 && !limited; i++) {
    const r = await get('/api/keys/alice@localhost');
    if (r.status === 429) limited = r;
  }
  t.truthy(limited, 'the limit was reached');
  t.is(json(limited!).error.code, 'rate_limited');
  t.truthy(limited!.headers['retry-after']);
  t.is(limited!.headers['access-control-allow-origin'], '*');
  t.is((await get(`/.well-known/openpgpkey/hu/${ALICE_HASH}`)).status, 429, 'the WKD shares the limit');
});
