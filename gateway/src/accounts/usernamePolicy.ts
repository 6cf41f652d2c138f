// Usernames are XMPP localparts (RFC 7622 §3.3), deliberately narrower than the RFC allows so
// a name reads the same everywhere (email-like, no look-alike scripts): after Unicode NFKC and
// lowercasing, 1-32 of a-z 0-9 . _ -, starting and ending with a letter or digit, no `..`.
// This refuses every character the RFC forbids (" & ' / : < > @, spaces, controls) as well as
// zero-width and other invisible characters.

export const USERNAME_MAX_LENGTH = 32;

/** Names people could mistake for the service itself (RFC 2142 mailboxes and our own parts). */
export const RESERVED_USERNAMES: ReadonlySet<string> = new Set([
  'abuse', 'admin', 'administrator', 'api', 'daemon', 'gateway', 'help', 'hostmaster', 'info',
  'mail', 'mailer-daemon', 'moderator', 'news', 'no-reply', 'nobody', 'noc', 'noreply', 'null',
  'operator', 'owner', 'postmaster', 'prosody', 'root', 'sealpost', 'security', 'server', 'service',
  'ssladmin', 'staff', 'support', 'sysadmin', 'system', 'undefined', 'upload', 'usenet', 'uucp',
  'webmaster', 'www', 'xmpp',
]);

export type UsernameCheck = { ok: true; username: string } | { ok: false; problem: string };

/** Normalises a requested username, or says what is wrong with it. */
export function checkUsername(raw: string, options: { allowReserved?: boolean } = {}): UsernameCheck {
  if (raw.length > 4 * USERNAME_MAX_LENGTH) return { ok: false, problem: `at most ${USERNAME_MAX_LENGTH} characters` };
  const name = raw.normalize('NFKC').toLowerCase();
  if (name.length === 0) return { ok: false, problem: 'required' };
  if (name.length > USERNAME_MAX_LENGTH) return { ok: false, problem: `at most ${USERNAME_MAX_LENGTH} characters` };
  if (/[\s@/:"&'<>]/u.test(name)) return { ok: false, problem: 'must not contain spaces or any of @ / : " & \' < >' };
  if (/[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/u.test(name)) return { ok: false, problem: 'must not contain control or invisible characters' };
  if (!/^[a-z0-9._-]+$/.test(name)) return { ok: false, problem: 'only letters a-z, digits and . _ - are allowed' };
  if (!/^[a-z0-9]/.test(name) || !/[a-z0-9]$/.test(name)) return { ok: false, problem: 'must start and end with a letter or digit' };
  if (name.includes('..')) return { ok: false, problem: 'must not contain two dots in a row' };
  if (!options.allowReserved && RESERVED_USERNAMES.has(name)) return { ok: false, problem: 'this name is reserved' };
  return { ok: true, username: name };
}
