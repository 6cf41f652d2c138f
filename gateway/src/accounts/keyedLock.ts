// Runs async tasks one at a time per key (e.g. per username), in arrival order.

export interface KeyedLock {
  run<T>(key: string, task: () => Promise<T>): Promise<T>;
  isHeld(key: string): boolean;
}

export function createKeyedLock(): KeyedLock {
  const tails = new Map<string, Promise<unknown>>();
  return {
    run(key, task) {
      const previous = tails.get(key) ?? Promise.resolve();
      const result = previous.then(task, task);
      const tail = result.catch(() => {});
      tails.set(key, tail);
      void tail.then(() => {
        if (tails.get(key) === tail) tails.delete(key);
      });
      return result;
    },
    isHeld: (key) => tails.has(key),
  };
}
