import test from 'ava';
import { buildDataForm, type DataForm, formValue, formValues, parseDataForm, submitForm } from './dataForm.ts';
import { parseXml } from '../xml/parse.ts';

test('a form with every part survives build -> string -> parse', (t) => {
  const form: DataForm = {
    type: 'form',
    formType: 'urn:example:form',
    title: 'Adding a User',
    instructions: ['Fill out this form.', 'Then submit it.'],
    fields: [
      { var: 'accountjid', type: 'jid-single', label: 'JID', required: true, values: ['a@b'] },
      { var: 'accountjids', type: 'jid-multi', values: ['a@b', 'c@d'] },
      { var: 'max_items', type: 'list-single', values: ['25'], options: [{ label: 'Twenty-five', value: '25' }, { value: 'all' }] },
      { var: 'note', type: 'fixed', values: [] },
    ],
  };
  t.deepEqual(parseDataForm(parseXml(buildDataForm(form).toString())), form);
});

test('submitForm skips undefined values and keeps multi values', (t) => {
  const form = submitForm('urn:x', { a: '1', b: undefined, c: ['x', 'y'] });
  t.deepEqual(form, { type: 'submit', formType: 'urn:x', fields: [{ var: 'a', values: ['1'] }, { var: 'c', values: ['x', 'y'] }] });
  const parsed = parseDataForm(parseXml(buildDataForm(form).toString()));
  t.is(formValue(parsed, 'a'), '1');
  t.deepEqual(formValues(parsed, 'c'), ['x', 'y']);
  t.is(formValue(parsed, 'b'), undefined);
});

test('rejects unknown form and field types', (t) => {
  t.throws(() => parseDataForm(parseXml(`<x xmlns='jabber:x:data' type='bogus'/>`)));
  t.throws(() => parseDataForm(parseXml(`<x xmlns='jabber:x:data' type='form'><field var='a' type='weird'/></x>`)));
  t.throws(() => parseDataForm(parseXml(`<x xmlns='urn:other' type='form'/>`)));
});
