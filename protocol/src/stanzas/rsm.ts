// XEP-0059 result set management: paging for MAM queries (XEP-0313 §4.2).
import { type Element, parseNonNegativeInt, xml } from '../xml/element.ts';
import { NS_RSM } from '../ns.ts';

export interface RsmRequest {
  max?: number;
  /** Page after this id (forward paging, XEP-0059 §2.2). */
  after?: string;
  /** Page before this id; `''` requests the last page (§2.5). */
  before?: string;
}

export interface RsmResult {
  first?: string;
  firstIndex?: number;
  last?: string;
  count?: number;
}

export function buildRsm(request: RsmRequest): Element {
  return xml(
    'set',
    { xmlns: NS_RSM },
    request.max !== undefined ? xml('max', {}, String(request.max)) : null,
    request.after !== undefined ? xml('after', {}, request.after) : null,
    request.before !== undefined ? xml('before', {}, request.before) : null,
  );
}

export function parseRsm(parent: Element): RsmResult {
  const set = parent.getChild('set', NS_RSM);
  const result: RsmResult = {};
  if (!set) return result;
  const first = set.getChild('first', NS_RSM);
  if (first) {
    result.first = first.getText();
    const index = parseNonNegativeInt(first.attrs.index, 'RSM first index');
    if (index !== undefined) result.firstIndex = index;
  }
  const last = set.getChildText('last', NS_RSM);
  if (last !== null) result.last = last;
  const count = parseNonNegativeInt(set.getChildText('count', NS_RSM) ?? undefined, 'RSM count');
  if (count !== undefined) result.count = count;
  return result;
}

export function parseRsmRequest(parent: Element): RsmRequest {
  const set = parent.getChild('set', NS_RSM);
  const request: RsmRequest = {};
  if (!set) return request;
  const max = parseNonNegativeInt(set.getChildText('max', NS_RSM) ?? undefined, 'RSM max');
  if (max !== undefined) request.max = max;
  const after = set.getChildText('after', NS_RSM);
  if (after !== null) request.after = after;
  const before = set.getChildText('before', NS_RSM);
  if (before !== null) request.before = before;
  return request;
}
