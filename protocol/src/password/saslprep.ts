// What SASLprep (RFC 4013, the stringprep profile every XMPP server applies to passwords, RFC
// 6120 §6.3.8) would do to a string. A password is only safe to store when SASLprep leaves it
// unchanged: then a client that prepares it (RFC 8265), one that applies SASLprep and one that
// sends it as typed all make the server hash the same bytes (RFC 5802 §2.2: SCRAM's Hi() runs
// over the SASLprep'd password, on the server when it is set and on each client at login).
import { inRanges, L_CAT, L_SINCE_3_2, MAPPED_TO_NOTHING, NON_ASCII_SPACE, PROHIBITED, RAND_AL_CAT, UNASSIGNED_3_2 } from './saslprepTables.ts';

export type SaslprepChange =
  /** RFC 4013 §2.1: mapped to nothing (table B.1): soft hyphen, variation selectors... */
  | { kind: 'mapped-to-nothing'; codePoint: number }
  /** RFC 4013 §2.1: a non-ASCII space (table C.1.2) becomes U+0020. */
  | { kind: 'mapped-to-space'; codePoint: number }
  /** RFC 4013 §2.2: Unicode normalization form KC changes the string. */
  | { kind: 'normalization'; codePoint?: number }
  /** RFC 4013 §2.3: a prohibited code point (tables C.2.1-C.9): SASLprep fails. */
  | { kind: 'prohibited'; codePoint: number }
  /** RFC 4013 §2.4, RFC 3454 §6: right-to-left letters mixed with left-to-right ones, or not at both ends. */
  | { kind: 'bidi' };

const codePoints = (s: string): number[] => Array.from(s, (ch) => ch.codePointAt(0)!);

/**
 * RFC 4013 §2.1-2.2 mapping and normalization (no prohibition or bidi check): the string a
 * server derives from what a client sends, for input that passes SASLprep.
 */
export function saslprepMap(input: string): string {
  let out = '';
  for (const ch of input) {
    const cp = ch.codePointAt(0)!;
    // U+200B is in both tables; Prosody's SASLprep (ICU) maps it to a space.
    if (inRanges(cp, NON_ASCII_SPACE)) out += ' ';
    else if (!inRanges(cp, MAPPED_TO_NOTHING)) out += ch;
  }
  return out.normalize('NFKC');
}

/** The first way SASLprep would change or refuse `input`, or undefined when it leaves it as is. */
export function saslprepChange(input: string): SaslprepChange | undefined {
  const cps = codePoints(input);
  for (const cp of cps) {
    if (inRanges(cp, NON_ASCII_SPACE)) return { kind: 'mapped-to-space', codePoint: cp };
    if (inRanges(cp, MAPPED_TO_NOTHING)) return { kind: 'mapped-to-nothing', codePoint: cp };
  }
  if (input.normalize('NFKC') !== input) {
    const changed = cps.find((cp) => String.fromCodePoint(cp).normalize('NFKC') !== String.fromCodePoint(cp));
    return changed === undefined ? { kind: 'normalization' } : { kind: 'normalization', codePoint: changed };
  }
  for (const cp of cps) if (inRanges(cp, PROHIBITED)) return { kind: 'prohibited', codePoint: cp };
  // RFC 3454 §6: with any RandALCat, no LCat at all, and RandALCat first and last.
  if (cps.some(mayBeRandAL)) {
    if (cps.some(mayBeL) || !surelyRandAL(cps[0]!) || !surelyRandAL(cps[cps.length - 1]!)) return { kind: 'bidi' };
  }
  return undefined;
}

/** Unicode Corrigendum #4 changed the decompositions of these five CJK compatibility ideographs after 3.2. */
const CORRIGENDUM_4 = [0x2f868, 0x2f874, 0x2f91f, 0x2f95f, 0x2f9bf];

/**
 * A code point on which Unicode 3.2 normalization (SASLprep's NFKC, RFC 4013 §2.2) and the
 * client's current Unicode disagree, so one password could reach the server in two forms:
 * one added after 3.2 that decomposes (U+FA2E, a CJK compatibility ideograph the server keeps
 * as is while NFC maps it), or a change by NFC (composition, reordering) to a string that holds
 * code points added after 3.2, or one of the five whose decomposition changed since 3.2.
 * `mapped` is the input after the space mapping, before NFC.
 */
export function unstableNormalization(mapped: string, normalized: string): number | undefined {
  const corrected = Array.from(mapped, (ch) => ch.codePointAt(0)!).find((cp) => CORRIGENDUM_4.includes(cp));
  if (corrected !== undefined) return corrected;
  const newer = (s: string) => Array.from(s, (ch) => ch.codePointAt(0)!).filter((cp) => inRanges(cp, UNASSIGNED_3_2));
  for (const cp of [...newer(mapped), ...newer(normalized)]) {
    const ch = String.fromCodePoint(cp);
    if (ch.normalize('NFKD') !== ch) return cp;
  }
  if (mapped !== normalized) return newer(mapped)[0];
  return undefined;
}

// Prosody's SASLprep (ICU's usprep) takes bidi classes from the Unicode version ICU has, not
// from RFC 3454's tables D.1/D.2 (Unicode 3.2): a letter added since (U+0221, Arabic
// Extended-A...) counts as L or AL there. JavaScript has no Bidi_Class property, so later
// code points are judged conservatively: the blocks where Unicode gives right-to-left bidi
// classes (also by default to unassigned code points, DerivedBidiClass.txt) count as
// right-to-left, anything else added after 3.2 may be L (a server whose Unicode is older
// than the client's gives unassigned code points those defaults), and L_SINCE_3_2 lists the
// few older code points that became L.
const RTL_BLOCKS: readonly (readonly [number, number])[] = [
  [0x0590, 0x08ff], [0xfb1d, 0xfdff], [0xfe70, 0xfeff], [0x10800, 0x10fff], [0x1e800, 0x1efff],
];
const isMark = (cp: number) => /^[\p{Mn}\p{Me}]$/u.test(String.fromCodePoint(cp));
const isLetter = (cp: number) => /^\p{L}$/u.test(String.fromCodePoint(cp));
const inRtlBlock = (cp: number) => inRanges(cp, RTL_BLOCKS);

/** R or AL in Unicode 3.2, or possibly in a later version (or to a server that does not know it yet). */
function mayBeRandAL(cp: number): boolean {
  return inRanges(cp, RAND_AL_CAT) || (inRtlBlock(cp) && (!isMark(cp) || inRanges(cp, UNASSIGNED_3_2)));
}
/** R or AL in every version: RFC 3454 D.1, or a letter of a right-to-left block. */
function surelyRandAL(cp: number): boolean {
  return inRanges(cp, RAND_AL_CAT) || (inRtlBlock(cp) && isLetter(cp));
}
/** L in Unicode 3.2 (RFC 3454 D.2), since then, or possibly in a later version (or to a server that does not know it yet). */
function mayBeL(cp: number): boolean {
  return inRanges(cp, L_CAT) || inRanges(cp, L_SINCE_3_2) || (inRanges(cp, UNASSIGNED_3_2) && !inRtlBlock(cp));
}
