import { z } from 'zod';
import { id, limit, offset } from '../../../schemas.ts';

export const createInviteBody = z.strictObject({
  maxUses: z.number().int().min(1).max(10_000).default(1),
  expiresInSeconds: z.number().int().min(60).max(366 * 86_400).nullable().default(7 * 86_400).meta({ description: 'null: never expires; default 7 days' }),
  note: z.string().max(200).nullable().optional(),
});

export const listInvitesQuery = z.strictObject({
  active: z.enum(['true', 'false']).transform((v) => v === 'true').optional(),
  limit: limit(500, 50),
  offset,
});

export const inviteParams = z.strictObject({ id });
