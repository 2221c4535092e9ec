import type * as Crypto from 'crypto';
import * as fs from 'fs';

/**
 * SHA-256 and random ids without loading `node:crypto`. Loading that module
 * costs 7–10 ms of CPU in a fresh Node process (measured on Node 20 and 24),
 * a quarter of what an agent-hook call does after Node has started, and the
 * hook only hashes a few small texts and makes one id
 * (bench/checkpoint.bench.ts). Results are identical to `node:crypto`'s;
 * large inputs still go to it, where its native speed outweighs the load.
 */

/**
 * Above this many bytes loading the native hash costs less than hashing in
 * a fresh process, where V8 has not optimised this code yet (about 1 ms per
 * KiB there; crossover measured at 4–8 KiB on Node 20).
 */
const JS_HASH_MAX_BYTES = 4 * 1024;

let nativeCrypto: typeof Crypto | undefined;

/** `node:crypto`, loaded on first use. */
function crypto(): typeof Crypto {
  // process.getBuiltinModule: Node 20.16+ and 22.3+; module.require elsewhere.
  nativeCrypto ??= process.getBuiltinModule?.('crypto') ?? (module.require('crypto') as typeof Crypto);
  return nativeCrypto;
}

// First 32 bits of the fractional parts of the cube roots of the first 64 primes (FIPS 180-4, 4.2.2).
const K = new Int32Array([
  0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5, 0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
  0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da, 0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
  0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85, 0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
  0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3, 0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
]);

/** The message padded to whole 64-byte blocks: a 1 bit, zeros, the bit length (FIPS 180-4, 5.1.1). */
function padded(data: Uint8Array): Uint8Array {
  const buf = new Uint8Array(Math.ceil((data.length + 9) / 64) * 64);
  buf.set(data);
  buf[data.length] = 0x80;
  const view = new DataView(buf.buffer);
  const bits = data.length * 8;
  view.setUint32(buf.length - 8, Math.floor(bits / 0x100000000));
  view.setUint32(buf.length - 4, bits >>> 0);
  return buf;
}

// One function with plain integer locals: a fresh process runs it in V8's
// interpreter and baseline compiler, where every call and property access counts.
function sha256Js(data: Uint8Array): string {
  const m = padded(data);
  const h = new Int32Array([0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19]);
  const w = new Int32Array(64);
  for (let off = 0; off < m.length; off += 64) {
    for (let t = 0, i = off; t < 16; t++, i += 4) w[t] = (m[i] << 24) | (m[i + 1] << 16) | (m[i + 2] << 8) | m[i + 3];
    for (let t = 16; t < 64; t++) {
      const x = w[t - 15];
      const y = w[t - 2];
      const s0 = ((x >>> 7) | (x << 25)) ^ ((x >>> 18) | (x << 14)) ^ (x >>> 3);
      const s1 = ((y >>> 17) | (y << 15)) ^ ((y >>> 19) | (y << 13)) ^ (y >>> 10);
      w[t] = (w[t - 16] + s0 + w[t - 7] + s1) | 0;
    }
    let a = h[0], b = h[1], c = h[2], d = h[3], e = h[4], f = h[5], g = h[6], hh = h[7];
    for (let t = 0; t < 64; t++) {
      const t1 = (hh + (((e >>> 6) | (e << 26)) ^ ((e >>> 11) | (e << 21)) ^ ((e >>> 25) | (e << 7))) + ((e & f) ^ (~e & g)) + K[t] + w[t]) | 0;
      const t2 = ((((a >>> 2) | (a << 30)) ^ ((a >>> 13) | (a << 19)) ^ ((a >>> 22) | (a << 10))) + ((a & b) ^ (a & c) ^ (b & c))) | 0;
      hh = g;
      g = f;
      f = e;
      e = (d + t1) | 0;
      d = c;
      c = b;
      b = a;
      a = (t1 + t2) | 0;
    }
    h[0] += a;
    h[1] += b;
    h[2] += c;
    h[3] += d;
    h[4] += e;
    h[5] += f;
    h[6] += g;
    h[7] += hh;
  }
  let hex = '';
  for (let i = 0; i < 8; i++) hex += (h[i] >>> 0).toString(16).padStart(8, '0');
  return hex;
}

/** SHA-256 (hex) of a text's UTF-8 bytes, or of bytes; the same as `createHash('sha256')`. */
export function sha256Hex(input: string | Uint8Array): string {
  const data = typeof input === 'string' ? Buffer.from(input, 'utf8') : input;
  if (data.length > JS_HASH_MAX_BYTES) return crypto().createHash('sha256').update(data).digest('hex');
  return sha256Js(data);
}

/** 16 bytes from the kernel's random source (`/dev/urandom`), or undefined where there is none. */
function urandom16(): Uint8Array | undefined {
  let fd: number | undefined;
  try {
    fd = fs.openSync('/dev/urandom', 'r');
    const b = new Uint8Array(16);
    return fs.readSync(fd, b, 0, 16, null) === 16 ? b : undefined;
  } catch {
    return undefined;
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
}

/** A random (version 4) UUID, like `crypto.randomUUID()`. */
export function randomUuid(): string {
  const b = urandom16();
  if (!b) return crypto().randomUUID();
  b[6] = (b[6] & 0x0f) | 0x40;
  b[8] = (b[8] & 0x3f) | 0x80;
  const hex = Buffer.from(b).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
