// Helpers for the attack tests: craft OpenPGP payloads the way an attacker would (any bytes,
// signed or not, compressed or not) and run the real receiving code on them.
import {
  buildOxMessage,
  createMemoryReplayCache,
  decryptOxMessage,
  type DecryptOxOptions,
  type Element,
  type OxDecryptResult,
  parseXml,
  type PrivateKey,
  type PublicKey,
  type ReplayCache,
  toBase64,
  utf8Encode,
} from '../../protocol/src/index.ts';
import { openpgp } from '../../protocol/src/crypto/openpgp.ts';

export const NOW = new Date('2025-06-01T12:00:00Z');

/** A signcrypt document as a string, addressed to `to`, stamped `time`. */
export function signcryptXml(to: string, body: string, time = NOW): string {
  return (
    `<signcrypt xmlns='urn:xmpp:openpgp:0'><to jid='${to}'/><time stamp='${time.toISOString()}'/>` +
    `<rpad>pad</rpad><payload><body xmlns='jabber:client'>${body}</body></payload></signcrypt>`
  );
}

export interface CraftOptions {
  plaintext: string | Uint8Array;
  encryptionKeys: PublicKey[];
  signingKey?: PrivateKey;
  compress?: boolean;
}

/** Base64 OpenPGP message with arbitrary content, as an attacker can produce it. */
export async function craftOpenpgp(options: CraftOptions): Promise<string> {
  const binary = typeof options.plaintext === 'string' ? utf8Encode(options.plaintext) : options.plaintext;
  const encrypted = await openpgp.encrypt({
    message: await openpgp.createMessage({ binary, date: NOW }),
    encryptionKeys: options.encryptionKeys,
    ...(options.signingKey ? { signingKeys: options.signingKey } : {}),
    date: NOW,
    format: 'binary',
    config: options.compress ? { preferredCompressionAlgorithm: openpgp.enums.compression.zlib } : {},
  });
  return toBase64(encrypted);
}

/** The stanza as delivered to `to`, with the server-stamped `from`. */
export function deliveredStanza(openpgpBase64: string, from: string, to: string, extra = ''): Element {
  const stanza = buildOxMessage({ to, openpgp: openpgpBase64 });
  stanza.attrs.from = from;
  return extra ? parseXml(stanza.toString().replace('</message>', `${extra}</message>`)) : stanza;
}

export async function receive(
  stanza: Element,
  receiver: { jid: string; privateKey: PrivateKey },
  senderKeys: PublicKey[],
  options: Partial<DecryptOxOptions> & { replayCache?: ReplayCache } = {},
): Promise<OxDecryptResult> {
  return decryptOxMessage({
    stanza,
    ownJid: receiver.jid,
    decryptionKeys: [receiver.privateKey],
    senderKeys,
    replayCache: options.replayCache ?? createMemoryReplayCache(),
    now: NOW,
    ...options,
  });
}

export const reason = (r: OxDecryptResult): string => (r.ok ? 'ok' : r.reason);
