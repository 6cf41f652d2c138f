// XEP-0004 data forms: the envelope of MAM queries (XEP-0313 §4.1), ad-hoc admin commands
// (XEP-0133), PubSub publish-options (XEP-0060 §7.1.5), registration forms (XEP-0077 §4) and
// disco extensions (XEP-0128). Multi-item results (<reported/>, <item/>) are not used by
// Sealpost and are not parsed.
import { type Element, expectElement, optionalAttr, xml } from '../xml/element.ts';
import { NS_DATA_FORMS } from '../ns.ts';
import { ProtocolParseError } from '../errors.ts';

/** XEP-0004 §3.1 form types. */
export type DataFormType = 'form' | 'submit' | 'cancel' | 'result';
/** XEP-0004 §3.3 field types. */
export type DataFieldType =
  | 'boolean'
  | 'fixed'
  | 'hidden'
  | 'jid-multi'
  | 'jid-single'
  | 'list-multi'
  | 'list-single'
  | 'text-multi'
  | 'text-private'
  | 'text-single';

export interface DataFormField {
  var: string;
  type?: DataFieldType;
  label?: string;
  required?: boolean;
  values: string[];
  options?: { label?: string; value: string }[];
}

export interface DataForm {
  type: DataFormType;
  /** Value of the hidden FORM_TYPE field (XEP-0068), kept apart from `fields`. */
  formType?: string;
  title?: string;
  instructions?: string[];
  fields: DataFormField[];
}

const FORM_TYPES: readonly string[] = ['form', 'submit', 'cancel', 'result'];
const FIELD_TYPES: readonly string[] = [
  'boolean', 'fixed', 'hidden', 'jid-multi', 'jid-single', 'list-multi', 'list-single', 'text-multi', 'text-private', 'text-single',
];

export function buildDataForm(form: DataForm): Element {
  return xml(
    'x',
    { xmlns: NS_DATA_FORMS, type: form.type },
    form.title !== undefined ? xml('title', {}, form.title) : null,
    (form.instructions ?? []).map((line) => xml('instructions', {}, line)),
    form.formType !== undefined
      ? xml('field', { var: 'FORM_TYPE', type: 'hidden' }, xml('value', {}, form.formType))
      : null,
    form.fields.map((field) =>
      xml(
        'field',
        { var: field.var, type: field.type, label: field.label },
        field.required ? xml('required') : null,
        field.values.map((v) => xml('value', {}, v)),
        (field.options ?? []).map((o) => xml('option', { label: o.label }, xml('value', {}, o.value))),
      ),
    ),
  );
}

export function parseDataForm(el: Element): DataForm {
  expectElement(el, 'x', NS_DATA_FORMS);
  const type = el.attrs.type;
  if (type === undefined || !FORM_TYPES.includes(type)) {
    throw new ProtocolParseError('invalid-value', `data form type '${type ?? ''}' is invalid`);
  }
  const form: DataForm = { type: type as DataFormType, fields: [] };
  const title = el.getChild('title', NS_DATA_FORMS);
  if (title) form.title = title.getText();
  const instructions = el.getChildren('instructions', NS_DATA_FORMS).map((i) => i.getText());
  if (instructions.length > 0) form.instructions = instructions;
  for (const f of el.getChildren('field', NS_DATA_FORMS)) {
    const field = parseField(f);
    if (field.var === 'FORM_TYPE' && field.type === 'hidden') form.formType = field.values[0];
    else if (field.var === 'FORM_TYPE' && form.formType === undefined) form.formType = field.values[0];
    else form.fields.push(field);
  }
  return form;
}

function parseField(f: Element): DataFormField {
  const fieldVar = optionalAttr(f, 'var') ?? '';
  const type = f.attrs.type;
  if (type !== undefined && !FIELD_TYPES.includes(type)) {
    throw new ProtocolParseError('invalid-value', `field '${fieldVar}' has unknown type '${type}'`);
  }
  const field: DataFormField = { var: fieldVar, values: f.getChildren('value', NS_DATA_FORMS).map((v) => v.getText()) };
  if (type !== undefined) field.type = type as DataFieldType;
  const label = optionalAttr(f, 'label');
  if (label !== undefined) field.label = label;
  if (f.getChild('required', NS_DATA_FORMS)) field.required = true;
  const options = f.getChildren('option', NS_DATA_FORMS).map((o) => {
    const option: { label?: string; value: string } = { value: o.getChildText('value', NS_DATA_FORMS) ?? '' };
    const optionLabel = optionalAttr(o, 'label');
    if (optionLabel !== undefined) option.label = optionLabel;
    return option;
  });
  if (options.length > 0) field.options = options;
  return field;
}

/** First value of a field, `undefined` when the field is absent or empty. */
export function formValue(form: DataForm, fieldVar: string): string | undefined {
  return form.fields.find((f) => f.var === fieldVar)?.values[0];
}

/** All values of a field (empty when absent). */
export function formValues(form: DataForm, fieldVar: string): string[] {
  return form.fields.find((f) => f.var === fieldVar)?.values ?? [];
}

/** A `submit` form from a FORM_TYPE and plain values (undefined values are left out). */
export function submitForm(formType: string, values: Record<string, string | readonly string[] | undefined>): DataForm {
  const fields: DataFormField[] = [];
  for (const [key, value] of Object.entries(values)) {
    if (value === undefined) continue;
    fields.push({ var: key, values: typeof value === 'string' ? [value] : [...value] });
  }
  return { type: 'submit', formType, fields };
}
