// MD5 for name-based uuids (version 3, as Java's UUID.nameUUIDFromBytes), and ISO-8601 times.

const S: u8[] = [7, 12, 17, 22, 7, 12, 17, 22, 7, 12, 17, 22, 7, 12, 17, 22,
  5, 9, 14, 20, 5, 9, 14, 20, 5, 9, 14, 20, 5, 9, 14, 20,
  4, 11, 16, 23, 4, 11, 16, 23, 4, 11, 16, 23, 4, 11, 16, 23,
  6, 10, 15, 21, 6, 10, 15, 21, 6, 10, 15, 21, 6, 10, 15, 21];

function md5(msg: Uint8Array): Uint8Array {
  const K = new StaticArray<u32>(64);
  for (let i = 0; i < 64; i++) K[i] = <u32>(<u64>Math.floor(Math.abs(Math.sin(<f64>(i + 1))) * 4294967296.0));
  const n = msg.length;
  const total = ((n + 8) / 64 + 1) * 64;
  const m = new Uint8Array(total);
  m.set(msg);
  m[n] = 0x80;
  const bits = <u64>n * 8;
  for (let i = 0; i < 8; i++) m[total - 8 + i] = <u8>(bits >> (<u64>(8 * i)));
  let a0: u32 = 0x67452301, b0: u32 = 0xefcdab89, c0: u32 = 0x98badcfe, d0: u32 = 0x10325476;
  const w = new StaticArray<u32>(16);
  for (let off = 0; off < total; off += 64) {
    for (let j = 0; j < 16; j++) {
      w[j] = <u32>m[off + 4 * j] | (<u32>m[off + 4 * j + 1] << 8) | (<u32>m[off + 4 * j + 2] << 16) | (<u32>m[off + 4 * j + 3] << 24);
    }
    let a = a0, b = b0, c = c0, d = d0;
    for (let i = 0; i < 64; i++) {
      let f: u32, g: i32;
      if (i < 16) { f = (b & c) | (~b & d); g = i; }
      else if (i < 32) { f = (d & b) | (~d & c); g = (5 * i + 1) % 16; }
      else if (i < 48) { f = b ^ c ^ d; g = (3 * i + 5) % 16; }
      else { f = c ^ (b | ~d); g = (7 * i) % 16; }
      f = f + a + K[i] + w[g];
      a = d; d = c; c = b;
      b = b + rotl<u32>(f, <u32>S[i]);
    }
    a0 += a; b0 += b; c0 += c; d0 += d;
  }
  const out = new Uint8Array(16);
  const words: u32[] = [a0, b0, c0, d0];
  for (let i = 0; i < 4; i++) for (let j = 0; j < 4; j++) out[4 * i + j] = <u8>(words[i] >> (<u32>(8 * j)));
  return out;
}

const HEX = "0123456789abcdef";

/** Java's UUID.nameUUIDFromBytes(name as UTF-8). */
export function uuidFromName(name: string): string {
  const d = md5(Uint8Array.wrap(String.UTF8.encode(name, false, String.UTF8.ErrorMode.REPLACE)));
  d[6] = (d[6] & 0x0f) | 0x30;
  d[8] = (d[8] & 0x3f) | 0x80;
  let s = "";
  for (let i = 0; i < 16; i++) {
    if (i == 4 || i == 6 || i == 8 || i == 10) s += "-";
    s += HEX.charAt(d[i] >> 4) + HEX.charAt(d[i] & 15);
  }
  return s;
}

function pad(v: i64, width: i32): string {
  let s = v.toString();
  while (s.length < width) s = "0" + s;
  return s;
}

/** Seconds since the epoch as an ISO-8601 instant: 2026-11-25T17:11:39Z. */
export function iso8601(secs: i64): string {
  let days = secs / 86400;
  let rem = secs % 86400;
  if (rem < 0) { rem += 86400; days -= 1; }
  // civil_from_days (H. Hinnant)
  const z = days + 719468;
  const era = (z >= 0 ? z : z - 146096) / 146097;
  const doe = z - era * 146097;
  const yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  let y = yoe + era * 400;
  const doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const mp = (5 * doy + 2) / 153;
  const d = doy - (153 * mp + 2) / 5 + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  if (m <= 2) y += 1;
  return pad(y, 4) + "-" + pad(m, 2) + "-" + pad(d, 2) + "T" + pad(rem / 3600, 2) + ":" + pad((rem % 3600) / 60, 2) + ":" + pad(rem % 60, 2) + "Z";
}
