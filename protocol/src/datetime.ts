// XEP-0082 §3.2 DateTime: CCYY-MM-DDThh:mm:ss[.sss]TZD with TZD = Z or (+|-)hh:mm.
import { ProtocolParseError } from './errors.ts';

const DATETIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?(Z|[+-]\d{2}:\d{2})$/;

/** Formats a date as a XEP-0082 DateTime in UTC, with milliseconds. */
export function formatDateTime(date: Date): string {
  return date.toISOString();
}

/** Parses a XEP-0082 DateTime strictly; throws ProtocolParseError otherwise. */
export function parseDateTime(text: string): Date {
  if (!DATETIME.test(text)) throw new ProtocolParseError('invalid-value', `not a XEP-0082 DateTime: '${text}'`);
  // JS Date parsing handles at most milliseconds: cut longer fractions.
  const normalized = text.replace(/(\.\d{3})\d+/, '$1');
  const ms = Date.parse(normalized);
  if (Number.isNaN(ms)) throw new ProtocolParseError('invalid-value', `invalid DateTime: '${text}'`);
  return new Date(ms);
}

/** A clock: returns the current time. Injected wherever time matters (house rule 6). */
export type Clock = () => Date;
export const systemClock: Clock = () => new Date();
