// Record ids: time-ordered (so "newest first" sorts by id too), unique within the process by
// a counter, unguessable enough by a random tail. Injected where tests need fixed ids.
import { randomBytes } from 'node:crypto';

export type IdGenerator = () => string;

export function createIdGenerator(now: () => number = Date.now): IdGenerator {
  let last = 0;
  let counter = 0;
  return () => {
    const t = now();
    counter = t === last ? counter + 1 : 0;
    last = t;
    return t.toString(36).padStart(9, '0') + counter.toString(36).padStart(4, '0') + randomBytes(5).toString('hex');
  };
}
