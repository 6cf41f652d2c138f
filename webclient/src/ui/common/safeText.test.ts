// Bidirectional controls in hostile text become visible markers.
import test from 'ava';
import { neutralizeBidi, plainText } from './SafeText.tsx';

test('bidi override and isolate characters are split out as visible markers', (t) => {
  t.deepEqual(neutralizeBidi('invoice\u202Efdp.exe'), ['invoice', { control: 'U+202E' }, 'fdp.exe']);
  t.deepEqual(neutralizeBidi('\u2067a\u2069'), [{ control: 'U+2067' }, 'a', { control: 'U+2069' }]);
  t.deepEqual(neutralizeBidi('plain <script>'), ['plain <script>']);
  t.is(plainText('a\u202Eb'), 'a[U+202E]b');
});
