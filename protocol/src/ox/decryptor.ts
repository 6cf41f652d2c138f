// A decryptor bound to one account: our JID, keys, sender-key lookup, clock and replay cache
// (in memory unless one is injected). The gateway and the web client create one per session.
import type { Element } from '../xml/element.ts';
import type { PrivateKey } from '../crypto/openpgp.ts';
import type { Clock } from '../datetime.ts';
import { decryptOxMessage, type OxDecryptPolicy, type SenderKeys } from './decrypt.ts';
import { createMemoryReplayCache, type ReplayCache } from './replay.ts';
import type { OxDecryptResult } from './result.ts';

export interface OxDecryptorDeps {
  ownJid: string;
  decryptionKeys: readonly PrivateKey[];
  /** Announced keys of a sender, read through the import policy (cache them). */
  senderKeys: SenderKeys;
  replayCache?: ReplayCache;
  clock?: Clock;
  policy?: OxDecryptPolicy;
}

export interface OxDecryptContext {
  receivedAt?: Date;
  occurrence?: string;
}

export interface OxDecryptor {
  decrypt(stanza: Element, context?: OxDecryptContext): Promise<OxDecryptResult>;
}

export function createOxDecryptor(deps: OxDecryptorDeps): OxDecryptor {
  const clock = deps.clock ?? (() => new Date());
  const replayCache = deps.replayCache ?? createMemoryReplayCache({ now: () => clock().getTime() });
  return {
    decrypt(stanza, context = {}) {
      return decryptOxMessage({
        ...deps.policy,
        ...context,
        stanza,
        ownJid: deps.ownJid,
        decryptionKeys: deps.decryptionKeys,
        senderKeys: deps.senderKeys,
        replayCache,
        now: clock(),
      });
    },
  };
}
