import test from 'ava';
import { parseXml, publicKeyBytes } from '@sealpost/protocol';
import { fixtureUser } from '../../../tests/fixtures/keys/index.ts';
import { AppError } from '../errors.ts';
import { createRateLimiter } from '../security/rateLimiter.ts';
import type { GatewayComponent, IqHandler } from '../xmpp/component.ts';
import { registerDirectoryService } from './directoryService.ts';
import { buildLookup, buildPublishedNotice, parseKeys } from '@sealpost/protocol';
import { testDirectory } from './testPep.ts';

async function service(limit = 100) {
  const d = await testDirectory();
  const handlers = new Map<string, IqHandler>();
  const component = { handle: (type: string, _ns: string, name: string, h: IqHandler) => handlers.set(`${type} ${name}`, h) } as unknown as GatewayComponent;
  registerDirectoryService(component, d.ctx, { noticeLimiter: createRateLimiter({ count: limit, windowMs: 60_000 }), lookupLimiter: createRateLimiter({ count: limit, windowMs: 60_000 }) });
  const call = async (key: string, from: string, element: ReturnType<typeof buildLookup>) => {
    const child = parseXml(element.toString());
    const reply = await handlers.get(key)!({ from, element: child, stanza: child });
    return parseXml(reply!.toString());
  };
  return { d, call };
}

test('notices are taken from local accounts only, from the stamped sender', async (t) => {
  const { d, call } = await service();
  t.teardown(d.close);
  const alice = await fixtureUser('alice');
  d.pep.publish('alice@localhost', [{ fingerprint: alice.fingerprint, data: publicKeyBytes(alice.publicKey) }]);
  const keys = parseKeys(await call('set published', 'Alice@localhost/phone', buildPublishedNotice()));
  t.is(keys.jid, 'alice@localhost');
  t.deepEqual(keys.keys.map((k) => k.fingerprint), [alice.fingerprint]);
  for (const from of ['eve@evil.example/x', 'localhost', 'gateway.localhost']) {
    await t.throwsAsync(call('set published', from, buildPublishedNotice()), { instanceOf: AppError, message: /local accounts/ }, from);
  }
});

test('lookups answer keys with their data; misses and bad queries are errors; senders are rate-limited', async (t) => {
  const { d, call } = await service(3);
  t.teardown(d.close);
  const alice = await fixtureUser('alice');
  d.pep.publish('alice@localhost', [{ fingerprint: alice.fingerprint, data: publicKeyBytes(alice.publicKey) }]);
  const found = parseKeys(await call('get lookup', 'bob@example.org/x', buildLookup({ jid: 'alice@localhost' })));
  t.deepEqual(found.keys[0]!.data, publicKeyBytes(alice.publicKey));
  await t.throwsAsync(call('get lookup', 'bob@example.org/x', buildLookup({ jid: 'nobody@localhost' })), { message: /no keys/ });
  await t.throwsAsync(call('get lookup', 'bob@example.org/x', buildLookup({ jid: '../etc' })), { message: /not an address/ });
  await t.throwsAsync(call('get lookup', 'bob@example.org/y', buildLookup({ jid: 'alice@localhost' })), { message: /too many/ });
});
