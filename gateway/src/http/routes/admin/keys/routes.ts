// /api/admin/keys: the key directory for admins: list current keys, one address's full history
// (removed keys, refusals, its log verified), refresh an address from PEP, mark a key
// compromised, export and verify the whole change log.
import type { DirectoryContext } from '../../../../directory/context.ts';
import { isKnownAccount } from '../../../../directory/knownAccount.ts';
import { verifyAddressKeys } from '../../../../directory/keyRows.ts';
import { signerMap } from '../../../../directory/logChain.ts';
import { LOG_FORMAT } from '../../../../directory/logEntry.ts';
import { markCompromised } from '../../../../directory/markCompromised.ts';
import { syncAddress } from '../../../../directory/syncAddress.ts';
import { verifyDirectoryLog } from '../../../../directory/verifyLog.ts';
import { AppError } from '../../../../errors.ts';
import { actorOf } from '../../../presenters.ts';
import type { Api } from '../../../routeKit.ts';
import { presentEntry, presentHead, presentKey, presentKeyAdmin, presentRefusal, presentSigner } from '../../keys/present.ts';
import { compromisedBody, exportLogQuery, jidParams, keyParams, listKeysQuery } from './schema.ts';

export function adminKeyRoutes(api: Api, directory: DirectoryContext): void {
  const keys = directory.store.keys;
  const tag = 'keys';

  api.route({
    method: 'get', path: '/admin/keys', tag, auth: 'admin', query: listKeysQuery,
    summary: 'List current keys (search by address substring, filter compromised)',
    success: { status: 200, description: '{ keys, total, limit, offset }' },
    async handler(_ctx, { query }) {
      const page = await keys.list(query);
      return { keys: page.items.map(presentKeyAdmin), total: page.total, limit: query.limit, offset: query.offset };
    },
  });

  api.route({
    method: 'get', path: '/admin/keys/log', tag, auth: 'admin', query: exportLogQuery,
    summary: 'Export the change log in seq order, a page at a time (`next` is the `after` of the next page)',
    success: { status: 200, description: '{ format, entries, next, head, signingKeys }' },
    async handler(_ctx, { query }) {
      const entries = await keys.logRange({ afterSeq: query.after, limit: query.limit });
      const head = await keys.head();
      const last = entries.at(-1);
      return {
        format: LOG_FORMAT,
        entries: entries.map(presentEntry),
        next: last && head && last.seq < head.seq ? last.seq : null,
        head: presentHead(head, 'directory'),
        signingKeys: (await keys.signers()).map(presentSigner),
      };
    },
  });

  api.route({
    method: 'get', path: '/admin/keys/log/verify', tag, auth: 'admin',
    summary: 'Verify the whole change log (hashes, signatures, both chains) and that every current key row holds the bytes its log entry recorded',
    success: { status: 200, description: '{ ok, entries, head } or { ok: false, seq, problem }' },
    async handler() {
      return verifyDirectoryLog(directory);
    },
  });

  api.route({
    method: 'get', path: '/admin/keys/:jid', tag, auth: 'admin', params: jidParams,
    summary: "An address's key history: every key it had, refusals, and its change log verified (with the key rows against it)",
    success: { status: 200, description: '{ address, keys, refusals, log, verification, checkedAt }' },
    async handler(_ctx, { params }) {
      const [history, refusals, log, signers, checkedAt] = await Promise.all([
        keys.history(params.jid),
        keys.refusals(params.jid),
        keys.log(params.jid),
        keys.signers(),
        keys.checkedAt(params.jid),
      ]);
      return {
        address: params.jid,
        keys: history.map(presentKeyAdmin),
        refusals: refusals.map(presentRefusal),
        log: log.map(presentEntry),
        verification: verifyAddressKeys(log, history, signerMap(signers)),
        checkedAt: checkedAt?.toISOString() ?? null,
      };
    },
  });

  api.route({
    method: 'post', path: '/admin/keys/:jid/refresh', tag, auth: 'admin', params: jidParams,
    summary: "Read an address's PEP nodes now and apply what changed",
    success: { status: 200, description: '{ address, keys, refused, changes }' }, errors: ['not_found', 'unavailable'],
    async handler(_ctx, { params }) {
      if (!params.jid.endsWith(`@${directory.domain}`)) throw new AppError('bad_request', 'only addresses of this server are in the directory', { field: 'jid' });
      if (!(await isKnownAccount(directory, params.jid))) throw new AppError('not_found', 'no account of this server has this address');
      const result = await syncAddress(directory, params.jid, 'admin');
      return { address: result.address, keys: result.keys.map(presentKey), refused: result.refused, changes: result.changes.map(presentEntry) };
    },
  });

  api.route({
    method: 'post', path: '/admin/keys/:jid/:fingerprint/compromised', tag, auth: 'admin', params: keyParams, body: compromisedBody,
    summary: 'Mark a key compromised: lookups flag it, the Web Key Directory stops serving it',
    success: { status: 200, description: 'the key' }, errors: ['not_found'],
    async handler(ctx, { params, body }) {
      const key = await markCompromised(directory, params.jid, params.fingerprint, body.reason, actorOf(ctx));
      return { key: presentKeyAdmin(key) };
    },
  });
}
