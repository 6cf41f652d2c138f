// Attack: in-band registration (XEP-0077 §3.1) straight to Prosody, around the gateway's
// policy. Prosody allowed it from loopback, and the gateway's proxy reaches Prosody from
// loopback: anyone could sign up reserved names (abuse, support, ...) over /xmpp-websocket,
// without an invite, rate limit or gateway record. Registration must be refused on every path,
// while a logged-in user keeps password change (§3.3) and account removal (§3.2).
import test from 'ava';
import { xml } from '@xmpp/client';
import { startStack, type TestStack } from '../harness/stack.ts';
import { plainLoginSucceeds, rawC2s, rawWebSocket, registerSet, type RawXmpp } from './rawClients.ts';

let stack: TestStack;
test.before(async () => {
  stack = await startStack({ env: { SEALPOST_REGISTRATION: 'invite' } });
});
test.after.always(async () => {
  await stack?.stop();
});

/** The account exists iff XEP-0133 add-user from the gateway reports a conflict. */
async function accountExists(localpart: string): Promise<boolean> {
  try {
    await stack.createUser(localpart, `${localpart}-probe-Password-9`);
    return false;
  } catch (err) {
    if (/already exists/.test((err as Error).message)) return true;
    throw err;
  }
}

async function attempt(t: import('ava').ExecutionContext, open: () => Promise<RawXmpp>, name: string): Promise<void> {
  const c = await open();
  try {
    const form = await c.iq('form', "<iq xmlns='jabber:client' type='get' id='form'><query xmlns='jabber:iq:register'/></iq>");
    t.regex(form, /type=['"]error['"]/, `no registration form is offered (${name})`);
    const reply = await c.iq('reg', registerSet('reg', name, 'Attacker-Password-1'));
    t.regex(reply, /type=['"]error['"]/, `registering ${name} is refused`);
  } finally {
    c.close();
  }
  t.false(await accountExists(name), `no account ${name} was created`);
}

test('XEP-0077 registration over the gateway WebSocket (from loopback) is refused', async (t) => {
  await attempt(t, () => rawWebSocket(stack), 'abuse');
  await attempt(t, () => rawWebSocket(stack), 'hostmaster');
});

test('XEP-0077 registration over c2s direct TLS from loopback is refused', async (t) => {
  await attempt(t, () => rawC2s(stack, 'direct-tls'), 'support');
});

test('XEP-0077 registration over c2s STARTTLS from loopback is refused', async (t) => {
  await attempt(t, () => rawC2s(stack, 'starttls'), 'security');
});

for (const path of ['c2s', 'websocket'] as const) {
  test(`a logged-in user still changes the password and removes the account over XMPP (${path})`, async (t) => {
    const name = `keeper${path === 'c2s' ? 'c' : 'w'}`;
    const service = path === 'websocket' ? { service: `${stack.gatewayUrl.replace(/^http/, 'ws')}/xmpp-websocket` } : {};
    await stack.createUser(name, 'Old-Password-12');
    const first = await stack.xmppClient(name, 'Old-Password-12', { ...service, presence: false });
    const changed = await first.xmpp.iqCaller.request(
      xml('iq', { type: 'set', to: stack.domain }, xml('query', { xmlns: 'jabber:iq:register' }, xml('username', {}, name), xml('password', {}, 'New-Password-34'))),
      20_000,
    );
    t.is(changed.attrs.type, 'result');
    await first.stop();
    t.false(await plainLoginSucceeds(stack, name, 'Old-Password-12'), 'the old password no longer works');
    const second = await stack.xmppClient(name, 'New-Password-34', { ...service, presence: false });
    // XEP-0077 §3.2: the server answers, then ends the session; the reply may race the close.
    const removed = second.xmpp.iqCaller
      .request(xml('iq', { type: 'set', to: stack.domain }, xml('query', { xmlns: 'jabber:iq:register' }, xml('remove'))), 20_000)
      .then((r) => r.attrs.type as string, () => 'closed');
    t.not(await removed, 'error');
    await second.stop();
    t.false(await plainLoginSucceeds(stack, name, 'New-Password-34'), 'nobody logs in to the removed account');
    t.false(await accountExists(name), 'the account is gone');
  });
}
