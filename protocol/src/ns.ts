// Every XML namespace Sealpost speaks, in one place (house rule 3). Each constant names the
// XEP or RFC that defines it.

/** RFC 6120 §4.8.3: default namespace of client streams. */
export const NS_CLIENT = 'jabber:client';
/** RFC 6120 §4.8.3: default namespace of server streams (accepted for bodies, XEP-0374 §5). */
export const NS_SERVER = 'jabber:server';
/** RFC 6120 §8.3.2: stanza error conditions. */
export const NS_STANZAS = 'urn:ietf:params:xml:ns:xmpp-stanzas';

/** XEP-0373 §3: OpenPGP element, content elements and PEP payloads. */
export const NS_OX = 'urn:xmpp:openpgp:0';
/** XEP-0373 §4.2: public-key metadata node. */
export const NODE_OX_PUBLIC_KEYS = 'urn:xmpp:openpgp:0:public-keys';
/** XEP-0373 §4.1: public-key data node prefix; the uppercase v4 fingerprint follows the colon. */
export const NODE_OX_PUBLIC_KEY_DATA_PREFIX = 'urn:xmpp:openpgp:0:public-keys:';
/** XEP-0373 §5: secret-key backup node. */
export const NODE_OX_SECRET_KEY = 'urn:xmpp:openpgp:0:secret-key';
/** XEP-0374 §2: disco feature of the IM profile. */
export const NS_OX_IM = 'urn:xmpp:openpgp:im:0';

/** XEP-0380: explicit message encryption. */
export const NS_EME = 'urn:xmpp:eme:0';
/** XEP-0334 §4.4: message processing hints (`<store/>`, `<no-store/>`...). */
export const NS_HINTS = 'urn:xmpp:hints';
/** XEP-0359: unique and stable stanza ids. */
export const NS_SID = 'urn:xmpp:sid:0';
/** XEP-0203: delayed delivery. */
export const NS_DELAY = 'urn:xmpp:delay';
/** XEP-0297: stanza forwarding. */
export const NS_FORWARD = 'urn:xmpp:forward:0';
/** XEP-0066: out-of-band data (attachment URLs). */
export const NS_OOB = 'jabber:x:oob';

/** XEP-0060 / XEP-0163: publish-subscribe (PEP). */
export const NS_PUBSUB = 'http://jabber.org/protocol/pubsub';
export const NS_PUBSUB_EVENT = 'http://jabber.org/protocol/pubsub#event';
export const NS_PUBSUB_OWNER = 'http://jabber.org/protocol/pubsub#owner';
/** XEP-0060 §7.1.5: FORM_TYPE of publish-options. */
export const FORM_PUBSUB_PUBLISH_OPTIONS = 'http://jabber.org/protocol/pubsub#publish-options';
/** XEP-0060 §16.4.4: FORM_TYPE of node configuration. */
export const FORM_PUBSUB_NODE_CONFIG = 'http://jabber.org/protocol/pubsub#node_config';

/** XEP-0004: data forms. */
export const NS_DATA_FORMS = 'jabber:x:data';
/** XEP-0059: result set management. */
export const NS_RSM = 'http://jabber.org/protocol/rsm';
/** XEP-0313: message archive management. */
export const NS_MAM = 'urn:xmpp:mam:2';
/** XEP-0280: message carbons. */
export const NS_CARBONS = 'urn:xmpp:carbons:2';
/** XEP-0184: message delivery receipts. */
export const NS_RECEIPTS = 'urn:xmpp:receipts';
/** XEP-0333: chat markers. */
export const NS_MARKERS = 'urn:xmpp:chat-markers:0';
/** XEP-0085: chat state notifications. */
export const NS_CHATSTATES = 'http://jabber.org/protocol/chatstates';
/** XEP-0077: in-band registration. */
export const NS_REGISTER = 'jabber:iq:register';
/** XEP-0050: ad-hoc commands. */
export const NS_COMMANDS = 'http://jabber.org/protocol/commands';
/** XEP-0133: FORM_TYPE and node prefix of service administration commands. */
export const NS_ADMIN = 'http://jabber.org/protocol/admin';
/** XEP-0030: service discovery. */
export const NS_DISCO_INFO = 'http://jabber.org/protocol/disco#info';
export const NS_DISCO_ITEMS = 'http://jabber.org/protocol/disco#items';
/** XEP-0363: HTTP file upload. */
export const NS_HTTP_UPLOAD = 'urn:xmpp:http:upload:0';
/** XEP-0446 file metadata and XEP-0264 thumbnails, inside the encrypted OX payload. */
export const NS_FILE_METADATA = 'urn:xmpp:file:metadata:0';
export const NS_THUMBS = 'urn:xmpp:thumbs:1';

// Sealpost's own extensions, answered by the gateway component.
/** Short-lived API tokens for a logged-in client (protocol/src/stanzas/gatewayToken.ts). */
export const NS_GATEWAY_TOKEN = 'urn:sealpost:gateway:token:0';
/** The public-key directory: publish notices and lookups (protocol/src/stanzas/directory.ts). */
export const NS_DIRECTORY = 'urn:sealpost:directory:0';
