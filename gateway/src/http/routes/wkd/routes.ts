// The Web Key Directory (draft-koch-openpgp-webkey-service §3.1), served from the key
// directory: the direct method `/.well-known/openpgpkey/hu/HASH?l=LOCAL` and the advanced
// method `/.well-known/openpgpkey/DOMAIN/hu/HASH` (for deployments that point
// `openpgpkey.DOMAIN` here), plus the `policy` files. Answers the binary keys of our domain's
// accounts that carry the mail address and are not marked compromised, concatenated.
import type Router from '@koa/router';
import type { Context, Middleware } from 'koa';
import { addressOfLocalPart } from '../../../directory/address.ts';
import type { DirectoryContext } from '../../../directory/context.ts';
import { lookupWkd } from '../../../directory/lookupKeys.ts';
import { AppError } from '../../../errors.ts';
import { wkdParams, wkdQuery } from './schema.ts';

const PREFIX = '/.well-known/openpgpkey';
const POLICY = '# Sealpost Web Key Directory: keys are published over XMPP (XEP-0373), not by mail.\n';

export function wkdRoutes(router: Router, deps: { directory: DirectoryContext; guard: Middleware }): void {
  const { directory, guard } = deps;

  const policy = async (ctx: Context) => {
    if (ctx.params['domain'] !== undefined) ourDomain(directory, ctx.params['domain']);
    ctx.type = 'text/plain; charset=utf-8';
    ctx.set('Cache-Control', 'max-age=3600');
    ctx.body = POLICY;
  };

  const keys = async (ctx: Context) => {
    const params = wkdParams.safeParse(ctx.params);
    const query = wkdQuery.safeParse(ctx.query);
    if (!params.success) throw new AppError('bad_request', 'not a Web Key Directory hash', { field: 'hash' });
    if (!query.success) throw new AppError('bad_request', 'l: a local part of at most 64 characters', { field: 'l' });
    // `l` is only a local part: with `@` or `/` it would name another domain or a full JID.
    if (query.data.l !== undefined && addressOfLocalPart(query.data.l, directory.domain) === undefined) {
      throw new AppError('bad_request', 'l: not a local part of an address of this server', { field: 'l' });
    }
    if (params.data.domain !== undefined) ourDomain(directory, params.data.domain);
    const records = await lookupWkd(directory, params.data.hash, query.data.l);
    if (records.length === 0) throw new AppError('not_found', 'no key for this address');
    ctx.type = 'application/octet-stream';
    ctx.set('Cache-Control', 'no-cache');
    ctx.body = Buffer.concat(records.map((r) => r.keyData));
  };

  router.get(`${PREFIX}/policy`, guard, policy);
  router.get(`${PREFIX}/hu/:hash`, guard, keys);
  router.get(`${PREFIX}/:domain/policy`, guard, policy);
  router.get(`${PREFIX}/:domain/hu/:hash`, guard, keys);
  // Anything else under the prefix is a miss in the same shape, never the web client's page.
  router.all(new RegExp(`^${PREFIX.replace(/\./g, '\\.')}(/.*)?$`), guard, () => {
    throw new AppError('not_found', 'no such Web Key Directory resource');
  });
}

function ourDomain(directory: DirectoryContext, domain: string): void {
  if (domain.toLowerCase() !== directory.domain) throw new AppError('not_found', 'not a domain served here');
}
