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
