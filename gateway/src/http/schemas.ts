// Zod fields shared by the route schemas (each route's own schema.ts composes them).
import { preparePassword } from '@sealpost/protocol';
import { z } from 'zod';
import { checkUsername } from '../accounts/usernamePolicy.ts';
import { PASSWORD_MAX_LENGTH, passwordProblem } from '../accounts/passwordPolicy.ts';

/** A username to create: normalised (lowercase) or refused with `invalid_username`. */
export const newUsername = (options: { allowReserved?: boolean } = {}) =>
  z
    .string()
    .max(1024)
    .transform((raw, ctx) => {
      const check = checkUsername(raw, options);
      if (check.ok) return check.username;
      ctx.addIssue({ code: 'custom', message: check.problem, params: { code: 'invalid_username' } });
      return z.NEVER;
    })
    .meta({ description: 'XMPP localpart: 1-32 of a-z 0-9 . _ - (normalised to lowercase)', examples: ['alice'] });

/** An existing username in a path: normalised the same way, never reserved-checked. */
export const usernameParam = newUsername({ allowReserved: true });

/**
 * A new password, prepared (RFC 8265 OpaqueString, docs/passwords.md): the prepared form is
 * what the handler gets and sends to Prosody. The enclosing object checks the rest (`passwordRule`).
 */
export const password = z
  .string()
  .max(PASSWORD_MAX_LENGTH * 4)
  .transform((raw, ctx) => {
    const prepared = preparePassword(raw);
    if (prepared.ok) return prepared.password;
    ctx.addIssue({ code: 'custom', message: prepared.problem.reason, params: { code: 'weak_password' } });
    return z.NEVER;
  })
  .meta({ description: 'at least 10 characters, not a common password; prepared as RFC 8265 OpaqueString and refused when SASLprep would change it' });

/** Object-level check of `password` (and `username` when present). */
export function passwordRule(value: { password: string; username?: string }, ctx: z.RefinementCtx): void {
  const problem = passwordProblem(value.password, value.username);
  if (problem) ctx.addIssue({ code: 'custom', path: ['password'], message: problem, params: { code: 'weak_password' } });
}

export const limit = (max: number, fallback: number) => z.coerce.number().int().min(1).max(max).default(fallback);
export const offset = z.coerce.number().int().min(0).max(1_000_000).default(0);
export const id = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'an id');
export const isoDate = z.iso.datetime({ offset: true }).transform((s) => new Date(s));
