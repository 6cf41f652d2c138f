// Matches IQ replies to the requests we sent (RFC 6120 §8.2.3). The promise exists, with a
// rejection handler, before the request is sent: @xmpp/iq's caller can let an early error
// reply escape as an unhandled rejection (see shared notes), this cannot.
import { randomUUID } from 'node:crypto';
import type { Element } from '@sealpost/protocol';
import { AppError } from '../errors.ts';

export class IqError extends AppError {
  constructor(readonly condition: string, readonly stanza: Element, text?: string) {
    super(conditionToCode(condition), text ? `${condition}: ${text}` : condition, { condition });
    this.name = 'IqError';
  }
}

function conditionToCode(condition: string) {
  switch (condition) {
    case 'item-not-found': return 'not_found' as const;
    case 'conflict': return 'conflict' as const;
    case 'bad-request': return 'bad_request' as const;
    case 'forbidden': case 'not-authorized': return 'forbidden' as const;
    case 'remote-server-timeout': case 'service-unavailable': case 'remote-server-not-found': return 'unavailable' as const;
    default: return 'internal' as const;
  }
}

interface Pending {
  resolve(el: Element): void;
  reject(err: Error): void;
  timer: NodeJS.Timeout;
  to: string | undefined;
}

export function createIqTracker() {
  const pending = new Map<string, Pending>();
  const finish = (id: string) => {
    const p = pending.get(id);
    if (p) { clearTimeout(p.timer); pending.delete(id); }
    return p;
  };
  return {
    /** Assigns an id if missing and returns the promise of the reply. */
    track(iq: Element, timeoutMs: number): Promise<Element> {
      const id = (iq.attrs.id ??= randomUUID());
      const promise = new Promise<Element>((resolve, reject) => {
        const timer = setTimeout(() => finish(id)?.reject(new AppError('unavailable', `no reply to iq ${id} within ${timeoutMs} ms`)), timeoutMs);
        pending.set(id, { resolve, reject, timer, to: iq.attrs.to });
      });
      promise.catch(() => {}); // handled by the caller; never an unhandled rejection
      return promise;
    },
    /** Settles the request this stanza answers; false when it answers none. */
    settle(stanza: Element): boolean {
      if (stanza.name !== 'iq' || (stanza.attrs.type !== 'result' && stanza.attrs.type !== 'error')) return false;
      const id = stanza.attrs.id;
      const p = id ? pending.get(id) : undefined;
      // Only the addressee may answer (a reply's `from` is the request's `to`).
      if (!p || (p.to && stanza.attrs.from && bare(stanza.attrs.from) !== bare(p.to) && stanza.attrs.from !== p.to)) return false;
      finish(id!);
      if (stanza.attrs.type === 'result') p.resolve(stanza);
      else {
        const error = stanza.getChild('error');
        const condition = error?.getChildElements().find((c) => c.name !== 'text')?.name ?? 'undefined-condition';
        p.reject(new IqError(condition, stanza, error?.getChildText('text') ?? undefined));
      }
      return true;
    },
    fail(id: string, err: Error) {
      finish(id)?.reject(err);
    },
    failAll(err: Error) {
      for (const id of [...pending.keys()]) finish(id)?.reject(err);
    },
  };
}

function bare(jid: string): string {
  return jid.split('/')[0]!;
}
