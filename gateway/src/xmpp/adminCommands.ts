// XEP-0133 service administration, run by the gateway component (listed in Prosody's
// `admins`). Each command is one round trip: the form is submitted with the first execute
// (XEP-0050 §3.4). Prosody reports failures as a completed command with an error note.
import { xml, type Element } from '@xmpp/xml';
import { AppError } from '../errors.ts';
import type { GatewayComponent } from './component.ts';

const NS_COMMANDS = 'http://jabber.org/protocol/commands';
const NS_DATA = 'jabber:x:data';
const NS_ADMIN = 'http://jabber.org/protocol/admin';

export interface CommandResult {
  note: { type: string; text: string } | undefined;
  fields: Map<string, string[]>;
}

export async function runAdminCommand(
  component: GatewayComponent,
  domain: string,
  command: string,
  fields: Record<string, string | string[]>,
): Promise<CommandResult> {
  const form = xml(
    'x',
    { xmlns: NS_DATA, type: 'submit' },
    xml('field', { var: 'FORM_TYPE', type: 'hidden' }, xml('value', {}, NS_ADMIN)),
    ...Object.entries(fields).map(([name, value]) =>
      xml('field', { var: name }, ...(Array.isArray(value) ? value : [value]).map((v) => xml('value', {}, v))),
    ),
  );
  const iq = xml('iq', { type: 'set', to: domain, from: component.jid }, xml('command', { xmlns: NS_COMMANDS, node: `${NS_ADMIN}#${command}`, action: 'complete' }, form));
  const reply = await component.request(iq);
  const result = parseCommandResult(reply);
  if (result.note?.type === 'error') throw noteToError(command, result.note.text);
  return result;
}

function parseCommandResult(reply: Element): CommandResult {
  const cmd = reply.getChild('command', NS_COMMANDS);
  const noteEl = cmd?.getChild('note');
  const fields = new Map<string, string[]>();
  for (const f of cmd?.getChild('x', NS_DATA)?.getChildren('field') ?? []) {
    if (f.attrs.var) fields.set(f.attrs.var, f.getChildren('value').map((v) => v.text()));
  }
  return { note: noteEl ? { type: noteEl.attrs.type ?? 'info', text: noteEl.text() } : undefined, fields };
}

function noteToError(command: string, text: string): AppError {
  if (/already exists/i.test(text)) return new AppError('conflict', 'the account already exists');
  if (/does not exist/i.test(text)) return new AppError('not_found', 'no such account');
  return new AppError('internal', `${command} failed: ${text}`);
}

export const addUser = (c: GatewayComponent, domain: string, localpart: string, password: string) =>
  runAdminCommand(c, domain, 'add-user', { accountjid: `${localpart}@${domain}`, password, 'password-verify': password });

export const deleteUser = (c: GatewayComponent, domain: string, localpart: string) =>
  runAdminCommand(c, domain, 'delete-user', { accountjids: `${localpart}@${domain}` });

export const changeUserPassword = (c: GatewayComponent, domain: string, localpart: string, password: string) =>
  runAdminCommand(c, domain, 'change-user-password', { accountjid: `${localpart}@${domain}`, password });

export const endUserSession = (c: GatewayComponent, domain: string, localpart: string) =>
  runAdminCommand(c, domain, 'end-user-session', { accountjids: `${localpart}@${domain}` });

// XEP-0133 §4.3/§4.4; Prosody 0.12 gets them from xmpp-config/modules/mod_sealpost_disable_user.lua.
export const disableUser = (c: GatewayComponent, domain: string, localpart: string) =>
  runAdminCommand(c, domain, 'disable-user', { accountjids: `${localpart}@${domain}` });

export const reenableUser = (c: GatewayComponent, domain: string, localpart: string) =>
  runAdminCommand(c, domain, 'reenable-user', { accountjids: `${localpart}@${domain}` });

export async function onlineUsers(c: GatewayComponent, domain: string): Promise<string[]> {
  const r = await runAdminCommand(c, domain, 'get-online-users-list', { max_items: 'none' });
  return (r.fields.get('onlineuserjids') ?? []).flatMap((v) => v.split('\n')).filter(Boolean);
}
