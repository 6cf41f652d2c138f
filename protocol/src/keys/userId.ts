// XEP-0373 §3.1 and §4: the sender's key must carry a valid user ID "xmpp:<bare JID>".
import { FULL_SAFE_CONFIG, type Key } from '../crypto/openpgp.ts';
import { bareJid } from '../jid.ts';

/** The OpenPGP user ID naming an XMPP account: `xmpp:user@domain`. */
export function xmppUserId(jid: string): string {
  return `xmpp:${bareJid(jid)}`;
}

/**
 * Whether `key` has a self-certified, unrevoked user ID `xmpp:<jid>` at `date`. The JID part
 * is compared after normalization (XEP-0373 §7.3); the `xmpp:` scheme must match exactly.
 */
export async function hasXmppUserId(key: Key, jid: string, date: Date): Promise<boolean> {
  const wanted = xmppUserId(jid);
  for (const user of key.users) {
    const id = user.userID?.userID;
    if (id === undefined || !id.startsWith('xmpp:')) continue;
    let normalized: string;
    try {
      normalized = xmppUserId(id.slice(5));
    } catch {
      continue;
    }
    if (normalized !== wanted) continue;
    try {
      await user.verify(date, FULL_SAFE_CONFIG);
      return true;
    } catch {
      // revoked or badly signed user ID: keep looking
    }
  }
  return false;
}
