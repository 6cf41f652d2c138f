// RFC 8265 §4.2 OpaqueString with the SASLprep-stability condition (RFC 4013).
import test from 'ava';
import { formatCodePoint, passwordForLogin, preparePassword } from './opaqueString.ts';
import { saslprepChange, saslprepMap } from './saslprep.ts';

const ok = (input: string) => {
  const r = preparePassword(input);
  return r.ok ? r.password : `refused: ${r.problem.code}`;
};
const code = (input: string) => {
  const r = preparePassword(input);
  return r.ok ? 'ok' : r.problem.code;
};

test('ASCII, Latin with accents, plain emoji, Cyrillic, CJK and Arabic-only passwords pass unchanged', (t) => {
  for (const pw of ['correct horse battery', 'ünïcödé-pässwörd', 'emoji\u{1F600}password', 'пароль-надёжный', '密码很长很长的', 'ابتثجحخدذر', 'אבג דהו']) {
    t.is(ok(pw), pw, pw);
  }
});

test('non-ASCII spaces become U+0020 and NFD becomes NFC (RFC 8265 §4.2.1)', (t) => {
  t.is(ok('no\u00A0break\u2003space'), 'no break space');
  t.is(ok('cafe\u0301-latte'), 'caf\u00e9-latte');
  t.is(ok('cafe\u0301-latte'), ok('caf\u00e9-latte'));
});

test('what SASLprep would drop is refused, with the code point named', (t) => {
  const shy = preparePassword('soft\u00ADhyphen-pw-1');
  t.false(shy.ok);
  if (!shy.ok) {
    t.is(shy.problem.code, 'invisible');
    t.is(shy.problem.codePoint, 0xad);
    t.regex(shy.problem.reason, /U\+00AD, soft hyphen/);
  }
  t.is(code('heart\u2764\uFE0Fpassword'), 'invisible');
  t.is(code('family\u{1F468}\u200D\u{1F469}\u200D\u{1F467}pw'), 'join-control');
  t.is(code('zwnj\u200Cpassword'), 'join-control');
  t.is(code('zero\u200Bwidth-pw'), 'invisible');
  t.is(code('bom\uFEFFpassword'), 'invisible');
  // Not Default_Ignorable, yet SASLprep maps it to nothing (RFC 3454 B.1).
  t.is(code('mongolian\u1806todo'), 'invisible');
});

test('compatibility characters that NFKC would change are refused', (t) => {
  t.is(code('ab\uFF21fullwidth'), 'compatibility');
  t.is(code('ligature\uFB01pw'), 'compatibility');
  t.is(code('super\u00B2script'), 'compatibility');
});

test('RFC 3454 §6 bidi: RTL mixed with LTR, or RTL not at both ends, is refused', (t) => {
  t.is(code('\u05D0abcdefghij'), 'bidi');
  t.is(code('\u0627\u0628\u062A\u062B-123'), 'bidi');
  t.is(code('\u0627\u0628 \u062A\u062B'), 'ok');
});

test('FreeformClass refusals: controls, private use, noncharacters, unassigned, surrogates, old jamo, separators', (t) => {
  t.is(code('tab\tpassword'), 'control');
  t.is(code('line\npassword'), 'control');
  t.is(code('\uE000private-use'), 'private-use');
  t.is(code('\u{F0000}plane15'), 'private-use');
  t.is(code('non\uFFFEcharacter'), 'noncharacter');
  t.is(code('non\u{1FFFF}character'), 'noncharacter');
  t.is(code('unassigned\u0378x'), 'unassigned');
  t.is(code('lone\uD800surrogate'), 'surrogate');
  t.is(code('jamo\u1100\u1161pw'), 'old-hangul-jamo');
  t.is(code('line\u2028separator'), 'disallowed');
  t.is(code('arabic\u0600sign'), 'disallowed');
  t.is(code('tatweel\u0640x'), 'disallowed');
  t.is(code(''), 'empty');
  // FreeformClass allows them; SASLprep prohibits them (RFC 3454 C.6, C.7).
  t.is(code('replacement\uFFFDchar'), 'prohibited');
  t.is(code('ideographic\u2FF0desc'), 'prohibited');
});

test('RFC 5892 Appendix A contextual rules', (t) => {
  t.is(code('paral\u00B7lel-catalan'), 'ok');
  t.is(code('middle\u00B7dot-alone'), 'context');
  t.is(code('\u05D0\u05F3\u05D1\u05D2'), 'ok');
  t.is(code('\u05F3\u05D0\u05D1\u05D2'), 'context');
  t.is(code('\u30AB\u30FB\u30BF\u30AB\u30CA'), 'ok');
  t.is(code('abc\u30FBdefghij'), 'context');
  t.is(code('\u0627\u0661\u0662\u0627'), 'ok');
  t.is(code('\u0627\u0661\u06F2\u0627'), 'context');
});

test('preparation is idempotent and what it accepts SASLprep leaves unchanged', (t) => {
  for (const pw of ['no\u00A0break-space', 'cafe\u0301-latte', 'emoji\u{1F600}password', '\u0627\u0628 \u062A\u062B', 'Hello World 123!']) {
    const once = preparePassword(pw);
    t.true(once.ok, pw);
    if (!once.ok) continue;
    t.deepEqual(preparePassword(once.password), once);
    t.is(saslprepChange(once.password), undefined);
    t.is(saslprepMap(once.password), once.password);
  }
});

test('login uses the prepared password, or the SASLprep mapping for passwords made elsewhere', (t) => {
  t.is(passwordForLogin('cafe\u0301-latte'), 'caf\u00e9-latte');
  t.is(passwordForLogin('no\u00A0break-space'), 'no break-space');
  // What Prosody's SASLprep makes of it (checked against Prosody 0.12's util.encodings).
  t.is(passwordForLogin('soft\u00ADhyphen'), 'softhyphen');
  t.is(passwordForLogin('heart\u2764\uFE0Fx'), 'heart\u2764x');
  t.is(passwordForLogin('ab\uFF21'), 'abA');
  t.is(passwordForLogin('a\u200Bb'), 'a b');
});

test('code points are written U+XXXX', (t) => {
  t.is(formatCodePoint(0xad), 'U+00AD');
  t.is(formatCodePoint(0x1f600), 'U+1F600');
});

test('code points whose normalization changed since Unicode 3.2 (SASLprep) are refused', (t) => {
  // Added after 3.2, NFC maps it to U+90DE while the server's 3.2 normalization keeps it.
  t.is(code('cjk\uFA2Ecompat-pw'), 'unstable');
  // Corrigendum #4 changed its decomposition.
  t.is(code('cjk\u{2F868}compat-pw'), 'unstable');
  // Kaithi (added after 3.2): NFC composes the pair, the server would not.
  t.is(code('kaithi\u{11099}\u{110BA}pw'), 'unstable');
  // Assigned since 3.2, nothing for normalization to change: fine.
  t.is(code('kaithi\u{11083}\u{11084}pw'), 'ok');
});
