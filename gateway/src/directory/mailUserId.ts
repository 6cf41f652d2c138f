// The Web Key Directory serves a key for `user@domain` only when the key carries that mail
// address in a valid self-certified user ID (draft-koch-openpgp-webkey-service §3.1).
// (Belongs beside hasXmppUserId in protocol/src/keys/userId.ts; kept here until it moves.)
import type { PublicKey } from '@sealpost/protocol';

export async function hasMailUserId(key: PublicKey, address: string, date: Date): Promise<boolean> {
  const wanted = address.toLowerCase();
  for (const user of key.users) {
    if (user.userID?.email.toLowerCase() !== wanted) continue;
    try {
      await user.verify(date);
      return true;
    } catch {
      // revoked or badly signed user ID: keep looking
    }
  }
  return false;
}
