// Password rules for registration and resets: at least 10 characters (NIST SP 800-63B §5.1.1.2
// asks at least 8 and a blocklist), at most 1024, no control characters (SASLprep, RFC 4013,
// would refuse them at login), not the username, and not in the common-password list shipped
// beside this file.
import { readFileSync } from 'node:fs';

export const PASSWORD_MIN_LENGTH = 10;
export const PASSWORD_MAX_LENGTH = 1024;

let common: Set<string> | undefined;

/** The shipped list (loaded once, on first use). */
export function commonPasswords(): Set<string> {
  common ??= new Set(
    readFileSync(new URL('./common-passwords.txt', import.meta.url), 'utf8')
      .split('\n')
      .filter((l) => l && !l.startsWith('#')),
  );
  return common;
}

/** Returns what is wrong with the password, or undefined when it is acceptable. */
export function passwordProblem(password: string, username?: string): string | undefined {
  const length = [...password].length;
  if (length < PASSWORD_MIN_LENGTH) return `at least ${PASSWORD_MIN_LENGTH} characters`;
  if (length > PASSWORD_MAX_LENGTH) return `at most ${PASSWORD_MAX_LENGTH} characters`;
  if (/\p{Cc}/u.test(password)) return 'must not contain control characters';
  const lower = password.toLowerCase();
  if (username && lower.includes(username.toLowerCase()) && lower.length < username.length + 6) return 'too close to the username';
  if (commonPasswords().has(lower)) return 'too common: it appears in lists of leaked passwords';
  return undefined;
}
