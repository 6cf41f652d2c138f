import test from 'ava';
import { adminForm, type AdminCommand, adminNode, buildAdminCommand, parseCommandResponse, parseOnlineUsers } from './adhoc.ts';
import { iqResult, overTheWire } from '../xml/testWire.ts';
import { parseDataForm } from '../forms/dataForm.ts';
import { parseXml } from '../xml/parse.ts';

const COMMANDS: AdminCommand[] = [
  { command: 'add-user', jid: 'dave@localhost', password: 'pw' },
  { command: 'delete-user', jids: ['dave@localhost', 'eve@localhost'] },
  { command: 'disable-user', jids: ['dave@localhost'] },
  { command: 'reenable-user', jids: ['dave@localhost'] },
  { command: 'end-user-session', jids: ['dave@localhost'] },
  { command: 'change-user-password', jid: 'dave@localhost', password: 'pw2' },
  { command: 'get-online-users-list', max: 25 },
];

test('each XEP-0133 command carries its node and a submitted form that round-trips', (t) => {
  for (const cmd of COMMANDS) {
    const el = overTheWire(buildAdminCommand({ to: 'localhost', ...cmd }));
    const command = el.getChild('command', 'http://jabber.org/protocol/commands');
    t.is(command?.attrs.node, adminNode(cmd.command));
    t.is(command?.attrs.action, 'execute');
    const form = parseDataForm(command!.getChild('x', 'jabber:x:data')!);
    t.deepEqual(form, adminForm(cmd), cmd.command);
    t.is(form.formType, 'http://jabber.org/protocol/admin');
  }
});

test('add-user sends password-verify; end-user-session sends jid-multi values', (t) => {
  const add = adminForm({ command: 'add-user', jid: 'a@b', password: 'p' });
  t.deepEqual(add.fields.map((f) => f.var), ['accountjid', 'password', 'password-verify']);
  t.deepEqual(adminForm({ command: 'end-user-session', jids: ['a@b', 'c@d'] }).fields, [{ var: 'accountjids', values: ['a@b', 'c@d'] }]);
});

test('completed responses with info and error notes (Prosody style)', (t) => {
  const ok = parseCommandResponse(
    iqResult(parseXml(`<command xmlns='http://jabber.org/protocol/commands' node='http://jabber.org/protocol/admin#add-user' status='completed' sessionid='s1'><note type='info'>Account successfully created</note></command>`)),
  );
  t.true(ok.ok);
  t.is(ok.sessionId, 's1');
  t.deepEqual(ok.notes, [{ type: 'info', text: 'Account successfully created' }]);
  const failed = parseCommandResponse(
    iqResult(parseXml(`<command xmlns='http://jabber.org/protocol/commands' node='n' status='completed'><note type='error'>Account already exists</note></command>`)),
  );
  t.false(failed.ok);
  t.is(failed.notes[0]?.text, 'Account already exists');
});

test('online users are read from the result form, detail lines dropped', (t) => {
  const response = parseCommandResponse(
    iqResult(
      parseXml(
        `<command xmlns='http://jabber.org/protocol/commands' node='n' status='completed'><x xmlns='jabber:x:data' type='result'>` +
          `<field var='FORM_TYPE' type='hidden'><value>http://jabber.org/protocol/admin</value></field>` +
          `<field var='onlineuserjids' type='text-multi'><value>alice@localhost</value><value> - web: available(0), IP: [127.0.0.1]</value><value>bob@localhost</value></field></x></command>`,
      ),
    ),
  );
  t.deepEqual(parseOnlineUsers(response), ['alice@localhost', 'bob@localhost']);
});
