// GHASH (NIST SP 800-38D §6.4), the authenticator of AES-GCM, in plain TypeScript. WebCrypto
// has AES-GCM only as a one-shot call; streaming a file in constant memory needs AES-CTR (which
// WebCrypto can resume at any counter) plus this GHASH. Verified against WebCrypto AES-GCM in
// ghash.test.ts and gcmStream.test.ts.
//
// Multiplication by H uses 8-bit tables (Shoup's method): for each of the 16 byte positions p
// and byte values b, T[p][b] = (b at position p) * H. X * H is then the XOR of 16 table rows.
// Values are four big-endian 32-bit words; bit 0 of GCM is the most significant bit of word 0.

const R = 0xe1000000; // x^128 + x^7 + x^2 + x + 1, reflected

export class Ghash {
  /** 16 positions x 256 bytes x 4 words = 64 KiB. */
  private readonly table = new Int32Array(16 * 256 * 4);
  private y0 = 0;
  private y1 = 0;
  private y2 = 0;
  private y3 = 0;
  private finished = false;

  constructor(h: Uint8Array) {
    if (h.length !== 16) throw new RangeError('GHASH key must be 16 bytes');
    const t = this.table;
    let v0 = word(h, 0);
    let v1 = word(h, 4);
    let v2 = word(h, 8);
    let v3 = word(h, 12);
    // V_i = H * x^i for the 128 bit positions; bit i lives in byte i>>3 as mask 0x80 >> (i&7).
    for (let i = 0; i < 128; i++) {
      const row = ((i >> 3) * 256 + (0x80 >> (i & 7))) * 4;
      t[row] = v0;
      t[row + 1] = v1;
      t[row + 2] = v2;
      t[row + 3] = v3;
      const lsb = v3 & 1;
      v3 = (v3 >>> 1) | (v2 << 31);
      v2 = (v2 >>> 1) | (v1 << 31);
      v1 = (v1 >>> 1) | (v0 << 31);
      v0 = (v0 >>> 1) ^ (lsb ? R : 0);
    }
    // Fill every other byte value from its single-bit components (linearity of the product).
    for (let p = 0; p < 16; p++) {
      const base = p * 256;
      for (let b = 1; b < 256; b++) {
        const low = b & -b;
        if (low === b) continue;
        const dst = (base + b) * 4;
        const a = (base + (b ^ low)) * 4;
        const c = (base + low) * 4;
        t[dst] = t[a]! ^ t[c]!;
        t[dst + 1] = t[a + 1]! ^ t[c + 1]!;
        t[dst + 2] = t[a + 2]! ^ t[c + 2]!;
        t[dst + 3] = t[a + 3]! ^ t[c + 3]!;
      }
    }
  }

  /**
   * Absorbs `data`. All calls but the last must pass a multiple of 16 bytes; a trailing
   * partial block is zero-padded (GCM pads C and A this way) and ends the input.
   */
  update(data: Uint8Array): void {
    if (this.finished) throw new Error('GHASH: data after a partial block');
    const full = data.length & ~15;
    if (full > 0) this.blocks(data, full);
    if (full < data.length) {
      const last = new Uint8Array(16);
      last.set(data.subarray(full));
      this.blocks(last, 16);
      this.finished = true;
    }
  }

  /** Absorbs the length block [len(A)]64 || [len(C)]64 (in bytes here, bits on the wire) and returns S. */
  finish(aadBytes: number, dataBytes: number): Uint8Array {
    const block = new Uint8Array(16);
    const view = new DataView(block.buffer);
    writeBits(view, 0, aadBytes);
    writeBits(view, 8, dataBytes);
    this.finished = false;
    this.blocks(block, 16);
    this.finished = true;
    const out = new Uint8Array(16);
    const o = new DataView(out.buffer);
    o.setInt32(0, this.y0);
    o.setInt32(4, this.y1);
    o.setInt32(8, this.y2);
    o.setInt32(12, this.y3);
    return out;
  }

  private blocks(d: Uint8Array, length: number): void {
    const t = this.table;
    let y0 = this.y0;
    let y1 = this.y1;
    let y2 = this.y2;
    let y3 = this.y3;
    const dv = new DataView(d.buffer, d.byteOffset, d.byteLength);
    for (let i = 0; i < length; i += 16) {
      y0 ^= dv.getInt32(i);
      y1 ^= dv.getInt32(i + 4);
      y2 ^= dv.getInt32(i + 8);
      y3 ^= dv.getInt32(i + 12);
      let z0 = 0;
      let z1 = 0;
      let z2 = 0;
      let z3 = 0;
      let k: number;
      // One row per byte of Y: byte p of Y selects row T[p][byte].
      k = (y0 >>> 24) << 2; z0 ^= t[k]!; z1 ^= t[k + 1]!; z2 ^= t[k + 2]!; z3 ^= t[k + 3]!;
      k = (256 + ((y0 >>> 16) & 255)) << 2; z0 ^= t[k]!; z1 ^= t[k + 1]!; z2 ^= t[k + 2]!; z3 ^= t[k + 3]!;
      k = (512 + ((y0 >>> 8) & 255)) << 2; z0 ^= t[k]!; z1 ^= t[k + 1]!; z2 ^= t[k + 2]!; z3 ^= t[k + 3]!;
      k = (768 + (y0 & 255)) << 2; z0 ^= t[k]!; z1 ^= t[k + 1]!; z2 ^= t[k + 2]!; z3 ^= t[k + 3]!;
      k = (1024 + (y1 >>> 24)) << 2; z0 ^= t[k]!; z1 ^= t[k + 1]!; z2 ^= t[k + 2]!; z3 ^= t[k + 3]!;
      k = (1280 + ((y1 >>> 16) & 255)) << 2; z0 ^= t[k]!; z1 ^= t[k + 1]!; z2 ^= t[k + 2]!; z3 ^= t[k + 3]!;
      k = (1536 + ((y1 >>> 8) & 255)) << 2; z0 ^= t[k]!; z1 ^= t[k + 1]!; z2 ^= t[k + 2]!; z3 ^= t[k + 3]!;
      k = (1792 + (y1 & 255)) << 2; z0 ^= t[k]!; z1 ^= t[k + 1]!; z2 ^= t[k + 2]!; z3 ^= t[k + 3]!;
      k = (2048 + (y2 >>> 24)) << 2; z0 ^= t[k]!; z1 ^= t[k + 1]!; z2 ^= t[k + 2]!; z3 ^= t[k + 3]!;
      k = (2304 + ((y2 >>> 16) & 255)) << 2; z0 ^= t[k]!; z1 ^= t[k + 1]!; z2 ^= t[k + 2]!; z3 ^= t[k + 3]!;
      k = (2560 + ((y2 >>> 8) & 255)) << 2; z0 ^= t[k]!; z1 ^= t[k + 1]!; z2 ^= t[k + 2]!; z3 ^= t[k + 3]!;
      k = (2816 + (y2 & 255)) << 2; z0 ^= t[k]!; z1 ^= t[k + 1]!; z2 ^= t[k + 2]!; z3 ^= t[k + 3]!;
      k = (3072 + (y3 >>> 24)) << 2; z0 ^= t[k]!; z1 ^= t[k + 1]!; z2 ^= t[k + 2]!; z3 ^= t[k + 3]!;
      k = (3328 + ((y3 >>> 16) & 255)) << 2; z0 ^= t[k]!; z1 ^= t[k + 1]!; z2 ^= t[k + 2]!; z3 ^= t[k + 3]!;
      k = (3584 + ((y3 >>> 8) & 255)) << 2; z0 ^= t[k]!; z1 ^= t[k + 1]!; z2 ^= t[k + 2]!; z3 ^= t[k + 3]!;
      k = (3840 + (y3 & 255)) << 2; z0 ^= t[k]!; z1 ^= t[k + 1]!; z2 ^= t[k + 2]!; z3 ^= t[k + 3]!;
      y0 = z0;
      y1 = z1;
      y2 = z2;
      y3 = z3;
    }
    this.y0 = y0;
    this.y1 = y1;
    this.y2 = y2;
    this.y3 = y3;
  }
}

function word(b: Uint8Array, i: number): number {
  return (b[i]! << 24) | (b[i + 1]! << 16) | (b[i + 2]! << 8) | b[i + 3]!;
}

/** Writes a byte count as a 64-bit big-endian bit count. */
function writeBits(view: DataView, offset: number, bytes: number): void {
  const bits = bytes * 8; // exact up to 2^53
  view.setUint32(offset, Math.floor(bits / 2 ** 32));
  view.setUint32(offset + 4, bits >>> 0);
}
