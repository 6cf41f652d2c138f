import { z } from 'zod';
import { MAX_ADDRESS_LENGTH, normalizeAddress } from '../../../directory/address.ts';

/** A bare JID in a path: normalised to lowercase, or 400 naming the field. */
export const address = z
  .string()
  .max(MAX_ADDRESS_LENGTH)
  .transform((raw, ctx) => {
    const normalized = normalizeAddress(raw);
    if (normalized) return normalized;
    ctx.addIssue({ code: 'custom', message: 'a bare JID such as alice@example.org' });
    return z.NEVER;
  })
  .meta({ description: 'bare JID, e.g. alice@example.org', examples: ['alice@example.org'] });

/** XEP-0373 v4 fingerprint: 40 hex digits (normalised to uppercase). */
export const fingerprint = z
  .string()
  .regex(/^[0-9A-Fa-f]{40}$/, '40 hexadecimal digits')
  .transform((s) => s.toUpperCase())
  .meta({ description: 'OpenPGP v4 fingerprint, 40 hex digits', examples: ['1357B01865B2503C18453D208CAC2A9678548E35'] });

export const jidParams = z.strictObject({ jid: address });
export const fingerprintParams = z.strictObject({ fingerprint });
