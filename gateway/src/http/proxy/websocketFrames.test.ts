import test from 'ava';
import { createFrameValidator } from './websocketFrames.ts';

/** A masked client frame (RFC 6455 §5.2) with `payload`. */
function frame(opcode: number, payload: Buffer, fin = true): Buffer {
  const len = payload.length;
  const ext = len < 126 ? Buffer.from([0x80 | len]) : len < 65536 ? Buffer.from([0x80 | 126, len >> 8, len & 0xff]) : Buffer.concat([Buffer.from([0x80 | 127]), (() => { const b = Buffer.alloc(8); b.writeBigUInt64BE(BigInt(len)); return b; })()]);
  return Buffer.concat([Buffer.from([(fin ? 0x80 : 0) | opcode]), ext, Buffer.from([1, 2, 3, 4]), payload]);
}

async function run(input: Buffer, maxPayload = 1 << 20, chunk = 7): Promise<{ out: Buffer; error?: string }> {
  const v = createFrameValidator({ maxPayload });
  const parts: Buffer[] = [];
  v.on('data', (d: Buffer) => parts.push(d));
  return new Promise((resolve) => {
    v.on('error', (err) => resolve({ out: Buffer.concat(parts), error: err.message }));
    v.on('end', () => resolve({ out: Buffer.concat(parts) }));
    for (let i = 0; i < input.length; i += chunk) v.write(input.subarray(i, i + chunk));
    v.end();
    v.resume();
  });
}

test('well-formed frames pass unchanged, whatever the chunking', async (t) => {
  const input = Buffer.concat([frame(1, Buffer.from('<open/>')), frame(9, Buffer.alloc(0)), frame(1, Buffer.alloc(70_000, 0x3c)), frame(8, Buffer.from([3, 232]))]);
  for (const chunk of [1, 3, 7, 4096, input.length]) {
    const r = await run(input, 1 << 20, chunk);
    t.is(r.error, undefined);
    t.true(r.out.equals(input));
  }
});

test('an HTTP request instead of frames is an error', async (t) => {
  t.regex((await run(Buffer.from('GET / HTTP/1.1\r\n\r\n'))).error ?? '', /reserved bits|opcode|masked/);
});

test('unmasked frames, reserved opcodes and long control frames are errors', async (t) => {
  const unmasked = frame(1, Buffer.from('<a/>'));
  unmasked[1] = unmasked[1]! & 0x7f;
  t.regex((await run(unmasked)).error ?? '', /masked/);
  t.regex((await run(frame(3, Buffer.from('x')))).error ?? '', /opcode/);
  t.regex((await run(frame(9, Buffer.alloc(126)))).error ?? '', /control/);
  t.regex((await run(frame(9, Buffer.alloc(1), false))).error ?? '', /control/);
});

test('a frame over the size limit is cut after its header and nothing more passes', async (t) => {
  const big = frame(1, Buffer.alloc(2000, 0x61));
  const r = await run(Buffer.concat([frame(1, Buffer.from('<a/>')), big, frame(1, Buffer.from('<b/>'))]), 1000);
  t.is(r.error, undefined);
  t.is(r.out.length, frame(1, Buffer.from('<a/>')).length + 2 + 2 + 4);
});
