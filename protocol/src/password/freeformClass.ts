// The PRECIS FreeformClass (RFC 8264 §4.3), the base of the OpaqueString profile for
// passwords (RFC 8265 §4.2): each code point gets its derived property by the algorithm of
// RFC 8264 §8, using the categories of §9 and the exceptions and contextual rules of RFC 5892
// (§2.6, Appendix A). Join controls (CONTEXTJ) are refused outright: SASLprep maps them to
// nothing (RFC 3454 table B.1), so no password may contain them anyway.
// Unicode properties come from the JavaScript engine (its Unicode version).

/** Why a code point is not allowed, or that its context rule failed. */
export type FreeformProblemKind =
  | 'control'
  | 'invisible'
  | 'join-control'
  | 'unassigned'
  | 'private-use'
  | 'surrogate'
  | 'noncharacter'
  | 'old-hangul-jamo'
  | 'context'
  | 'disallowed';

export interface FreeformProblem {
  kind: FreeformProblemKind;
  codePoint: number;
}

type Property = 'PVALID' | 'FREE_PVAL' | 'CONTEXTO' | FreeformProblemKind;

const matches = (re: RegExp) => (ch: string) => re.test(ch);
const isUnassigned = matches(/^\p{Cn}$/u);
const isNoncharacter = matches(/^\p{Noncharacter_Code_Point}$/u);
const isJoinControl = matches(/^\p{Join_Control}$/u);
const isIgnorable = matches(/^\p{Default_Ignorable_Code_Point}$/u);
const isControl = matches(/^\p{Cc}$/u);
const isLetterDigit = matches(/^[\p{Ll}\p{Lu}\p{Lo}\p{Nd}\p{Lm}\p{Mn}\p{Mc}]$/u); // §9.1
const isOtherLetterDigit = matches(/^[\p{Lt}\p{Nl}\p{No}\p{Me}]$/u); // §9.2
const isSpace = matches(/^\p{Zs}$/u); // §9.14
const isSymbol = matches(/^[\p{Sm}\p{Sc}\p{Sk}\p{So}]$/u); // §9.15
const isPunctuation = matches(/^\p{P}$/u); // §9.16
const isPrivateUse = matches(/^\p{Co}$/u);
const isSurrogate = matches(/^\p{Cs}$/u);

/** RFC 8264 §9.17 HasCompat: a compatibility decomposition (NFKD differs from NFD). */
const hasCompat = (ch: string) => ch.normalize('NFKD') !== ch.normalize('NFD');

/** RFC 8264 §9.9 OldHangulJamo: Hangul_Syllable_Type L, V or T. */
function isOldHangulJamo(cp: number): boolean {
  return (cp >= 0x1100 && cp <= 0x11ff) || (cp >= 0xa960 && cp <= 0xa97c) || (cp >= 0xd7b0 && cp <= 0xd7c6) || (cp >= 0xd7cb && cp <= 0xd7fb);
}

/** RFC 5892 §2.6 exceptions (RFC 8264 §9.6). */
function exception(cp: number): Property | undefined {
  if ([0x00df, 0x03c2, 0x06fd, 0x06fe, 0x0f0b, 0x3007].includes(cp)) return 'PVALID';
  if ([0x00b7, 0x0375, 0x05f3, 0x05f4, 0x30fb].includes(cp) || (cp >= 0x0660 && cp <= 0x0669) || (cp >= 0x06f0 && cp <= 0x06f9)) return 'CONTEXTO';
  if ([0x0640, 0x07fa, 0x302e, 0x302f, 0x303b].includes(cp) || (cp >= 0x3031 && cp <= 0x3035)) return 'disallowed';
  return undefined;
}

/** RFC 8264 §8: the FreeformClass property of one code point, in the order the RFC gives. */
function property(cp: number): Property {
  const ch = String.fromCodePoint(cp);
  const ex = exception(cp);
  if (ex) return ex;
  if (isNoncharacter(ch)) return 'noncharacter'; // §9.8 PrecisIgnorableProperties (before Unassigned, which excludes them)
  if (isUnassigned(ch)) return 'unassigned';
  if (cp >= 0x21 && cp <= 0x7e) return 'PVALID';
  if (isJoinControl(ch)) return 'join-control';
  if (isOldHangulJamo(cp)) return 'old-hangul-jamo';
  if (isIgnorable(ch)) return 'invisible';
  if (isControl(ch)) return 'control';
  if (hasCompat(ch)) return 'FREE_PVAL';
  if (isLetterDigit(ch)) return 'PVALID';
  if (isOtherLetterDigit(ch) || isSpace(ch) || isSymbol(ch) || isPunctuation(ch)) return 'FREE_PVAL';
  if (isPrivateUse(ch)) return 'private-use';
  if (isSurrogate(ch)) return 'surrogate';
  return 'disallowed';
}

const scriptOf = (re: RegExp) => (cp: number | undefined) => cp !== undefined && re.test(String.fromCodePoint(cp));
const isGreek = scriptOf(/^\p{Script=Greek}$/u);
const isHebrew = scriptOf(/^\p{Script=Hebrew}$/u);
const isKanaOrHan = scriptOf(/^[\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Han}]$/u);

/** RFC 5892 Appendix A.3-A.9: the CONTEXTO rules. */
function contextHolds(cps: number[], i: number): boolean {
  const cp = cps[i]!;
  const before = cps[i - 1];
  const after = cps[i + 1];
  if (cp === 0x00b7) return before === 0x6c && after === 0x6c; // A.3 MIDDLE DOT between two 'l'
  if (cp === 0x0375) return isGreek(after); // A.4 GREEK LOWER NUMERAL SIGN
  if (cp === 0x05f3 || cp === 0x05f4) return isHebrew(before); // A.5, A.6 HEBREW GERESH, GERSHAYIM
  if (cp === 0x30fb) return cps.some(isKanaOrHan); // A.7 KATAKANA MIDDLE DOT
  if (cp >= 0x0660 && cp <= 0x0669) return !cps.some((c) => c >= 0x06f0 && c <= 0x06f9); // A.8
  if (cp >= 0x06f0 && cp <= 0x06f9) return !cps.some((c) => c >= 0x0660 && c <= 0x0669); // A.9
  return false;
}

/** The first code point of `input` that the FreeformClass does not allow, or undefined. */
export function freeformProblem(input: string): FreeformProblem | undefined {
  const cps = Array.from(input, (ch) => ch.codePointAt(0)!);
  for (let i = 0; i < cps.length; i++) {
    const p = property(cps[i]!);
    if (p === 'PVALID' || p === 'FREE_PVAL') continue;
    if (p === 'CONTEXTO') {
      if (contextHolds(cps, i)) continue;
      return { kind: 'context', codePoint: cps[i]! };
    }
    return { kind: p, codePoint: cps[i]! };
  }
  return undefined;
}
