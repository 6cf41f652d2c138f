import { z } from 'zod';
import { newUsername, password, passwordRule } from '../../schemas.ts';

export const registerBody = z
  .strictObject({
    username: newUsername(),
    password,
    invite: z.string().min(1).max(200).optional().meta({ description: 'the invite code (from the link ...?invite=CODE)' }),
  })
  .superRefine(passwordRule);
