// Attack: the WKD `?l=` local part was glued to our domain unchecked, so an anonymous request
// with `@` or `/` in it (`probe@evil.example/x`, `alice@localhost/<resource>`) made the
// component send PEP requests to other domains and to full JIDs of online clients. The
// local part must be validated like any address (400), and no XMPP request may leave the
// gateway for it. What the component sends is watched at its one request door.
import test from 'ava';
import type { Element } from '../../protocol/src/index.ts';
import { lookupWkd } from '../../gateway/src/directory/lookupKeys.ts';
import { wkdHash } from '../../gateway/src/directory/wkdHash.ts';
import type { TestStack } from '../harness/stack.ts';
import type { TestClient } from '../harness/xmppClient.ts';
import { startGatewayStack } from '../gateway/helpers.ts';
import { createAccountUser } from '../directory/helpers.ts';

let stack: TestStack;
let alice: TestClient;
const sent: string[] = [];

test.before(async () => {
  stack = await startGatewayStack({ SEALPOST_DIRECTORY_RATE_PER_ADDRESS: '100000/minute' });
  await createAccountUser(stack, 'alice', 'alice-password-1');
  alice = await stack.xmppClient('alice', 'alice-password-1', { resource: 'phone', presence: true });
  // Every IQ the component sends goes through `request`: record where each one goes.
  const { component } = stack.gateway;
  const request = component.request.bind(component);
  (component as { request: typeof component.request }).request = (iq: Element, timeoutMs?: number) => {
    sent.push(iq.attrs.to ?? '');
    return request(iq, timeoutMs);
  };
});

test.after.always(async () => {
  await alice?.stop();
  await stack?.stop();
});

const hostile = (domain: string) => [
  'probe@evil.example/x',
  'probe@evil.example',
  `alice@${domain}/phone`,
  'alice/phone',
  `alice@${domain}`,
  '../alice',
  'al:ice',
];

test.serial('a WKD local part with @ or / is refused with 400 and causes no XMPP request', async (t) => {
  for (const l of hostile(stack.domain)) {
    const hash = wkdHash(l);
    for (const path of [`/.well-known/openpgpkey/hu/${hash}`, `/.well-known/openpgpkey/${stack.domain}/hu/${hash}`]) {
      const res = await fetch(`${stack.gatewayUrl}${path}?l=${encodeURIComponent(l)}`);
      t.is(res.status, 400, `${path}?l=${l}`);
      t.is(((await res.json()) as { error: { field?: string } }).error.field, 'l');
    }
  }
  t.deepEqual(sent, [], 'the component sent nothing');
});

test.serial('the lookup itself never asks about anything but a bare account of our domain', async (t) => {
  for (const l of hostile(stack.domain)) {
    t.deepEqual(await lookupWkd(stack.gateway.directory, wkdHash(l), l), [], l);
  }
  t.deepEqual(sent, []);
  // A genuine local part still reaches alice's own bare JID, and only it.
  await lookupWkd(stack.gateway.directory, wkdHash('alice'), 'Alice');
  t.true(sent.length > 0);
  t.deepEqual([...new Set(sent)], [`alice@${stack.domain}`]);
});
