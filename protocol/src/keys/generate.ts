// Key generation for new accounts (XEP-0373 §4, XEP-0374 §3): a v4 key with openpgp.js's
// default ECC (ed25519 primary for signing, cv25519 subkey for encryption), user IDs
// `xmpp:user@domain` (primary, what peers check) and `<user@domain>`, no expiry: Gajim refuses
// secret keys with an expiry, and go-sendxmpp/GnuPG 2.2 cannot read v6 keys.
import { openpgp, type PrivateKey, type PublicKey, SAFE_CONFIG } from '../crypto/openpgp.ts';
import { bareJid } from '../jid.ts';
import { fingerprintOf } from './fingerprint.ts';

export interface GenerateOxKeyOptions {
  jid: string;
  /** Creation time of the key and its self-signatures. */
  now?: Date;
}

export interface OxKeyPair {
  privateKey: PrivateKey;
  publicKey: PublicKey;
  /** XEP-0373 v4 fingerprint string. */
  fingerprint: string;
}

export async function generateOxKey(options: GenerateOxKeyOptions): Promise<OxKeyPair> {
  const jid = bareJid(options.jid);
  const { privateKey, publicKey } = await openpgp.generateKey({
    type: 'ecc',
    curve: 'curve25519Legacy',
    userIDs: [{ name: `xmpp:${jid}` }, { email: jid }],
    keyExpirationTime: 0,
    date: options.now ?? new Date(),
    format: 'object',
    config: SAFE_CONFIG,
  });
  return { privateKey, publicKey, fingerprint: fingerprintOf(publicKey) };
}
