import { z } from 'zod';
import { isoDate, limit, offset } from '../../../schemas.ts';

export const listAuditQuery = z.strictObject({
  actor: z.string().max(64).optional(),
  action: z.string().regex(/^[a-z_]+(\.[a-z_]+)?$/, 'an action such as user or user.disable').optional(),
  target: z.string().max(128).optional(),
  since: isoDate.optional(),
  until: isoDate.optional(),
  limit: limit(500, 100),
  offset,
});
