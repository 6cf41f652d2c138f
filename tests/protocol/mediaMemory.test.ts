// Encrypted media streams hold a few chunks, whatever the file size: 64 MiB through encryption
// and decryption chained together, with the peak of live ArrayBuffer memory sampled meanwhile.
import test from 'ava';
import { CHUNK_BYTES, createDecryptStream, createEncryptStream, generateMediaParams, randomBytes } from '../../protocol/src/index.ts';

const TOTAL = 64 * 1024 * 1024;

test('64 MiB encrypt -> decrypt in constant memory, byte-exact', async (t) => {
  const params = generateMediaParams();
  const block = randomBytes(64 * 1024);
  let produced = 0;
  const source = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (produced >= TOTAL) return controller.close();
      const chunk = block.slice(); // a fresh buffer per chunk, as a file reader gives
      chunk[0] = produced / block.length; // vary the content a little
      controller.enqueue(chunk);
      produced += chunk.length;
    },
  });
  const base = process.memoryUsage().arrayBuffers;
  let peak = base;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().arrayBuffers)), 5);
  let received = 0;
  let mismatch = false;
  const reader = source.pipeThrough(createEncryptStream(params)).pipeThrough(createDecryptStream(params)).getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      for (let i = 1; i < value.length; i += 4099) {
        if (value[i] !== block[(received + i) % block.length]) mismatch = true;
      }
      received += value.length;
      peak = Math.max(peak, process.memoryUsage().arrayBuffers);
    }
  } finally {
    clearInterval(sampler);
  }
  t.is(received, TOTAL);
  t.false(mismatch);
  const grownMiB = (peak - base) / 2 ** 20;
  // A few chunks in flight plus garbage not yet collected; holding the file would be >= 64 MiB.
  t.true(grownMiB < 32, `peak ArrayBuffer growth ${grownMiB.toFixed(1)} MiB (chunks of ${CHUNK_BYTES / 1024} KiB)`);
  t.log(`peak ArrayBuffer growth ${grownMiB.toFixed(1)} MiB for ${TOTAL / 2 ** 20} MiB`);
});
