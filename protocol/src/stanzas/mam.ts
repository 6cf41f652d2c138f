// XEP-0313 message archive management (urn:xmpp:mam:2): queries with a data-form filter
// (§4.1) and RSM paging (§4.2), result messages (§4.3) and the final <fin/> (§4.4).
// §9 security: results are only trusted from the archive itself (our bare JID, or no `from`)
// and only for a query id we issued.
import { type Element, expectElement, optionalAttr, requireAttr, xml } from '../xml/element.ts';
import { NS_DATA_FORMS, NS_DELAY, NS_FORWARD, NS_MAM, NS_RSM } from '../ns.ts';
import { buildDataForm, type DataForm, formValue, parseDataForm, submitForm } from '../forms/dataForm.ts';
import { formatDateTime, parseDateTime } from '../datetime.ts';
import { bareJid } from '../jid.ts';
import { ProtocolParseError } from '../errors.ts';
import { buildIq, type IqAddressing, iqResultChild } from './iq.ts';
import { buildRsm, parseRsm, parseRsmRequest, type RsmRequest, type RsmResult } from './rsm.ts';
import { type Forwarded, parseForwarded } from './forward.ts';

export interface MamQuery extends IqAddressing {
  /** Echoed in every result; pick a fresh random one per query. */
  queryId: string;
  with?: string;
  start?: Date;
  end?: Date;
  rsm?: RsmRequest;
}

export function buildMamQuery(query: MamQuery): Element {
  const filters = {
    with: query.with,
    start: query.start && formatDateTime(query.start),
    end: query.end && formatDateTime(query.end),
  };
  const hasFilter = Object.values(filters).some((v) => v !== undefined);
  return buildIq(
    'set',
    query,
    xml(
      'query',
      { xmlns: NS_MAM, queryid: query.queryId },
      hasFilter ? buildDataForm(submitForm(NS_MAM, filters)) : null,
      query.rsm ? buildRsm(query.rsm) : null,
    ),
  );
}

/** The query as the archive sees it (for the gateway or tests acting as the server side). */
export function parseMamQuery(stanza: Element): MamQuery {
  const query = stanza.getChild('query', NS_MAM);
  if (stanza.name !== 'iq' || !query) throw new ProtocolParseError('unexpected-element', 'not a MAM query');
  const parsed: MamQuery = { queryId: query.attrs.queryid ?? '' };
  const x = query.getChild('x', NS_DATA_FORMS);
  const form: DataForm | undefined = x ? parseDataForm(x) : undefined;
  const withJid = form && formValue(form, 'with');
  if (withJid) parsed.with = withJid;
  const start = form && formValue(form, 'start');
  if (start) parsed.start = parseDateTime(start);
  const end = form && formValue(form, 'end');
  if (end) parsed.end = parseDateTime(end);
  if (query.getChild('set', NS_RSM)) parsed.rsm = parseRsmRequest(query);
  for (const key of ['to', 'from', 'id'] as const) {
    const value = stanza.attrs[key];
    if (value) parsed[key] = value;
  }
  return parsed;
}

export interface MamResult extends Forwarded {
  queryId: string;
  /** The archive id (also the XEP-0359 stanza-id): the RSM cursor. */
  archiveId: string;
}

/**
 * The archived message inside a result `<message/>`, or undefined when `stanza` is not a
 * MAM result. Throws 'untrusted-sender' when the result does not come from our archive, and
 * 'invalid-value' when it answers another query.
 */
export function parseMamResult(stanza: Element, expected: { ownJid: string; queryId: string }): MamResult | undefined {
  if (stanza.name !== 'message') return undefined;
  const result = stanza.getChild('result', NS_MAM);
  if (!result) return undefined;
  const from = stanza.attrs.from;
  if (from !== undefined && bareJid(from) !== bareJid(expected.ownJid)) {
    throw new ProtocolParseError('untrusted-sender', `archive result from ${from}`);
  }
  const queryId = optionalAttr(result, 'queryid') ?? '';
  if (queryId !== expected.queryId) throw new ProtocolParseError('invalid-value', `result for unknown query '${queryId}'`);
  return { queryId, archiveId: requireAttr(result, 'id'), ...parseForwarded(result) };
}

/** Builds a result message (archive side; used by tests and fakes). */
export function buildMamResult(options: { to: string; from?: string; queryId: string; archiveId: string; stamp: Date; message: Element }): Element {
  return xml(
    'message',
    { to: options.to, from: options.from },
    xml(
      'result',
      { xmlns: NS_MAM, queryid: options.queryId, id: options.archiveId },
      xml('forwarded', { xmlns: NS_FORWARD }, xml('delay', { xmlns: NS_DELAY, stamp: formatDateTime(options.stamp) }), options.message),
    ),
  );
}

export interface MamFin {
  complete: boolean;
  stable: boolean;
  rsm: RsmResult;
}

/** §4.4: the IQ result that ends a query. */
export function parseMamFin(stanza: Element): MamFin {
  const fin = iqResultChild(stanza, 'fin', NS_MAM);
  expectElement(fin, 'fin', NS_MAM);
  return { complete: fin.attrs.complete === 'true', stable: fin.attrs.stable !== 'false', rsm: parseRsm(fin) };
}

export function buildMamFin(options: { to?: string; id?: string; complete: boolean; rsm: RsmResult }): Element {
  const { rsm } = options;
  return xml(
    'iq',
    { type: 'result', to: options.to, id: options.id },
    xml(
      'fin',
      { xmlns: NS_MAM, complete: options.complete ? 'true' : undefined },
      xml(
        'set',
        { xmlns: NS_RSM },
        rsm.first !== undefined ? xml('first', { index: rsm.firstIndex }, rsm.first) : null,
        rsm.last !== undefined ? xml('last', {}, rsm.last) : null,
        rsm.count !== undefined ? xml('count', {}, String(rsm.count)) : null,
      ),
    ),
  );
}
