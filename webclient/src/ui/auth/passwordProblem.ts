// The reason a new password is refused, in the reader's language, before it is sent: the
// same preparation the gateway applies (RFC 8265 OpaqueString, refusing what SASLprep would
// change; docs/passwords.md), so the form and the server never disagree.
import { formatCodePoint, type PasswordProblemCode, preparePassword } from '@sealpost/protocol/password/opaqueString.ts';
import type { MessageKey, Params } from '../../i18n/i18n.ts';

type Translate = (key: MessageKey, params?: Params) => string;

/** Every problem code has a message (the compiler checks the tables hold them). */
const keyOf = (code: PasswordProblemCode): MessageKey => `password.problem.${code}`;

/** What is wrong with `password` as a new password, or undefined; `minLength` counts prepared characters. */
export function newPasswordError(t: Translate, password: string, minLength: number): string | undefined {
  if (password === '') return undefined;
  const prepared = preparePassword(password);
  if (!prepared.ok) {
    const { code, codePoint } = prepared.problem;
    return t(keyOf(code), { char: codePoint === undefined ? '' : formatCodePoint(codePoint) });
  }
  if ([...prepared.password].length < minLength) return t('signup.short', { count: minLength });
  return undefined;
}
