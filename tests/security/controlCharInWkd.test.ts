// Attack: an anonymous WKD request whose `?l=` local part carries a character XML 1.0 §2.2
// forbids (U+0001) made the gateway put it into a PEP request; Prosody closed the component
// stream as not-well-formed, and admin user creations in flight failed and left pending
// records. The request must be refused (400) before anything reaches XMPP, the component's
// send path must refuse such stanzas on its own, and account creations running meanwhile
// succeed and leave no pending record.
import test from 'ava';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildTokenRequest, parseTokenResponse, xml } from '../../protocol/src/index.ts';
import { wkdHash } from '../../gateway/src/directory/wkdHash.ts';
import { AppError } from '../../gateway/src/errors.ts';
import type { TestStack } from '../harness/stack.ts';
import { apiClient, cliToken, startGatewayStack, type ApiCall } from '../gateway/helpers.ts';
import { iq } from '../directory/helpers.ts';

let stack: TestStack;
let cli: ApiCall;

test.before(async () => {
  stack = await startGatewayStack({ SEALPOST_DIRECTORY_RATE_PER_ADDRESS: '100000/minute' });
  cli = apiClient(stack, cliToken(stack));
});

test.after.always(async () => {
  await stack?.stop();
});

const gatewayLog = () => readFileSync(join(stack.prepared.files.logDir, 'gateway.log'), 'utf8');
const disconnects = () => gatewayLog().split('\n').filter((line) => line.includes('component disconnected')).length;

test.serial('WKD local parts with XML-forbidden characters are refused; the component stays connected and creations in flight complete', async (t) => {
  const before = disconnects();
  const hostile = ['x\u0001y', 'a\u000bb', 'z\u0000', 'q\ufffe'];
  for (let round = 0; round < 5; round++) {
    const wkd = hostile.map((l) => fetch(`${stack.gatewayUrl}/.well-known/openpgpkey/hu/${wkdHash(l)}?l=${encodeURIComponent(l)}`));
    const created = cli('POST', '/admin/users', { body: { username: `burst${round}`, password: `burst-${round}-Secret-pw-1` } });
    const [statuses, user] = await Promise.all([Promise.all(wkd.map(async (r) => (await r).status)), created]);
    t.deepEqual(statuses, hostile.map(() => 400), `round ${round}`);
    t.is(user.status, 201, JSON.stringify(user.body));
    t.true(stack.gateway.component.isOnline(), `round ${round}`);
  }
  t.is(disconnects(), before, 'Prosody never dropped the component');
  t.deepEqual((await stack.gateway.store.users.listPending(new Date(Date.now() + 60_000))).map((u) => u.username), [], 'no half-made record');

  // Token requests to the component still work.
  const client = await stack.xmppClient('burst0', 'burst-0-Secret-pw-1');
  t.teardown(() => client.stop());
  const reply = await iq(client, xml('iq', { type: 'set', to: stack.gateway.component.jid }, buildTokenRequest()));
  t.is(reply.attrs.type, 'result');
  t.regex(parseTokenResponse(reply.getChild('token')!).token, /^sps_/);
});

test.serial("the component's send path refuses forbidden characters and invalid JIDs itself, without losing the stream", async (t) => {
  const before = disconnects();
  const { component } = stack.gateway;
  const disco = (to: string, text?: string) =>
    xml('iq', { type: 'get', to }, xml('query', { xmlns: 'http://jabber.org/protocol/disco#info' }, text ?? null));
  for (const stanza of [
    disco(stack.domain, 'a\u0001b'),
    disco(`a\u0001b@${stack.domain}`),
    disco(`alice@${stack.domain}/\u0007`),
    disco(`a b@${stack.domain}`),
    disco(`alice@evil example`),
    disco(`alice@bob@${stack.domain}`),
    disco(''),
  ]) {
    const err = await t.throwsAsync(component.request(stanza), { instanceOf: AppError }, stanza.toString());
    t.is(err?.code, 'bad_request', stanza.toString());
  }
  await t.throwsAsync(component.send(xml('message', { to: `bob@${stack.domain}` }, xml('body', {}, 'bell \u0007'))), { instanceOf: AppError });
  t.true(component.isOnline());
  const answer = await component.request(disco(stack.domain));
  t.is(answer.attrs.type, 'result', 'the same connection still carries requests');
  t.is(disconnects(), before);
});
