// Closed registration, and the rate limits: per client address and overall, with
// X-Forwarded-For honoured only from a configured trusted proxy.
import test from 'ava';
import { apiClient, makeAdmin, startGatewayStack } from './helpers.ts';

test('closed: registration refused even with an invite, admins still create users', async (t) => {
  const stack = await startGatewayStack({ SEALPOST_REGISTRATION: 'closed' });
  try {
    const admin = apiClient(stack, (await makeAdmin(stack, 'closer')).token);
    const invite = await admin('POST', '/admin/invites', { body: {} });
    const res = await apiClient(stack)('POST', '/register', { body: { username: 'knock', password: 'knock-password-1', invite: invite.body.code } });
    t.is(res.status, 403);
    t.is(res.body.error.code, 'registration_closed');
    t.is(await stack.gateway.store.users.get('knock'), undefined);
    t.is((await stack.gateway.store.invites.get(invite.body.invite.id))?.uses, 0);
    t.is((await admin('POST', '/admin/users', { body: { username: 'knock', password: 'knock-password-1' } })).status, 201);
  } finally {
    await stack.stop();
  }
});

test('per-address limit: 429 with Retry-After; a forged X-Forwarded-For does not help', async (t) => {
  const stack = await startGatewayStack({ SEALPOST_REGISTRATION: 'open', SEALPOST_REGISTRATION_RATE_PER_ADDRESS: '2/hour' });
  try {
    const api = apiClient(stack);
    const reg = (n: number, xff?: string) => api('POST', '/register', { body: { username: `rl${n}`, password: `rate-limit-pw-${n}` }, headers: xff ? { 'x-forwarded-for': xff } : {} });
    t.is((await reg(1)).status, 201);
    t.is((await reg(2, '198.51.100.1')).status, 201);
    const limited = await reg(3, '198.51.100.2');
    t.is(limited.status, 429);
    t.is(limited.body.error.code, 'rate_limited');
    t.true(Number(limited.headers.get('retry-after')) > 3000);
    t.is(await stack.gateway.store.users.get('rl3'), undefined);
  } finally {
    await stack.stop();
  }
});

test('behind a trusted proxy each client has its own limit; the overall limit caps them all', async (t) => {
  const stack = await startGatewayStack({
    SEALPOST_REGISTRATION: 'open',
    SEALPOST_TRUSTED_PROXIES: '127.0.0.1, ::1',
    SEALPOST_REGISTRATION_RATE_PER_ADDRESS: '1/hour',
    SEALPOST_REGISTRATION_RATE_TOTAL: '3/hour',
  });
  try {
    const api = apiClient(stack);
    const reg = (n: number, client: string) => api('POST', '/register', { body: { username: `px${n}`, password: `proxied-pw-${n}00` }, headers: { 'x-forwarded-for': client } });
    t.is((await reg(1, '203.0.113.1')).status, 201);
    t.is((await reg(2, '203.0.113.1')).status, 429, 'same client again');
    t.is((await reg(3, '203.0.113.2')).status, 201);
    t.is((await reg(4, '6.6.6.6, 203.0.113.3')).status, 201, 'the rightmost untrusted hop is the client');
    const overall = await reg(5, '203.0.113.4');
    t.is(overall.status, 429, 'overall limit reached');
    const audit = await stack.gateway.store.audit.list({ target: 'px4', limit: 1, offset: 0 });
    t.is(audit.items[0]?.address, '203.0.113.3');
  } finally {
    await stack.stop();
  }
});
