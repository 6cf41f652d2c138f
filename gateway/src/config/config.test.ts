import test from 'ava';
import { ConfigError, readConfig } from './config.ts';

test('defaults describe a local server on localhost', (t) => {
  const c = readConfig({});
  t.is(c.domain, 'localhost');
  t.true(c.dataDir.endsWith('/var'));
  t.is(c.http.port, 8080);
  t.is(c.http.publicUrl, 'http://localhost:8080');
  t.is(c.prosody.c2sPort, 5222);
  t.is(c.component.jid, 'gateway.localhost');
  t.is(c.mongodbUri, undefined);
});

test('variables override defaults; empty values count as unset', (t) => {
  const c = readConfig({ SEALPOST_DOMAIN: 'example.org', SEALPOST_HTTP_PORT: '9000', SEALPOST_C2S_PORT: '', SEALPOST_PUBLIC_URL: 'https://mail.example.org/' });
  t.is(c.domain, 'example.org');
  t.is(c.http.port, 9000);
  t.is(c.prosody.c2sPort, 5222);
  t.is(c.http.publicUrl, 'https://mail.example.org');
  t.is(c.component.jid, 'gateway.example.org');
});

test('every problem is listed at once', (t) => {
  const err = t.throws(
    () => readConfig({ SEALPOST_DOMAIN: 'Not A Domain', SEALPOST_HTTP_PORT: '70000', SEALPOST_LOG_LEVEL: 'loud', SEALPOST_MONGODB_URI: 'http://x' }, { requireSecret: true }),
    { instanceOf: ConfigError },
  );
  const fields = err.problems.map((p) => p.split(':')[0]);
  t.deepEqual(fields.sort(), ['SEALPOST_COMPONENT_SECRET', 'SEALPOST_DOMAIN', 'SEALPOST_HTTP_PORT', 'SEALPOST_LOG_LEVEL', 'SEALPOST_MONGODB_URI']);
});

test('variables of other programs are ignored', (t) => {
  t.notThrows(() => readConfig({ PATH: '/bin', HOME: '/root', SEALPOST_DOMAIN: 'localhost' }));
});

test('registration, rate and API defaults', (t) => {
  const c = readConfig({});
  t.deepEqual(c.registration, { mode: 'invite', ratePerAddress: { count: 5, windowMs: 3_600_000 }, rateTotal: { count: 60, windowMs: 3_600_000 } });
  t.deepEqual(c.api, { ratePerAddress: { count: 600, windowMs: 60_000 }, sessionTokenTtlSeconds: 900, corsOrigins: [] });
  t.deepEqual(c.http.trustedProxies, []);
});

test('rates parse in several spellings', (t) => {
  const rate = (v: string) => readConfig({ SEALPOST_REGISTRATION_RATE_PER_ADDRESS: v }).registration.ratePerAddress;
  t.deepEqual(rate('10/30s'), { count: 10, windowMs: 30_000 });
  t.deepEqual(rate('3/minutes'), { count: 3, windowMs: 60_000 });
  t.deepEqual(rate('100/day'), { count: 100, windowMs: 86_400_000 });
  t.deepEqual(rate('7/2h'), { count: 7, windowMs: 7_200_000 });
});

test('registration, rate, proxy and CORS problems are all listed', (t) => {
  const err = t.throws(
    () => readConfig({ SEALPOST_REGISTRATION: 'maybe', SEALPOST_REGISTRATION_RATE_TOTAL: '5/ms', SEALPOST_TRUSTED_PROXIES: '10.0.0.0/33', SEALPOST_CORS_ORIGINS: 'ftp://x', SEALPOST_ADMIN_SESSION_TTL: '5' }),
    { instanceOf: ConfigError },
  );
  t.is(err.problems.length, 5);
});

test('trusted proxies and CORS origins are lists; origins are normalised', (t) => {
  const c = readConfig({ SEALPOST_TRUSTED_PROXIES: '10.0.0.0/8, ::1 192.168.1.1', SEALPOST_CORS_ORIGINS: 'https://admin.example.org/' });
  t.deepEqual(c.http.trustedProxies, ['10.0.0.0/8', '::1', '192.168.1.1']);
  t.deepEqual(c.api.corsOrigins, ['https://admin.example.org']);
});
