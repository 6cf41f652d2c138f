// Loads data for an admin screen; `reload` after a change. Errors become an i18n-able code.
import { useCallback, useEffect, useState } from 'preact/hooks';

export function useLoad<T>(load: () => Promise<T>, deps: unknown[]) {
  const [data, setData] = useState<T | undefined>(undefined);
  const [error, setError] = useState<string | undefined>(undefined);
  const reload = useCallback(() => {
    setError(undefined);
    load().then(setData, (err: unknown) => setError(err instanceof Error ? err.message : String(err)));
  }, deps);
  useEffect(reload, [reload]);
  return { data, error, reload };
}

/** Runs an admin action, then `after`; the error message (if any) is returned for display. */
export async function act(run: () => Promise<unknown>, after?: () => void): Promise<string | undefined> {
  try {
    await run();
    after?.();
    return undefined;
  } catch (err) {
    return err instanceof Error ? err.message : String(err);
  }
}
