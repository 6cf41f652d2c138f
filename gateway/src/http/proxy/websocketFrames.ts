// Checks, without buffering or unmasking, that what a client sends after the opening handshake
// is a sequence of well-formed client-to-server WebSocket frames (RFC 6455 §5.2): reserved bits
// clear (no extension is negotiated), a defined opcode, masked (§5.1), control frames final and
// at most 125 bytes (§5.5), and a 64-bit length with its top bit clear. Bytes pass through
// unchanged; the first violation ends the stream with an error, so nothing but frames reaches
// Prosody on an upgraded connection.
//
// A frame longer than the stanza size limit (RFC 7395 §3.3.3: one frame is one stanza) is cut
// after its header: Prosody sees the header, refuses the frame with <policy-violation/> and
// closes the stream, and the rest of what the client sends is dropped. Prosody has then read
// everything it was sent, so its close is orderly and its stream error reaches the client
// (closing with unread bytes would reset the connection and lose that error).
import { Transform, type TransformCallback } from 'node:stream';

export class FrameError extends Error {
  override name = 'FrameError';
}

const OPCODES = new Set([0x0, 0x1, 0x2, 0x8, 0x9, 0xa]);

export function createFrameValidator(options: { maxPayload: number }): Transform {
  const maxPayload = BigInt(options.maxPayload);
  let header = Buffer.alloc(0); // bytes of a frame header not yet complete
  let payloadLeft = 0n; // payload bytes of the current frame still to pass
  let dropping = false; // an oversized frame's header went through; nothing more does
  return new Transform({
    transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback) {
      if (dropping) {
        callback();
        return;
      }
      let i = 0;
      try {
        while (i < chunk.length) {
          if (payloadLeft > 0n) {
            const n = Number(payloadLeft < BigInt(chunk.length - i) ? payloadLeft : BigInt(chunk.length - i));
            payloadLeft -= BigInt(n);
            i += n;
            continue;
          }
          // Accumulate a header byte by byte only when it spans chunks (rare).
          const need = headerLength(header, chunk, i);
          const available = header.length + chunk.length - i;
          if (need === undefined || available < need) {
            header = Buffer.concat([header, chunk.subarray(i)]);
            i = chunk.length;
            if (header.length > 14) throw new FrameError('frame header too long');
            break;
          }
          const take = need - header.length;
          const full = Buffer.concat([header, chunk.subarray(i, i + take)]);
          header = Buffer.alloc(0);
          i += take;
          payloadLeft = checkHeader(full);
          if (payloadLeft > maxPayload) {
            dropping = true;
            callback(null, chunk.subarray(0, i));
            return;
          }
        }
      } catch (err) {
        callback(err as Error);
        return;
      }
      callback(null, chunk);
    },
  });
}

/** The full header length once its first two bytes are known. */
function headerLength(pending: Buffer, chunk: Buffer, at: number): number | undefined {
  const byte = (k: number): number | undefined => (k < pending.length ? pending[k] : chunk[at + k - pending.length]);
  const second = byte(1);
  if (second === undefined) return undefined;
  const len7 = second & 0x7f;
  return 2 + (len7 === 126 ? 2 : len7 === 127 ? 8 : 0) + 4;
}

function checkHeader(h: Buffer): bigint {
  const b0 = h[0]!;
  const b1 = h[1]!;
  const fin = (b0 & 0x80) !== 0;
  const opcode = b0 & 0x0f;
  if ((b0 & 0x70) !== 0) throw new FrameError('reserved bits set without a negotiated extension (RFC 6455 §5.2)');
  if (!OPCODES.has(opcode)) throw new FrameError(`reserved opcode ${opcode} (RFC 6455 §5.2)`);
  if ((b1 & 0x80) === 0) throw new FrameError('client frames must be masked (RFC 6455 §5.1)');
  const len7 = b1 & 0x7f;
  let length: bigint;
  if (len7 === 126) length = BigInt(h.readUInt16BE(2));
  else if (len7 === 127) {
    length = h.readBigUInt64BE(2);
    if (length >> 63n !== 0n) throw new FrameError('64-bit length with its top bit set (RFC 6455 §5.2)');
  } else length = BigInt(len7);
  if (opcode >= 0x8 && (!fin || length > 125n)) throw new FrameError('control frames are final and at most 125 bytes (RFC 6455 §5.5)');
  return length;
}
