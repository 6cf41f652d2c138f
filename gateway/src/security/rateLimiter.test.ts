import test from 'ava';
import { createRateLimiter } from './rateLimiter.ts';

test('allows `count` per window per key, then says how long to wait', (t) => {
  let now = 1_000_000;
  const limiter = createRateLimiter({ count: 2, windowMs: 60_000 }, () => now);
  t.is(limiter.take('a'), 0);
  t.is(limiter.take('a'), 0);
  t.is(limiter.take('a'), 60);
  t.is(limiter.take('b'), 0, 'keys are independent');
  now += 30_000;
  t.is(limiter.take('a'), 30);
  now += 30_000;
  t.is(limiter.take('a'), 0, 'a new window');
});

test('refund gives a unit back', (t) => {
  const limiter = createRateLimiter({ count: 1, windowMs: 1000 }, () => 5);
  t.is(limiter.take('k'), 0);
  limiter.refund('k');
  t.is(limiter.take('k'), 0);
  t.true(limiter.take('k') > 0);
});
