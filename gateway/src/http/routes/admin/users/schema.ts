import { z } from 'zod';
import { limit, newUsername, offset, password, passwordRule, usernameParam } from '../../../schemas.ts';

export const userParams = z.strictObject({ username: usernameParam });

export const listUsersQuery = z.strictObject({
  search: z.string().max(64).optional(),
  status: z.enum(['active', 'disabled']).optional(),
  role: z.enum(['admin']).optional(),
  limit: limit(500, 50),
  offset,
});

const quotaBytes = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER).nullable();

export const createUserBody = z
  .strictObject({
    username: newUsername({ allowReserved: true }),
    password,
    admin: z.boolean().default(false),
    quotaBytes: quotaBytes.optional(),
    adopt: z.boolean().default(false).meta({ description: 'take over an XMPP account that exists without a gateway record (its password is reset)' }),
  })
  .superRefine(passwordRule);

export const updateUserBody = z.strictObject({ quotaBytes });

export const passwordBody = z.strictObject({ password });
