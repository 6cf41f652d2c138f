import test from 'ava';
import { formatDateTime, parseDateTime } from './datetime.ts';

test('XEP-0082 DateTime round-trips', (t) => {
  const d = new Date('2024-03-01T15:26:12.345Z');
  t.is(parseDateTime(formatDateTime(d)).getTime(), d.getTime());
});

test('accepts offsets, fractions of any length and no fraction', (t) => {
  t.is(parseDateTime('1969-07-21T02:56:15Z').toISOString(), '1969-07-21T02:56:15.000Z');
  t.is(parseDateTime('1969-07-20T21:56:15-05:00').toISOString(), '1969-07-21T02:56:15.000Z');
  t.is(parseDateTime('2024-01-01T00:00:00.123456789Z').toISOString(), '2024-01-01T00:00:00.123Z');
});

test('rejects other formats', (t) => {
  for (const bad of ['2024-01-01', '2024-01-01 00:00:00Z', '2024-01-01T00:00:00', 'yesterday', '2024-13-45T99:99:99Z']) {
    t.throws(() => parseDateTime(bad), undefined, bad);
  }
});
