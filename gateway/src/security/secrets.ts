// Bearer tokens and invite codes: 256 random bits (invites 128), shown once, stored only as a
// SHA-256 hash. A fast hash is right here: the secrets are random, not passwords.
import { createHash, randomBytes } from 'node:crypto';

export type SecretKind = 'api' | 'session' | 'cli' | 'invite';

const PREFIX: Record<SecretKind, string> = { api: 'spa_', session: 'sps_', cli: 'spc_', invite: '' };

/** A new random secret; tokens carry a prefix saying what they are (for secret scanners and people). */
export function newSecret(kind: SecretKind): string {
  return PREFIX[kind] + randomBytes(kind === 'invite' ? 16 : 32).toString('base64url');
}

export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret, 'utf8').digest('hex');
}
