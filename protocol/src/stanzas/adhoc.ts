// XEP-0050 ad-hoc commands carrying XEP-0133 service administration forms. The gateway's
// component is listed in Prosody's `admins`, so it can run these against the host. The form is
// submitted in the first `execute` (one round trip); Prosody reports failures as
// `status='completed'` with `<note type='error'/>`, so `ok` looks at the notes too.
// Prosody 0.12 implements add-user, delete-user, change-user-password, end-user-session and
// get-online-users-list; disable-user/reenable-user are XEP-0133 §4.x but not in 0.12.
import { type Element, xml } from '../xml/element.ts';
import { NS_ADMIN, NS_COMMANDS, NS_DATA_FORMS } from '../ns.ts';
import { buildDataForm, type DataForm, formValues, parseDataForm, submitForm } from '../forms/dataForm.ts';
import { ProtocolParseError } from '../errors.ts';
import { buildIq, type IqAddressing, iqResultChild } from './iq.ts';

export type AdminCommand =
  | { command: 'add-user'; jid: string; password: string }
  | { command: 'delete-user'; jids: readonly string[] }
  | { command: 'disable-user'; jids: readonly string[] }
  | { command: 'reenable-user'; jids: readonly string[] }
  | { command: 'end-user-session'; jids: readonly string[] }
  | { command: 'change-user-password'; jid: string; password: string }
  | { command: 'get-online-users-list'; max?: number | 'all' };

/** XEP-0133 node of an admin command: `http://jabber.org/protocol/admin#<name>`. */
export function adminNode(command: AdminCommand['command']): string {
  return `${NS_ADMIN}#${command}`;
}

/** The submitted XEP-0133 form for a command (field names per XEP-0133 §4). */
export function adminForm(cmd: AdminCommand): DataForm {
  switch (cmd.command) {
    case 'add-user': // §4.1
      return submitForm(NS_ADMIN, { accountjid: cmd.jid, password: cmd.password, 'password-verify': cmd.password });
    case 'delete-user': // §4.2
    case 'disable-user': // §4.3
    case 'reenable-user': // §4.4
    case 'end-user-session': // §4.5
      return submitForm(NS_ADMIN, { accountjids: cmd.jids });
    case 'change-user-password': // §4.7
      return submitForm(NS_ADMIN, { accountjid: cmd.jid, password: cmd.password });
    case 'get-online-users-list': // §4.14
      return submitForm(NS_ADMIN, { max_items: cmd.max === undefined ? 'all' : String(cmd.max) });
  }
}

/** XEP-0050 §3.4 execute with the form already filled in; `to` is the server domain. */
export function buildAdminCommand(options: IqAddressing & { to: string } & AdminCommand): Element {
  return buildIq(
    'set',
    options,
    xml('command', { xmlns: NS_COMMANDS, node: adminNode(options.command), action: 'execute' }, buildDataForm(adminForm(options))),
  );
}

export type CommandStatus = 'executing' | 'completed' | 'canceled';
export interface CommandNote {
  type: 'info' | 'warn' | 'error';
  text: string;
}

export interface CommandResponse {
  node: string;
  sessionId: string | undefined;
  status: CommandStatus;
  notes: CommandNote[];
  form: DataForm | undefined;
  /** Completed without an error note. */
  ok: boolean;
}

export function parseCommandResponse(stanza: Element): CommandResponse {
  const command = iqResultChild(stanza, 'command', NS_COMMANDS);
  const status = command.attrs.status;
  if (status !== 'executing' && status !== 'completed' && status !== 'canceled') {
    throw new ProtocolParseError('invalid-value', `command status '${status ?? ''}'`);
  }
  const notes = command.getChildren('note', NS_COMMANDS).map((n) => {
    const type = n.attrs.type;
    return { type: type === 'warn' || type === 'error' ? type : 'info', text: n.getText() } as CommandNote;
  });
  const x = command.getChild('x', NS_DATA_FORMS);
  return {
    node: command.attrs.node ?? '',
    sessionId: command.attrs.sessionid,
    status,
    notes,
    form: x ? parseDataForm(x) : undefined,
    ok: status === 'completed' && !notes.some((n) => n.type === 'error'),
  };
}

/** Bare JIDs from a get-online-users-list response (Prosody adds " - resource" detail lines). */
export function parseOnlineUsers(response: CommandResponse): string[] {
  if (!response.form) return [];
  return formValues(response.form, 'onlineuserjids')
    .flatMap((v) => v.split('\n'))
    .map((v) => v.trim())
    .filter((v) => v !== '' && !v.startsWith('-'));
}
