// What the API middleware puts in `ctx.state` for the handlers after it.
import type { Principal } from '../accounts/authenticate.ts';

export interface ApiState {
  /** The client's address (X-Forwarded-For honoured only from trusted proxies). */
  address: string;
  /** The peer is this machine and no proxy is involved (the CLI credential needs it). */
  local: boolean;
  principal?: Principal;
  body?: unknown;
}

export const stateOf = (ctx: { state: unknown }): ApiState => ctx.state as ApiState;
