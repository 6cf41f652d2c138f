// Guards the shape of the protocol package: runtime-neutral (it runs in browsers too), one
// owning file per outside library (house rule 2), namespaces in one file (house rule 3).
import test from 'ava';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const SRC = join(dirname(fileURLToPath(import.meta.url)), '../../protocol/src');

function sources(dir = SRC): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sources(path);
    return name.endsWith('.ts') && !name.endsWith('.test.ts') && !name.endsWith('.d.ts') ? [path] : [];
  });
}

const files = sources().map((path) => ({ path: relative(SRC, path), text: readFileSync(path, 'utf8') }));
const code = (text: string) => text.replace(/\/\/.*$/gm, '').replace(/\/\*[\s\S]*?\*\//g, '');

test('no Node built-ins, Buffer, process or DOM globals in protocol/src', (t) => {
  t.true(files.length > 30);
  for (const { path, text } of files) {
    const c = code(text);
    t.notRegex(c, /from ['"]node:|require\(|\bBuffer\b|\bprocess\.|\bdocument\.|\bwindow\./, path);
  }
});

test('imports are relative, or the two owned libraries from their owning file', (t) => {
  for (const { path, text } of files) {
    for (const [, spec] of text.matchAll(/^import[^'"]*['"]([^'"]+)['"]/gm)) {
      if (spec!.startsWith('.')) continue;
      const owner = spec === 'openpgp' ? 'crypto/openpgp.ts' : spec === '@xmpp/xml' ? 'xml/element.ts' : undefined;
      t.true(owner === path, `${path} imports ${spec}`);
    }
  }
});

test('namespace strings live in ns.ts only', (t) => {
  for (const { path, text } of files) {
    if (path === 'ns.ts' || path === 'xml/testWire.ts') continue;
    t.notRegex(code(text), /['"`](urn:xmpp:|urn:ietf:params:xml:ns|http:\/\/jabber\.org\/protocol|jabber:(client|server|x:|iq:))/, path);
  }
});
