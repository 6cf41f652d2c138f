// SASL PLAIN (RFC 4616 §2) carries the password as UTF-8. @xmpp/sasl base64-encodes the
// mechanism's message with btoa, one byte per character, and @xmpp/sasl-plain puts the
// password in as given: a password with any character above U+007F would go out as Latin-1
// (or throw in btoa above U+00FF). So the PLAIN password is given as the binary string of
// the UTF-8 bytes of the prepared password (docs/passwords.md).
import { passwordForLogin } from '@sealpost/protocol/password/opaqueString.ts';

export function plainPassword(typed: string): string {
  let s = '';
  for (const b of new TextEncoder().encode(passwordForLogin(typed))) s += String.fromCharCode(b);
  return s;
}
