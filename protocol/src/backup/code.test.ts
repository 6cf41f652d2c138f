import test from 'ava';
import { BACKUP_CODE_ALPHABET, generateBackupCode, isBackupCode, normalizeBackupCode } from './code.ts';

test('generated codes have the XEP-0373 §5.4 shape: 24 chars, groups of 4, no 0 or O', (t) => {
  const seen = new Set<string>();
  const counts = new Map<string, number>();
  for (let i = 0; i < 500; i++) {
    const code = generateBackupCode();
    t.is(code.length, 29);
    t.regex(code, /^([1-9A-NP-Z]{4}-){5}[1-9A-NP-Z]{4}$/);
    t.true(isBackupCode(code));
    seen.add(code);
    for (const c of code.replace(/-/g, '')) counts.set(c, (counts.get(c) ?? 0) + 1);
  }
  t.is(seen.size, 500);
  // 12,000 characters over 34 symbols: every symbol appears (expected ~353 each).
  t.is(counts.size, BACKUP_CODE_ALPHABET.length);
  for (const n of counts.values()) t.true(n > 200 && n < 520);
});

test('user input is normalized to the exact passphrase; garbage is refused', (t) => {
  t.is(normalizeBackupCode(' twnk kd5y-mt3t e1gs DRDB-kvtw '), 'TWNK-KD5Y-MT3T-E1GS-DRDB-KVTW');
  t.throws(() => normalizeBackupCode('TWNK-KD5Y-MT3T-E1GS-DRDB-KVT0'));
  t.throws(() => normalizeBackupCode('TWNK-KD5Y'));
  t.false(isBackupCode('twnk-kd5y-mt3t-e1gs-drdb-kvtw'));
});
