// RFC 5802 §5 (SCRAM-SHA-1) and RFC 7677 §3 (SCRAM-SHA-256) example exchanges.
import test from 'ava';
import { ScramClient, deriveScramKeys, scramMechanism, type ScramClient as Client } from './scram.ts';

test('SCRAM-SHA-1: RFC 5802 test vector', async (t) => {
  const c = new ScramClient('SHA-1', { username: 'user', password: 'pencil' }, 'fyko+d2lbbFgONRv9qkxdawL');
  t.is(c.clientFirst(), 'n,,n=user,r=fyko+d2lbbFgONRv9qkxdawL');
  const final = await c.clientFinal('r=fyko+d2lbbFgONRv9qkxdawL3rfcNHYJY1ZVvWVs7j,s=QSXCR+Q6sek8bf92,i=4096');
  t.is(final, 'c=biws,r=fyko+d2lbbFgONRv9qkxdawL3rfcNHYJY1ZVvWVs7j,p=v0X8v3Bz2T0CJGbJQyF0X+HI4Ts=');
  t.notThrows(() => c.verifyServerFinal('v=rmF9pqV8S7suAoZWja4dJRkFsKQ='));
  t.throws(() => c.verifyServerFinal('v=AAAAAAAAAAAAAAAAAAAAAAAAAAA='), { message: /did not prove/ });
});

test('SCRAM-SHA-256: RFC 7677 test vector', async (t) => {
  const c = new ScramClient('SHA-256', { username: 'user', password: 'pencil' }, 'rOprNGfwEbeRWgbNEkqO');
  t.is(c.clientFirst(), 'n,,n=user,r=rOprNGfwEbeRWgbNEkqO');
  const final = await c.clientFinal(
    'r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,s=W22ZaJ0SNY7soEsUEjb6gQ==,i=4096',
  );
  t.is(final, 'c=biws,r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,p=dHzbZapWIk4jUhN+Ute9ytag9zjfMHgsqmmiz7AndVQ=');
  t.notThrows(() => c.verifyServerFinal('v=6rriTRBi23WpRR/wtup+mMhUZUn/dB5nLTJRsjl95G4='));
});

test('cached keys log in without the password while salt and iterations match', async (t) => {
  const keys = await deriveScramKeys('SHA-1', 'pencil', 'QSXCR+Q6sek8bf92', 4096);
  const c = new ScramClient('SHA-1', { username: 'user', keys }, 'fyko+d2lbbFgONRv9qkxdawL');
  c.clientFirst();
  const final = await c.clientFinal('r=fyko+d2lbbFgONRv9qkxdawL3rfcNHYJY1ZVvWVs7j,s=QSXCR+Q6sek8bf92,i=4096');
  t.true(final.endsWith('p=v0X8v3Bz2T0CJGbJQyF0X+HI4Ts='));
  const other = new ScramClient('SHA-1', { username: 'user', keys }, 'abc');
  other.clientFirst();
  await t.throwsAsync(other.clientFinal('r=abcdef,s=c2FsdA==,i=4096'), { message: /password needed/ });
});

test('refuses a server nonce that does not extend ours and weak iteration counts', async (t) => {
  const c = new ScramClient('SHA-1', { username: 'user', password: 'pencil' }, 'abc');
  c.clientFirst();
  await t.throwsAsync(c.clientFinal('r=xyz123,s=c2FsdA==,i=4096'), { message: /nonce/ });
  const d = new ScramClient('SHA-1', { username: 'user', password: 'pencil' }, 'abc');
  d.clientFirst();
  await t.throwsAsync(d.clientFinal('r=abc123,s=c2FsdA==,i=1'), { message: /iteration/ });
});

test('the SASL-factory mechanism speaks binary strings and escapes saslname', async (t) => {
  let client: Client | undefined;
  const Mech = scramMechanism('SHA-1', (c) => (client = c));
  t.is((Mech.prototype as { name: string }).name, 'SCRAM-SHA-1');
  const mech = new Mech() as { response(c: object): Promise<string>; challenge(d: string): Promise<unknown> };
  const first = await mech.response({ username: 'a,b=c', password: 'p' });
  t.regex(first, /^n,,n=a=2Cb=3Dc,r=/);
  t.truthy(client);
});

test('one PBKDF2 call is fast (login well under the stock ~1 s)', async (t) => {
  const t0 = performance.now();
  await deriveScramKeys('SHA-1', 'pencil', 'QSXCR+Q6sek8bf92', 10_000);
  t.true(performance.now() - t0 < 300);
});
