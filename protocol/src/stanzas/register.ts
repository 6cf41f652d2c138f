// XEP-0077 in-band registration (jabber:iq:register): form request (§3.1), registration
// (§3.1), password change (§3.3) and cancellation (§3.2). @xmpp/client has no support, so
// the web client and the gateway build these here. Prosody accepts registration only from
// loopback in our setup (the gateway registers on the user's behalf).
import { type Element, childElements, xml } from '../xml/element.ts';
import { NS_DATA_FORMS, NS_REGISTER } from '../ns.ts';
import { type DataForm, parseDataForm } from '../forms/dataForm.ts';
import { buildIq, type IqAddressing, iqResultChild } from './iq.ts';

/** §3.1 step 1: ask the server which fields it needs. */
export function buildRegistrationFormRequest(addressing: IqAddressing = {}): Element {
  return buildIq('get', addressing, xml('query', { xmlns: NS_REGISTER }));
}

export interface RegistrationForm {
  /** §3.1: `<registered/>` present: this account already exists (when authenticated). */
  registered: boolean;
  instructions: string | undefined;
  /** Names of the legacy fields asked for (username, password, email...). */
  fields: string[];
  /** §4: the extensible data form, when the server sends one. */
  form: DataForm | undefined;
}

export function parseRegistrationForm(stanza: Element): RegistrationForm {
  const query = iqResultChild(stanza, 'query', NS_REGISTER);
  const x = query.getChild('x', NS_DATA_FORMS);
  return {
    registered: query.getChild('registered', NS_REGISTER) !== undefined,
    instructions: query.getChildText('instructions', NS_REGISTER) ?? undefined,
    fields: childElements(query)
      .filter((c) => c.getNS() === NS_REGISTER && !['registered', 'instructions', 'remove'].includes(c.name))
      .map((c) => c.name),
    form: x ? parseDataForm(x) : undefined,
  };
}

/** §3.1 step 3: register `username` with `password` (also §3.3 password change). */
export function buildRegister(options: IqAddressing & { username: string; password: string }): Element {
  return buildIq(
    'set',
    options,
    xml('query', { xmlns: NS_REGISTER }, xml('username', {}, options.username), xml('password', {}, options.password)),
  );
}

/** §3.3: change the password of the logged-in account; `to` is the server domain. */
export function buildChangePassword(options: IqAddressing & { to: string; username: string; password: string }): Element {
  return buildRegister(options);
}

/** §3.2: cancel the registration (delete the logged-in account). */
export function buildCancelRegistration(addressing: IqAddressing = {}): Element {
  return buildIq('set', addressing, xml('query', { xmlns: NS_REGISTER }, xml('remove')));
}

export interface RegisterRequest {
  username: string | undefined;
  password: string | undefined;
  remove: boolean;
}

/** The request as the server sees it (for fakes and tests). */
export function parseRegisterRequest(stanza: Element): RegisterRequest {
  const query = stanza.getChild('query', NS_REGISTER);
  return {
    username: query?.getChildText('username', NS_REGISTER) ?? undefined,
    password: query?.getChildText('password', NS_REGISTER) ?? undefined,
    remove: query?.getChild('remove', NS_REGISTER) !== undefined,
  };
}

/** Checks a §3.1-§3.3 reply: resolves on success, throws ProtocolParseError('stanza-error') with the condition (conflict, not-acceptable, not-authorized...). */
export function parseRegisterResult(stanza: Element): void {
  iqResultChild(stanza, 'query', NS_REGISTER, true);
}
