import { z } from 'zod';
import { id, usernameParam } from '../../../schemas.ts';

export const createTokenBody = z.strictObject({
  name: z.string().trim().min(1).max(100),
  expiresInDays: z.number().int().min(1).max(3650).nullable().default(null).meta({ description: 'null: never expires' }),
  owner: usernameParam.optional().meta({ description: 'the admin the token acts for (default: the caller; required for the CLI)' }),
});

export const listTokensQuery = z.strictObject({
  includeRevoked: z.enum(['true', 'false']).transform((v) => v === 'true').optional(),
});

export const tokenParams = z.strictObject({ id });
