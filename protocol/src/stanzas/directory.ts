// The key directory's IQs to the gateway component (namespace urn:sealpost:directory:0).
// Shared by the gateway (which answers) and the web client (which asks).
//
// The owner tells the directory it published (the sender is the `from` Prosody stamps):
//   C: <iq type='set' to='gateway.example.org' id='p1'>
//        <published xmlns='urn:sealpost:directory:0'/>
//      </iq>
//   S: <iq type='result' id='p1'>
//        <keys xmlns='urn:sealpost:directory:0' jid='alice@example.org' seq='3' head='HEX64'>
//          <key jid='alice@example.org' fingerprint='UPPERHEX40' created='...' since='...' last-seen='...'/>
//          <refused fingerprint='UPPERHEX40' code='missing-user-id'>why</refused>
//        </keys>
//      </iq>
//
// Anyone looks up an address or a fingerprint:
//   C: <iq type='get' to='gateway.example.org' id='l1'>
//        <lookup xmlns='urn:sealpost:directory:0' jid='bob@example.org'/>   (or fingerprint='...')
//      </iq>
//   S: <iq type='result' id='l1'>
//        <keys xmlns='urn:sealpost:directory:0' jid='bob@example.org' seq='1' head='HEX64'>
//          <key jid='bob@example.org' fingerprint='...' created='...' since='...' last-seen='...'
//               compromised='...'>BASE64 binary public key</key>       (compromised: only when marked)
//        </keys>
//      </iq>
// Errors: <item-not-found/> (no keys), <bad-request/> or <jid-malformed/>, <forbidden/> (a
// notice from another domain), <resource-constraint/> (rate), <service-unavailable/>.
import { type Element, expectElement, optionalAttr, parseNonNegativeInt, requireAttr, xml } from '../xml/element.ts';
import { formatDateTime, parseDateTime } from '../datetime.ts';
import { fromBase64, toBase64 } from '../encoding.ts';
import { parseFingerprint } from '../keys/fingerprint.ts';
import { ProtocolParseError } from '../errors.ts';
import { NS_DIRECTORY } from '../ns.ts';

/** Keys in one answer at most (a JID has at most 8 announced keys; a fingerprint, few owners). */
const MAX_KEYS = 64;
const MAX_KEY_BYTES = 64 * 1024;

export function buildPublishedNotice(): Element {
  return xml('published', { xmlns: NS_DIRECTORY });
}

export function buildPublishedIq(options: { to: string; id?: string }): Element {
  return xml('iq', { type: 'set', to: options.to, id: options.id }, buildPublishedNotice());
}

/** Accepts the child of an IQ set. */
export function parsePublishedNotice(el: Element): void {
  expectElement(el, 'published', NS_DIRECTORY);
  if (el.getChildElements().length > 0) throw new ProtocolParseError('invalid-value', '<published/> has no children');
}

export type LookupQuery = { jid: string } | { fingerprint: string };

export function buildLookup(query: LookupQuery): Element {
  return xml('lookup', { xmlns: NS_DIRECTORY, ...query });
}

export function buildLookupIq(options: { to: string; id?: string } & ({ jid: string } | { fingerprint: string })): Element {
  const { to, id, ...query } = options;
  return xml('iq', { type: 'get', to, id }, buildLookup(query as LookupQuery));
}

/** Accepts the child of an IQ get: exactly one of `jid` and `fingerprint`. */
export function parseLookup(el: Element): LookupQuery {
  expectElement(el, 'lookup', NS_DIRECTORY);
  const jid = optionalAttr(el, 'jid');
  const fingerprint = optionalAttr(el, 'fingerprint');
  if ((jid === undefined) === (fingerprint === undefined)) {
    throw new ProtocolParseError('invalid-value', '<lookup/> takes exactly one of jid and fingerprint');
  }
  return jid !== undefined ? { jid } : { fingerprint: parseFingerprint(fingerprint!.toUpperCase()) };
}

export interface DirectoryKey {
  jid: string;
  fingerprint: string;
  created: Date;
  /** When the directory first saw the key for this address. */
  since: Date;
  lastSeen: Date;
  /** When an admin marked the key compromised. */
  compromised?: Date;
  /** The binary public key (lookups); absent in answers to notices. */
  data?: Uint8Array;
}

export interface DirectoryKeys {
  jid?: string;
  fingerprint?: string;
  /** Head of the address's change log: position and hash. */
  head?: { seq: number; hash: string };
  keys: DirectoryKey[];
  refused: Array<{ fingerprint: string; code: string; reason: string }>;
}

export function buildKeys(view: DirectoryKeys): Element {
  return xml(
    'keys',
    { xmlns: NS_DIRECTORY, jid: view.jid, fingerprint: view.fingerprint, seq: view.head?.seq, head: view.head?.hash },
    ...view.keys.map((k) =>
      xml(
        'key',
        {
          jid: k.jid,
          fingerprint: k.fingerprint,
          created: formatDateTime(k.created),
          since: formatDateTime(k.since),
          'last-seen': formatDateTime(k.lastSeen),
          compromised: k.compromised ? formatDateTime(k.compromised) : undefined,
        },
        k.data ? toBase64(k.data) : undefined,
      ),
    ),
    ...view.refused.map((r) => xml('refused', { fingerprint: r.fingerprint, code: r.code }, r.reason)),
  );
}

/** Accepts the IQ result or its `<keys/>` child. */
export function parseKeys(stanza: Element): DirectoryKeys {
  const el = stanza.name === 'iq' ? stanza.getChild('keys', NS_DIRECTORY) : stanza;
  if (!el) throw new ProtocolParseError('missing-element', 'no <keys/> in the reply');
  expectElement(el, 'keys', NS_DIRECTORY);
  const keyEls = el.getChildren('key', NS_DIRECTORY);
  if (keyEls.length > MAX_KEYS) throw new ProtocolParseError('xml-limit', `more than ${MAX_KEYS} keys`);
  const seq = parseNonNegativeInt(optionalAttr(el, 'seq'), 'seq');
  const hash = optionalAttr(el, 'head');
  const jid = optionalAttr(el, 'jid');
  const fingerprint = optionalAttr(el, 'fingerprint');
  return {
    ...(jid !== undefined ? { jid } : {}),
    ...(fingerprint !== undefined ? { fingerprint: parseFingerprint(fingerprint) } : {}),
    ...(seq !== undefined && hash !== undefined ? { head: { seq, hash } } : {}),
    keys: keyEls.map((k) => {
      const text = k.getText().trim();
      const compromised = optionalAttr(k, 'compromised');
      return {
        jid: requireAttr(k, 'jid'),
        fingerprint: parseFingerprint(requireAttr(k, 'fingerprint')),
        created: parseDateTime(requireAttr(k, 'created')),
        since: parseDateTime(requireAttr(k, 'since')),
        lastSeen: parseDateTime(requireAttr(k, 'last-seen')),
        ...(compromised !== undefined ? { compromised: parseDateTime(compromised) } : {}),
        ...(text ? { data: fromBase64(text, MAX_KEY_BYTES) } : {}),
      };
    }),
    refused: el.getChildren('refused', NS_DIRECTORY).slice(0, MAX_KEYS).map((r) => ({
      fingerprint: requireAttr(r, 'fingerprint'),
      code: requireAttr(r, 'code'),
      reason: r.getText(),
    })),
  };
}
