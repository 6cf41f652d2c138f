// /api/keys: the public key directory. No login; any origin may read; rate-limited per client
// address; misses answered in the same shape and after the same floor (guard.ts).
import type { Middleware } from 'koa';
import type { DirectoryContext } from '../../../directory/context.ts';
import { LOG_FORMAT } from '../../../directory/logEntry.ts';
import { lookupAddress, lookupFingerprint } from '../../../directory/lookupKeys.ts';
import { AppError } from '../../../errors.ts';
import type { Api } from '../../routeKit.ts';
import { presentEntry, presentHead, presentKey, presentSigner } from './present.ts';
import { fingerprintParams, jidParams } from './schema.ts';

export function keyRoutes(api: Api, deps: { directory: DirectoryContext; guard: Middleware }): void {
  const { directory, guard } = deps;
  const tag = 'keys';
  const signingKeys = async () => (await directory.store.keys.signers()).map(presentSigner);

  api.route({
    method: 'get', path: '/keys/head', tag, auth: 'none', rateLimit: guard,
    summary: "The head of the whole directory's change log and the gateway's signing keys",
    success: { status: 200, description: '{ format, head, signingKeys }' },
    async handler() {
      return { format: LOG_FORMAT, head: presentHead(await directory.store.keys.head(), 'directory'), signingKeys: await signingKeys() };
    },
  });

  api.route({
    method: 'get', path: '/keys/by-fingerprint/:fingerprint', tag, auth: 'none', rateLimit: guard, params: fingerprintParams,
    summary: 'The addresses a key (by v4 fingerprint) is bound to, with the key',
    success: { status: 200, description: '{ fingerprint, keys }' }, errors: ['not_found'],
    async handler(_ctx, { params }) {
      const keys = await lookupFingerprint(directory, params.fingerprint);
      if (keys.length === 0) throw new AppError('not_found', 'no key with this fingerprint');
      return { fingerprint: params.fingerprint, keys: keys.map(presentKey) };
    },
  });

  api.route({
    method: 'get', path: '/keys/:jid/log', tag, auth: 'none', rateLimit: guard, params: jidParams,
    summary: "An address's change log: hash-chained entries signed by the gateway",
    success: { status: 200, description: '{ format, address, entries, head, signingKeys }' }, errors: ['not_found'],
    async handler(_ctx, { params }) {
      const entries = await directory.store.keys.log(params.jid);
      if (entries.length === 0) throw new AppError('not_found', 'no keys for this address');
      return { format: LOG_FORMAT, address: params.jid, entries: entries.map(presentEntry), head: presentHead(entries.at(-1), 'address'), signingKeys: await signingKeys() };
    },
  });

  api.route({
    method: 'get', path: '/keys/:jid', tag, auth: 'none', rateLimit: guard, params: jidParams,
    summary: "An address's current OpenPGP keys (XEP-0373), verified from its own PEP nodes",
    success: { status: 200, description: '{ address, keys, head, checkedAt }' }, errors: ['not_found'],
    async handler(_ctx, { params }) {
      const found = await lookupAddress(directory, params.jid);
      if (found.keys.length === 0) throw new AppError('not_found', 'no keys for this address');
      return {
        address: found.address,
        keys: found.keys.map(presentKey),
        head: presentHead(found.head, 'address'),
        checkedAt: found.checkedAt?.toISOString() ?? null,
      };
    },
  });
}
