// Password rules for registration, admin creation and resets. First the one preparation
// shared with the web client and the CLI (RFC 8265 OpaqueString, refusing what the XMPP
// server's SASLprep would change: protocol's `preparePassword`, docs/passwords.md); then, on
// the prepared password: at least 10 characters (NIST SP 800-63B §5.1.1.2 asks at least 8 and
// a blocklist), at most 1024, not the username, and not in the common-password list shipped
// beside this file. The prepared password is the one to send to Prosody.
import { readFileSync } from 'node:fs';
import { preparePassword } from '@sealpost/protocol';

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

export type PasswordCheck = { ok: true; password: string } | { ok: false; problem: string };

/** Prepares the password and applies the policy: the prepared password, or what is wrong with it. */
export function checkPassword(password: string, username?: string): PasswordCheck {
  const prepared = preparePassword(password);
  if (!prepared.ok) return { ok: false, problem: prepared.problem.reason };
  const problem = policyProblem(prepared.password, username);
  return problem ? { ok: false, problem } : { ok: true, password: prepared.password };
}

/** Returns what is wrong with the password, or undefined when it is acceptable. */
export function passwordProblem(password: string, username?: string): string | undefined {
  const check = checkPassword(password, username);
  return check.ok ? undefined : check.problem;
}

function policyProblem(password: string, username: string | undefined): string | undefined {
  const length = [...password].length;
  if (length < PASSWORD_MIN_LENGTH) return `at least ${PASSWORD_MIN_LENGTH} characters`;
  if (length > PASSWORD_MAX_LENGTH) return `at most ${PASSWORD_MAX_LENGTH} characters`;
  const lower = password.toLowerCase();
  if (username && lower.includes(username.toLowerCase()) && lower.length < username.length + 6) return 'too close to the username';
  if (commonPasswords().has(lower)) return 'too common: it appears in lists of leaked passwords';
  return undefined;
}
