import { z } from 'zod';
import { WKD_HASH } from '../../../directory/wkdHash.ts';

export const wkdParams = z.strictObject({
  hash: z.string().max(64).regex(WKD_HASH, 'a 32-character z-base-32 hash'),
  domain: z.string().max(253).optional(),
});

/** `l`: the local part as typed (draft-koch-openpgp-webkey-service §3.1), optional. */
export const wkdQuery = z.object({ l: z.string().min(1).max(64).optional() });
