// @sealpost/protocol: stanzas and OX cryptography shared by the gateway, the web client and the
// tests. Runtime-neutral (no DOM, no Node built-ins): WebCrypto, WHATWG streams, openpgp.js,
// @xmpp/xml elements. See ../README.md for the map.
export * from './ns.ts';
export * from './errors.ts';
export * from './encoding.ts';
export * from './jid.ts';
export * from './datetime.ts';

// XML
export * from './xml/element.ts';
export * from './xml/parse.ts';
export * from './xml/chars.ts';
export * from './forms/dataForm.ts';

// OpenPGP keys (XEP-0373 §4)
export type { Key, PrivateKey, PublicKey } from './crypto/openpgp.ts';
export { MAX_DECOMPRESSED_BYTES, SAFE_CONFIG } from './crypto/openpgp.ts';
export * from './keys/fingerprint.ts';
export * from './keys/userId.ts';
export * from './keys/policy.ts';
export * from './keys/read.ts';
export * from './keys/generate.ts';
export * from './keys/pep.ts';
export * from './keys/discovery.ts';

// OX messages (XEP-0373 §3, XEP-0374)
export * from './ox/payload.ts';
export * from './ox/signcrypt.ts';
export * from './ox/message.ts';
export * from './ox/encrypt.ts';
export * from './ox/decrypt.ts';
export * from './ox/decryptor.ts';
export * from './ox/replay.ts';
export * from './ox/result.ts';

// Secret-key backup (XEP-0373 §5)
export * from './backup/code.ts';
export * from './backup/secretKey.ts';
export * from './backup/pep.ts';
export * from './backup/sync.ts';

// Encrypted media (XEP-0454)
export * from './media/gcmStream.ts';
export * from './media/oneShot.ts';
export * from './media/aesgcmUrl.ts';
export { GCM_TAG_BYTES, MEDIA_KEY_BYTES } from './media/gcmCore.ts';

// Other stanzas
export * from './stanzas/error.ts';
export * from './stanzas/iq.ts';
export * from './stanzas/iqRequest.ts';
export * from './stanzas/delay.ts';
export * from './stanzas/forward.ts';
export * from './stanzas/pubsub.ts';
export * from './stanzas/rsm.ts';
export * from './stanzas/mam.ts';
export * from './stanzas/carbons.ts';
export * from './stanzas/receipts.ts';
export * from './stanzas/markers.ts';
export * from './stanzas/chatstates.ts';
export * from './stanzas/register.ts';
export * from './stanzas/adhoc.ts';
export * from './stanzas/disco.ts';
export * from './stanzas/upload.ts';
export * from './stanzas/directory.ts';
export * from './stanzas/gatewayToken.ts';
export * from './stanzas/fileMetadata.ts';

// Passwords (RFC 8265 OpaqueString, SASLprep-stable; docs/passwords.md)
export * from './password/opaqueString.ts';
