import { z } from 'zod';
import { limit, offset } from '../../../schemas.ts';
import { address, fingerprint } from '../../keys/schema.ts';

export const listKeysQuery = z.strictObject({
  search: z.string().max(320).optional(),
  compromised: z.enum(['true', 'false']).transform((v) => v === 'true').optional(),
  limit: limit(500, 100),
  offset,
});

export const jidParams = z.strictObject({ jid: address });
export const keyParams = z.strictObject({ jid: address, fingerprint });

export const compromisedBody = z.strictObject({
  reason: z
    .string()
    .trim()
    .min(1)
    .max(200)
    .regex(/^[^\p{Cc}]*$/u, 'no control characters')
    .meta({ description: 'why, shown to everyone who looks the key up', examples: ['device stolen'] }),
});

export const exportLogQuery = z.strictObject({
  after: z.coerce.number().int().min(0).max(Number.MAX_SAFE_INTEGER).default(0).meta({ description: 'entries after this seq' }),
  limit: limit(5000, 1000),
});
