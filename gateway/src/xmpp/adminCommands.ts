// XEP-0133 service administration, run by the gateway component (listed in Prosody's
// `admins`). Stanzas come from protocol/ (buildAdminCommand / parseCommandResponse); this
// file sends them and maps Prosody's error notes to the gateway's error registry.
import { buildAdminCommand, parseCommandResponse, parseOnlineUsers, type AdminCommand, type CommandResponse } from '@sealpost/protocol';
import { AppError } from '../errors.ts';
import type { GatewayComponent } from './component.ts';
import { isValidLocalpart, StanzaRefusedError } from './stanzaGuard.ts';

export async function runAdminCommand(component: GatewayComponent, domain: string, command: AdminCommand): Promise<CommandResponse> {
  const reply = await component.request(buildAdminCommand({ to: domain, from: component.jid, ...command }));
  const response = parseCommandResponse(reply);
  const error = response.notes.find((n) => n.type === 'error');
  if (error) throw noteToError(command.command, error.text);
  if (!response.ok) throw new AppError('internal', `${command.command} did not complete (${response.status})`);
  return response;
}

function noteToError(command: string, text: string): AppError {
  if (/already exists/i.test(text)) return new AppError('conflict', 'the account already exists');
  if (/does not exist/i.test(text)) return new AppError('not_found', 'no such account');
  return new AppError('internal', `${command} failed: ${text}`);
}

/** The account's bare JID; a localpart that is not one (RFC 7622 §3.3) would name another address. */
function jidOf(domain: string, localpart: string): string {
  if (!isValidLocalpart(localpart)) throw new StanzaRefusedError('not a valid XMPP localpart (RFC 7622 §3.3)');
  return `${localpart}@${domain}`;
}

export const addUser = (c: GatewayComponent, domain: string, localpart: string, password: string) =>
  runAdminCommand(c, domain, { command: 'add-user', jid: jidOf(domain, localpart), password });

export const deleteUser = (c: GatewayComponent, domain: string, localpart: string) =>
  runAdminCommand(c, domain, { command: 'delete-user', jids: [jidOf(domain, localpart)] });

export const changeUserPassword = (c: GatewayComponent, domain: string, localpart: string, password: string) =>
  runAdminCommand(c, domain, { command: 'change-user-password', jid: jidOf(domain, localpart), password });

export const endUserSession = (c: GatewayComponent, domain: string, localpart: string) =>
  runAdminCommand(c, domain, { command: 'end-user-session', jids: [jidOf(domain, localpart)] });

// XEP-0133 §4.3/§4.4; Prosody 0.12 gets them from xmpp-config/modules/mod_sealpost_disable_user.lua.
export const disableUser = (c: GatewayComponent, domain: string, localpart: string) =>
  runAdminCommand(c, domain, { command: 'disable-user', jids: [jidOf(domain, localpart)] });

export const reenableUser = (c: GatewayComponent, domain: string, localpart: string) =>
  runAdminCommand(c, domain, { command: 'reenable-user', jids: [jidOf(domain, localpart)] });

export async function onlineUsers(c: GatewayComponent, domain: string): Promise<string[]> {
  return parseOnlineUsers(await runAdminCommand(c, domain, { command: 'get-online-users-list', max: 'all' }));
}
