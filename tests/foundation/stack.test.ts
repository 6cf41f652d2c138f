// Foundation: a real Prosody and the real gateway; the component connects, health reports
// the truth, and accounts made through the component (XEP-0133) work over every transport.
import test from 'ava';
import { xml } from '@xmpp/client';
import { startStack, type TestStack } from '../harness/stack.ts';

let stack: TestStack;
test.before(async () => {
  stack = await startStack();
});
test.after.always(async () => {
  await stack?.stop();
});

test('the component connects and answers disco#info and ping over XMPP', async (t) => {
  t.true(stack.gateway.component.isOnline());
  await stack.createUser('disco', 'disco-password-1');
  const c = await stack.xmppClient('disco', 'disco-password-1');
  try {
    const info = await c.xmpp.iqCaller.request(xml('iq', { type: 'get', to: `gateway.${stack.domain}` }, xml('query', { xmlns: 'http://jabber.org/protocol/disco#info' })));
    const identity = info.getChild('query')?.getChild('identity');
    t.is(identity?.attrs.category, 'component');
    t.is(identity?.attrs.name, 'Sealpost gateway');
    const pong = await c.xmpp.iqCaller.request(xml('iq', { type: 'get', to: `gateway.${stack.domain}` }, xml('ping', { xmlns: 'urn:xmpp:ping' })));
    t.is(pong.attrs.type, 'result');
  } finally {
    await c.stop();
  }
});

test('health is green with Prosody, component and store up', async (t) => {
  const res = await fetch(`${stack.gatewayUrl}/api/health`);
  t.is(res.status, 200);
  const body = (await res.json()) as { status: string; checks: Record<string, string>; store: string };
  t.is(body.status, 'up');
  t.deepEqual(body.checks, { prosody: 'up', component: 'up', store: 'up' });
  t.is(body.store, 'sqlite');
});

test('a user created through the component logs in over STARTTLS', async (t) => {
  await stack.createUser('alice', 'alice-password-1');
  const c = await stack.xmppClient('alice', 'alice-password-1');
  t.regex(c.jid, /^alice@localhost\//);
  t.true(c.xmpp.status === 'online');
  await c.stop();
});

test('a user logs in over direct TLS (XEP-0368 port)', async (t) => {
  await stack.createUser('tlsuser', 'tlsuser-password-1');
  const c = await stack.xmppClient('tlsuser', 'tlsuser-password-1', { service: `xmpps://127.0.0.1:${stack.c2sDirectTlsPort}` });
  t.regex(c.jid, /^tlsuser@localhost\//);
  await c.stop();
});

test('a user logs in over WebSocket through the gateway (same origin as the web client)', async (t) => {
  await stack.createUser('wsuser', 'wsuser-password-1');
  const wsUrl = stack.gatewayUrl.replace(/^http/, 'ws') + '/xmpp-websocket';
  const c = await stack.xmppClient('wsuser', 'wsuser-password-1', { service: wsUrl });
  t.regex(c.jid, /^wsuser@localhost\//);
  await c.stop();
});

test('creating an existing account is refused as a conflict', async (t) => {
  await stack.createUser('dupe', 'dupe-password-1');
  await t.throwsAsync(stack.createUser('dupe', 'other-password-2'), { message: /already exists/ });
  // The first password still works: nothing was changed.
  const c = await stack.xmppClient('dupe', 'dupe-password-1');
  await c.stop();
  t.pass();
});

test('a wrong password is refused', async (t) => {
  await stack.createUser('bob0', 'bob0-password-1');
  await t.throwsAsync(stack.xmppClient('bob0', 'not-the-password'), { message: /not-authorized/ });
});

test('two users exchange messages both ways (STARTTLS and WebSocket)', async (t) => {
  await stack.createUser('carol', 'carol-password-1');
  await stack.createUser('dave', 'dave-password-1');
  const carol = await stack.xmppClient('carol', 'carol-password-1');
  const dave = await stack.xmppClient('dave', 'dave-password-1', { service: stack.gatewayUrl.replace(/^http/, 'ws') + '/xmpp-websocket' });
  try {
    await carol.xmpp.send(xml('message', { to: 'dave@localhost', type: 'chat', id: 'm1' }, xml('body', {}, 'hello dave')));
    const got = await dave.next((s) => s.name === 'message' && s.attrs.id === 'm1');
    t.is(got.getChildText('body'), 'hello dave');
    t.regex(got.attrs.from ?? '', /^carol@localhost\//);
    await dave.xmpp.send(xml('message', { to: 'carol@localhost', type: 'chat', id: 'm2' }, xml('body', {}, 'hi carol ✓')));
    const back = await carol.next((s) => s.name === 'message' && s.attrs.id === 'm2');
    t.is(back.getChildText('body'), 'hi carol ✓');
  } finally {
    await Promise.all([carol.stop(), dave.stop()]);
  }
});
