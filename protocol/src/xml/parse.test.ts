import test from 'ava';
import { parseXml } from './parse.ts';
import { ProtocolParseError } from '../errors.ts';

const code = (fn: () => unknown) => {
  try {
    fn();
  } catch (err) {
    return err instanceof ProtocolParseError ? err.code : `other: ${String(err)}`;
  }
  return 'no error';
};

test('parses elements, attributes, predefined and numeric entities, CDATA', (t) => {
  const el = parseXml(`<a xmlns='urn:x' k="&lt;v&gt;">x &amp; y &#65;&#x42;<b><![CDATA[<raw>]]></b></a>`);
  t.is(el.name, 'a');
  t.is(el.attrs.k, '<v>');
  t.is(el.getText(), 'x & y AB');
  t.is(el.getChild('b')?.getText(), '<raw>');
  t.is(el.getChild('b')?.getNS(), 'urn:x');
});

test('tolerates a leading XML declaration and surrounding whitespace', (t) => {
  t.is(parseXml(`  <?xml version='1.0' encoding='UTF-8'?>\n<a/>\n`).name, 'a');
});

test('rejects DOCTYPE and entity declarations (billion laughs, XXE)', (t) => {
  t.is(code(() => parseXml(`<!DOCTYPE a [<!ENTITY x "y">]><a>&x;</a>`)), 'xml-forbidden');
  t.is(code(() => parseXml(`<!DOCTYPE a SYSTEM "file:///etc/passwd"><a/>`)), 'xml-forbidden');
  t.is(code(() => parseXml(`<a><!ENTITY x "y"></a>`)), 'xml-forbidden');
});

test('rejects undefined entities, comments and processing instructions', (t) => {
  t.is(code(() => parseXml(`<a>&xxe;</a>`)), 'xml-malformed');
  t.is(code(() => parseXml(`<a><!-- hidden --></a>`)), 'xml-forbidden');
  t.is(code(() => parseXml(`<a><?php echo 1 ?></a>`)), 'xml-forbidden');
});

test('a "<!" inside CDATA is data, not markup', (t) => {
  t.is(parseXml(`<a><![CDATA[<!DOCTYPE>]]></a>`).getText(), '<!DOCTYPE>');
});

test('rejects several roots, unclosed and mismatched tags, text outside the root', (t) => {
  t.is(code(() => parseXml(`<a/><b/>`)), 'xml-malformed');
  t.is(code(() => parseXml(`<a><b></a>`)), 'xml-malformed');
  t.is(code(() => parseXml(`<a><b>`)), 'xml-malformed');
  t.is(code(() => parseXml(`<a/>trailing`)), 'xml-malformed');
  t.is(code(() => parseXml(`text<a/>`)), 'xml-malformed');
  t.is(code(() => parseXml(``)), 'xml-malformed');
});

test('bounds depth, element count and length', (t) => {
  const deep = (n: number) => '<a>'.repeat(n) + '</a>'.repeat(n);
  t.is(parseXml(deep(32)).name, 'a');
  t.is(code(() => parseXml(deep(33))), 'xml-limit');
  t.is(code(() => parseXml(deep(100_000))), 'xml-limit');
  t.is(code(() => parseXml(`<a>${'<b/>'.repeat(2000)}</a>`)), 'xml-limit');
  t.is(code(() => parseXml(`<a>${'x'.repeat(100)}</a>`, { maxLength: 50 })), 'xml-limit');
});
