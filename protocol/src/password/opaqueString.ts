// One password preparation for the gateway, the web client and the CLI: the PRECIS
// OpaqueString profile (RFC 8265 §4.2), plus the condition that the XMPP server's own SASLprep
// (RFC 4013, which Prosody applies when a password is set and at every login) leaves the
// result unchanged. Then every client, whatever preparation it does, hashes the same bytes as
// the server. See docs/passwords.md.
import { freeformProblem, type FreeformProblemKind } from './freeformClass.ts';
import { saslprepChange, saslprepMap, unstableNormalization } from './saslprep.ts';

export type PasswordProblemCode =
  | 'empty'
  | FreeformProblemKind
  /** NFKC (SASLprep, RFC 4013 §2.2) would change it: full-width, ligatures, superscripts... */
  | 'compatibility'
  /** RFC 3454 §6: right-to-left letters mixed with left-to-right ones, or not at both ends. */
  | 'bidi'
  /** SASLprep prohibits it (RFC 4013 §2.3) though the FreeformClass allows it (e.g. U+FFFD). */
  | 'prohibited'
  /** Added to Unicode after 3.2 (SASLprep's version) and changed by normalization: two forms could reach the server. */
  | 'unstable';

export interface PasswordProblem {
  code: PasswordProblemCode;
  /** The offending code point, when one is to blame. */
  codePoint?: number;
  /** A sentence fragment for people ("must not ..."), in English. */
  reason: string;
}

export type PreparedPassword = { ok: true; password: string } | { ok: false; problem: PasswordProblem };

/** `U+00AD`. */
export function formatCodePoint(cp: number): string {
  return `U+${cp.toString(16).toUpperCase().padStart(4, '0')}`;
}

const NAMES: Record<number, string> = {
  0x00ad: 'soft hyphen',
  0x034f: 'combining grapheme joiner',
  0x1806: 'Mongolian todo soft hyphen',
  0x200b: 'zero width space',
  0x200c: 'zero width non-joiner',
  0x200d: 'zero width joiner, as in combined emoji',
  0x2060: 'word joiner',
  0xfe0e: 'text variation selector',
  0xfe0f: 'emoji variation selector',
  0xfeff: 'zero width no-break space',
};

function describe(cp: number): string {
  const name = NAMES[cp] ?? (cp >= 0xfe00 && cp <= 0xfe0f ? 'variation selector' : undefined);
  return name ? `${formatCodePoint(cp)}, ${name}` : formatCodePoint(cp);
}

function reasonFor(code: PasswordProblemCode, cp: number | undefined): string {
  const at = cp === undefined ? '' : ` (${describe(cp)})`;
  switch (code) {
    case 'empty':
      return 'must not be empty';
    case 'control':
      return `must not contain control characters such as tabs or line breaks${at}`;
    case 'invisible':
      return `must not contain invisible characters${at}: logins drop them, so the password would differ from what you typed`;
    case 'join-control':
      return `must not contain zero-width joiners or non-joiners${at}: logins drop them`;
    case 'unassigned':
      return `must not contain code points that Unicode does not assign${at}`;
    case 'private-use':
      return `must not contain private-use characters${at}`;
    case 'surrogate':
      return `must not contain unpaired surrogates${at}`;
    case 'noncharacter':
      return `must not contain Unicode noncharacters${at}`;
    case 'old-hangul-jamo':
      return `must not contain conjoining Hangul jamo${at}: use precomposed Hangul syllables`;
    case 'context':
      return `may contain ${cp === undefined ? 'this character' : formatCodePoint(cp)} only in its context (RFC 5892 Appendix A), e.g. a middle dot only between two l`;
    case 'disallowed':
      return `must not contain this kind of character${at}`;
    case 'compatibility':
      return `must not contain compatibility forms such as full-width letters, ligatures or superscripts${at}: logins turn them into their plain form; type the plain form instead`;
    case 'bidi':
      return 'must not mix right-to-left letters (Hebrew, Arabic...) with left-to-right letters, and a right-to-left password must begin and end with a right-to-left letter';
    case 'prohibited':
      return `must not contain this character${at}: XMPP servers refuse it in passwords (RFC 4013)`;
    case 'unstable':
      return `must not contain this character in this form${at}: it is newer than the Unicode version XMPP servers normalize passwords with (3.2), so it could reach the server in two forms`;
  }
}

const problem = (code: PasswordProblemCode, codePoint?: number): PreparedPassword => ({
  ok: false,
  problem: { code, ...(codePoint === undefined ? {} : { codePoint }), reason: reasonFor(code, codePoint) },
});

/**
 * RFC 8265 §4.2.2 enforcement: the input must consist of FreeformClass code points; then
 * non-ASCII spaces (Zs) become U+0020 (§4.2.1 additional mapping), then NFC (normalization
 * rule); no width mapping, case mapping or directionality rule; the result must not be empty.
 * Then the result must be one that SASLprep leaves unchanged.
 */
export function preparePassword(input: string): PreparedPassword {
  const before = freeformProblem(input);
  if (before) return problem(before.kind, before.codePoint);
  const mapped = input.replace(/(?! )\p{Zs}/gu, ' ');
  const prepared = mapped.normalize('NFC');
  if (prepared === '') return problem('empty');
  const after = freeformProblem(prepared);
  if (after) return problem(after.kind, after.codePoint);
  const unstable = unstableNormalization(mapped, prepared);
  if (unstable !== undefined) return problem('unstable', unstable);
  const change = saslprepChange(prepared);
  if (change) {
    switch (change.kind) {
      case 'mapped-to-nothing':
      case 'mapped-to-space':
        return problem('invisible', change.codePoint);
      case 'normalization':
        return problem('compatibility', change.codePoint);
      case 'prohibited':
        return problem('prohibited', change.codePoint);
      case 'bidi':
        return problem('bidi');
    }
  }
  return { ok: true, password: prepared };
}

/**
 * The password a client authenticates with: the prepared one, which for every password set
 * through Sealpost is what the server stored; for one that preparation refuses (an account
 * made elsewhere), what the server's SASLprep maps it to (RFC 4013 §2.1-2.2), so such
 * accounts still log in.
 */
export function passwordForLogin(typed: string): string {
  const prepared = preparePassword(typed);
  return prepared.ok ? prepared.password : saslprepMap(typed);
}
