// The gateway's view of its dependencies (Prosody, the component, the store), cheap to ask
// for: one probe of each at a time, and a result reused for `maxAgeMs`. However many requests
// arrive, Prosody sees at most one probe connection per `maxAgeMs`. The component's state is
// read live (it is in memory).

export type Status = 'up' | 'down';

export interface HealthChecks {
  prosody: Status;
  component: Status;
  store: Status;
}

export interface HealthCheckDeps {
  /** Resolves when Prosody accepts connections; rejects otherwise. */
  checkProsody(): Promise<void>;
  componentOnline(): boolean;
  store: { ping(): Promise<void> };
  now?: () => number;
}

export interface HealthCheck {
  (): Promise<HealthChecks>;
}

const STORE_TIMEOUT_MS = 2000;

export function createHealthCheck(deps: HealthCheckDeps, maxAgeMs = 500): HealthCheck {
  const now = deps.now ?? Date.now;
  const prosody = cached(() => settle(deps.checkProsody()), maxAgeMs, now);
  const store = cached(() => settle(withTimeout(deps.store.ping(), STORE_TIMEOUT_MS)), maxAgeMs, now);
  return async () => {
    const [p, s] = await Promise.all([prosody(), store()]);
    return { prosody: p, component: deps.componentOnline() ? 'up' : 'down', store: s };
  };
}

/** One run of `probe` at a time; its result is reused until it is `maxAgeMs` old. */
function cached(probe: () => Promise<Status>, maxAgeMs: number, now: () => number): () => Promise<Status> {
  let last: { at: number; status: Status } | undefined;
  let running: Promise<Status> | undefined;
  return () => {
    if (last && now() - last.at < maxAgeMs) return Promise.resolve(last.status);
    running ??= probe().then((status) => {
      last = { at: now(), status };
      running = undefined;
      return status;
    });
    return running;
  };
}

async function settle(p: Promise<unknown>): Promise<Status> {
  try {
    await p;
    return 'up';
  } catch {
    // A failed probe is the answer itself ('down'), reported in the response.
    return 'down';
  }
}

function withTimeout<T>(p: Promise<T>, ms: number): Promise<T> {
  return Promise.race([p, new Promise<never>((_, reject) => setTimeout(() => reject(new Error('timeout')), ms).unref())]);
}
