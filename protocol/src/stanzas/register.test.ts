import test from 'ava';
import {
  buildCancelRegistration,
  buildChangePassword,
  buildRegister,
  buildRegistrationFormRequest,
  parseRegisterRequest,
  parseRegisterResult,
  parseRegistrationForm,
} from './register.ts';
import { iqResult, overTheWire } from '../xml/testWire.ts';
import { parseXml } from '../xml/parse.ts';
import { ProtocolParseError } from '../errors.ts';

test('registration, password change and cancellation requests round-trip', (t) => {
  const reg = overTheWire(buildRegister({ username: 'alice', password: 'pw<&>' }));
  t.is(reg.attrs.type, 'set');
  t.deepEqual(parseRegisterRequest(reg), { username: 'alice', password: 'pw<&>', remove: false });
  const change = overTheWire(buildChangePassword({ to: 'localhost', username: 'alice', password: 'new' }));
  t.is(change.attrs.to, 'localhost');
  t.deepEqual(parseRegisterRequest(change), { username: 'alice', password: 'new', remove: false });
  t.true(parseRegisterRequest(overTheWire(buildCancelRegistration())).remove);
  t.is(overTheWire(buildRegistrationFormRequest({ to: 'localhost' })).attrs.type, 'get');
});

test('the registration form lists legacy fields and the data form (XEP-0077 §3.1, §4)', (t) => {
  const query = parseXml(
    `<query xmlns='jabber:iq:register'><instructions>Choose</instructions><username/><password/>` +
      `<x xmlns='jabber:x:data' type='form'><field var='FORM_TYPE' type='hidden'><value>jabber:iq:register</value></field><field var='username' type='text-single'/></x></query>`,
  );
  const form = parseRegistrationForm(iqResult(query));
  t.false(form.registered);
  t.is(form.instructions, 'Choose');
  t.deepEqual(form.fields, ['username', 'password']);
  t.is(form.form?.formType, 'jabber:iq:register');
  t.true(parseRegistrationForm(iqResult(parseXml(`<query xmlns='jabber:iq:register'><registered/><username>a</username></query>`))).registered);
});

test('registration results: success, and conflict as a typed error', (t) => {
  t.notThrows(() => parseRegisterResult(iqResult(null)));
  const conflict = parseXml(
    `<iq type='error' id='r'><error type='cancel'><conflict xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/><text xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'>taken</text></error></iq>`,
  );
  const err = t.throws(() => parseRegisterResult(conflict), { instanceOf: ProtocolParseError });
  t.is(err?.condition, 'conflict');
});
