import test from 'ava';
import { buildFileMetadata, parseFileMetadata } from './fileMetadata.ts';
import { overTheWire } from '../xml/testWire.ts';

test('file metadata round-trips with a thumbnail', (t) => {
  const meta = { name: 'a.png', mediaType: 'image/png', size: 1234, width: 10, height: 20, thumbnail: { uri: 'data:image/jpeg;base64,AAAA', mediaType: 'image/jpeg', width: 5, height: 10 } };
  t.deepEqual(parseFileMetadata(overTheWire(buildFileMetadata(meta))), meta);
});

test('an SVG or remote thumbnail is dropped', (t) => {
  const svg = buildFileMetadata({ name: 'x', thumbnail: { uri: 'data:image/svg+xml;base64,AAAA', mediaType: 'image/svg+xml' } });
  t.is(parseFileMetadata(overTheWire(svg)).thumbnail, undefined);
  const remote = buildFileMetadata({ name: 'x', thumbnail: { uri: 'https://evil.example/x.png', mediaType: 'image/png' } });
  t.is(parseFileMetadata(overTheWire(remote)).thumbnail, undefined);
});
