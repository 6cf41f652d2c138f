// XEP-0030 service discovery: info (identities, features, XEP-0128 extension forms) and items.
import { type Element, requireAttr, xml } from '../xml/element.ts';
import { NS_DATA_FORMS, NS_DISCO_INFO, NS_DISCO_ITEMS } from '../ns.ts';
import { buildDataForm, type DataForm, parseDataForm } from '../forms/dataForm.ts';
import { buildIq, type IqAddressing, iqResultChild } from './iq.ts';

export interface DiscoIdentity {
  category: string;
  type: string;
  name?: string;
}

export interface DiscoInfo {
  node?: string;
  identities: DiscoIdentity[];
  features: string[];
  /** XEP-0128 extended information (e.g. XEP-0363 max-file-size). */
  forms: DataForm[];
}

export function buildDiscoInfoQuery(options: IqAddressing & { node?: string }): Element {
  return buildIq('get', options, xml('query', { xmlns: NS_DISCO_INFO, node: options.node }));
}

export function parseDiscoInfo(stanza: Element): DiscoInfo {
  return readDiscoInfo(iqResultChild(stanza, 'query', NS_DISCO_INFO));
}

/** Reads a disco#info `<query/>` element (from a result, or a request on the serving side). */
export function readDiscoInfo(query: Element): DiscoInfo {
  const info: DiscoInfo = {
    identities: query.getChildren('identity', NS_DISCO_INFO).map((i) => {
      const identity: DiscoIdentity = { category: requireAttr(i, 'category'), type: requireAttr(i, 'type') };
      if (i.attrs.name) identity.name = i.attrs.name;
      return identity;
    }),
    features: query.getChildren('feature', NS_DISCO_INFO).map((f) => requireAttr(f, 'var')),
    forms: query.getChildren('x', NS_DATA_FORMS).map(parseDataForm),
  };
  if (query.attrs.node) info.node = query.attrs.node;
  return info;
}

/** The `<query/>` payload of a disco#info result (what a component answers). */
export function buildDiscoInfo(info: DiscoInfo): Element {
  return xml(
    'query',
    { xmlns: NS_DISCO_INFO, node: info.node },
    info.identities.map((i) => xml('identity', { category: i.category, type: i.type, name: i.name })),
    info.features.map((f) => xml('feature', { var: f })),
    info.forms.map(buildDataForm),
  );
}

export interface DiscoItem {
  jid: string;
  node?: string;
  name?: string;
}

export function buildDiscoItemsQuery(options: IqAddressing & { node?: string }): Element {
  return buildIq('get', options, xml('query', { xmlns: NS_DISCO_ITEMS, node: options.node }));
}

export function parseDiscoItems(stanza: Element): DiscoItem[] {
  const query = iqResultChild(stanza, 'query', NS_DISCO_ITEMS);
  return query.getChildren('item', NS_DISCO_ITEMS).map((i) => {
    const item: DiscoItem = { jid: requireAttr(i, 'jid') };
    if (i.attrs.node) item.node = i.attrs.node;
    if (i.attrs.name) item.name = i.attrs.name;
    return item;
  });
}

export function buildDiscoItems(items: readonly DiscoItem[], node?: string): Element {
  return xml(
    'query',
    { xmlns: NS_DISCO_ITEMS, node },
    items.map((i) => xml('item', { jid: i.jid, node: i.node, name: i.name })),
  );
}
