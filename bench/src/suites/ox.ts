// OX message latency (XEP-0373/0374 through @sealpost/protocol): sign+encrypt and
// decrypt+verify (with every receive check: user ID, <to/>, time, replay) of a 200-byte
// message, to one recipient (+ self) and to two recipients (+ self). v4 ECC keys from the
// committed fixtures.
import type { BenchSuite } from '../main.ts';
import { fmt, percentile, timeEach } from '../stats.ts';
import { createMemoryReplayCache, createOxMessage, decryptOxMessage, type Element, oxPayload, parseXml } from '../../../protocol/src/index.ts';
import { fixtureUser } from '../../../tests/fixtures/keys/index.ts';

const SAMPLES = 400;
const WARMUP = 40;

export const suite: BenchSuite = {
  title: 'OX messages: 200-byte body, v4 ed25519/cv25519 keys',
  async run() {
    const alice = await fixtureUser('alice');
    const bob = await fixtureUser('bob');
    const carol = await fixtureUser('carol');
    const body = 'x'.repeat(200);
    const rows: string[][] = [];

    for (const recipients of [[bob], [bob, carol]]) {
      const label = `${recipients.length} recipient${recipients.length > 1 ? 's' : ''} + self`;
      const encrypt = () =>
        createOxMessage({
          to: recipients.map((r) => r.jid),
          stanzaTo: bob.jid,
          payload: oxPayload({ body }),
          recipientKeys: recipients.map((r) => r.publicKey),
          signingKey: alice.privateKey,
        });
      await timeEach(WARMUP, encrypt);
      const stanzas: Element[] = [];
      const encTimes = await timeEach(SAMPLES, async () => {
        const stanza = await encrypt();
        stanzas.push(stanza);
      });
      const wire = stanzas.map((s) => {
        const copy = parseXml(s.toString());
        copy.attrs.from = `${alice.jid}/bench`;
        return copy;
      });
      let replayCache = createMemoryReplayCache();
      const decrypt = (stanza: Element) =>
        decryptOxMessage({ stanza, ownJid: bob.jid, decryptionKeys: [bob.privateKey], senderKeys: [alice.publicKey], replayCache });
      for (const s of wire.slice(0, WARMUP)) await decrypt(s);
      replayCache = createMemoryReplayCache(); // the warm-up messages are seen again below
      let failures = 0;
      const decTimes = await timeEach(SAMPLES, async (i) => {
        const result = await decrypt(wire[i]!);
        if (!result.ok) failures++;
      });
      if (failures > 0) throw new Error(`${failures} messages failed to decrypt`);
      const size = wire[0]!.toString().length;
      rows.push(['sign+encrypt', label, fmt(percentile(encTimes, 50)), fmt(percentile(encTimes, 99)), fmt(1000 / mean(encTimes), 0), String(size)]);
      rows.push(['decrypt+verify', label, fmt(percentile(decTimes, 50)), fmt(percentile(decTimes, 99)), fmt(1000 / mean(decTimes), 0), '']);
    }
    printTable(['operation', 'recipients', 'p50 ms', 'p99 ms', 'msg/s', 'stanza bytes'], rows);
    console.log(`(${SAMPLES} samples each after ${WARMUP} warm-up, one core, Node ${process.version})`);
  },
};

function mean(xs: readonly number[]): number {
  return xs.reduce((a, b) => a + b, 0) / xs.length;
}

export function printTable(header: string[], rows: string[][]): void {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) => '| ' + cells.map((c, i) => c.padEnd(widths[i]!)).join(' | ') + ' |';
  console.log(line(header));
  console.log('|' + widths.map((w) => '-'.repeat(w + 2)).join('|') + '|');
  for (const r of rows) console.log(line(r));
}
