// A strict JSON parser (RFC 8259) over UTF-8 bytes: no trailing commas, comments, leading zeros,
// raw control characters or NaN; invalid UTF-8 is an error; nesting deeper than 128 is refused;
// repeated keys: the last one wins. Never aborts on bad input: errors come back as text.

export const enum Kind { Null, Bool, Number, String, Array, Object }

export class Value {
  kind: Kind = Kind.Null;
  b: bool = false;
  /** a number's text as written (for exact integers) and as f64 */
  text: string = "";
  num: f64 = 0;
  str: string = "";
  items: Value[] = [];
  keys: string[] = [];
  map: Map<string, Value> = new Map<string, Value>();

  get(key: string): Value | null {
    if (this.kind != Kind.Object || !this.map.has(key)) return null;
    return this.map.get(key);
  }

  typeName(): string {
    switch (this.kind) {
      case Kind.Null: return "null";
      case Kind.Bool: return "boolean";
      case Kind.Number: return "number";
      case Kind.String: return "string";
      case Kind.Array: return "array";
    }
    return "object";
  }

  /** true and the value in intValue when this is a number with an integral value that fits i64 */
  isInteger(): bool {
    if (this.kind != Kind.Number) return false;
    const r = integerOf(this.text);
    return r.ok;
  }

  intValue(): i64 {
    return integerOf(this.text).value;
  }
}

class IntResult {
  ok: bool = false;
  value: i64 = 0;
}

/** The integer a JSON number's text denotes exactly (4, 4.0, 4e0, 40e-1), if it is one and fits i64. */
function integerOf(t: string): IntResult {
  const r = new IntResult();
  let i = 0;
  let neg = false;
  if (t.charCodeAt(0) == 0x2d) { neg = true; i = 1; }
  let digits = "";
  let fracDigits = 0;
  while (i < t.length && t.charCodeAt(i) >= 0x30 && t.charCodeAt(i) <= 0x39) { digits += t.charAt(i); i++; }
  if (i < t.length && t.charCodeAt(i) == 0x2e) {
    i++;
    while (i < t.length && t.charCodeAt(i) >= 0x30 && t.charCodeAt(i) <= 0x39) { digits += t.charAt(i); fracDigits++; i++; }
  }
  let exp: i64 = 0;
  if (i < t.length) {
    i++; // e or E
    let eneg = false;
    if (t.charCodeAt(i) == 0x2d) { eneg = true; i++; } else if (t.charCodeAt(i) == 0x2b) { i++; }
    while (i < t.length) {
      exp = exp * 10 + <i64>(t.charCodeAt(i) - 0x30);
      if (exp > 1000) return r;
      i++;
    }
    if (eneg) exp = -exp;
  }
  exp -= fracDigits;
  // strip leading zeros
  let s = 0;
  while (s < digits.length - 1 && digits.charCodeAt(s) == 0x30) s++;
  digits = digits.substring(s);
  if (exp < 0) {
    const drop = <i32>(-exp);
    if (drop > digits.length) {
      for (let k = 0; k < digits.length; k++) if (digits.charCodeAt(k) != 0x30) return r;
      digits = "0";
    } else {
      for (let k = digits.length - drop; k < digits.length; k++) if (digits.charCodeAt(k) != 0x30) return r;
      digits = digits.substring(0, digits.length - drop);
      if (digits.length == 0) digits = "0";
    }
  } else if (exp > 0) {
    if (digits != "0") {
      if (exp > 19) return r;
      for (let k: i64 = 0; k < exp; k++) digits += "0";
    }
  }
  if (digits.length > 19) return r;
  // accumulate as negative to reach i64.MIN_VALUE
  let v: i64 = 0;
  for (let k = 0; k < digits.length; k++) {
    const d = <i64>(digits.charCodeAt(k) - 0x30);
    if (v < (i64.MIN_VALUE + d) / 10) return r;
    v = v * 10 - d;
  }
  if (!neg) {
    if (v == i64.MIN_VALUE) return r;
    v = -v;
  }
  r.ok = true;
  r.value = v;
  return r;
}

export class ParseResult {
  value: Value | null = null;
  error: string = "";
}

const MAX_DEPTH = 128;

class Parser {
  b: Uint8Array;
  i: i32 = 0;
  err: string = "";

  constructor(b: Uint8Array) {
    this.b = b;
  }

  fail(msg: string): Value | null {
    if (this.err.length == 0) {
      let line = 1, col = 1;
      for (let k = 0; k < this.i && k < this.b.length; k++) {
        if (this.b[k] == 0x0a) { line++; col = 1; } else if ((this.b[k] & 0xc0) != 0x80) col++;
      }
      this.err = msg + " at line " + line.toString() + " column " + col.toString();
    }
    return null;
  }

  peek(): i32 {
    return this.i < this.b.length ? <i32>this.b[this.i] : -1;
  }

  ws(): void {
    while (this.i < this.b.length) {
      const c = this.b[this.i];
      if (c == 0x20 || c == 0x09 || c == 0x0a || c == 0x0d) this.i++; else break;
    }
  }

  literal(word: string): bool {
    if (this.i + word.length > this.b.length) return false;
    for (let k = 0; k < word.length; k++) {
      if (<i32>this.b[this.i + k] != word.charCodeAt(k)) return false;
    }
    this.i += word.length;
    return true;
  }

  value(depth: i32): Value | null {
    if (depth > MAX_DEPTH) return this.fail("nesting deeper than " + MAX_DEPTH.toString());
    this.ws();
    const c = this.peek();
    const v = new Value();
    if (c == 0x7b) {
      this.i++;
      v.kind = Kind.Object;
      this.ws();
      if (this.peek() == 0x7d) { this.i++; return v; }
      while (true) {
        this.ws();
        if (this.peek() != 0x22) return this.fail("expected a string key");
        const k = this.string();
        if (k === null) return null;
        this.ws();
        if (this.peek() != 0x3a) return this.fail("expected ':'");
        this.i++;
        const item = this.value(depth + 1);
        if (item === null) return null;
        if (!v.map.has(k)) v.keys.push(k);
        v.map.set(k, item);
        this.ws();
        const d = this.peek();
        if (d == 0x2c) { this.i++; continue; }
        if (d == 0x7d) { this.i++; return v; }
        return this.fail("expected ',' or '}'");
      }
    }
    if (c == 0x5b) {
      this.i++;
      v.kind = Kind.Array;
      this.ws();
      if (this.peek() == 0x5d) { this.i++; return v; }
      while (true) {
        const item = this.value(depth + 1);
        if (item === null) return null;
        v.items.push(item);
        this.ws();
        const d = this.peek();
        if (d == 0x2c) { this.i++; continue; }
        if (d == 0x5d) { this.i++; return v; }
        return this.fail("expected ',' or ']'");
      }
    }
    if (c == 0x22) {
      const s = this.string();
      if (s === null) return null;
      v.kind = Kind.String;
      v.str = s;
      return v;
    }
    if (c == 0x74) { if (this.literal("true")) { v.kind = Kind.Bool; v.b = true; return v; } return this.fail("invalid literal"); }
    if (c == 0x66) { if (this.literal("false")) { v.kind = Kind.Bool; return v; } return this.fail("invalid literal"); }
    if (c == 0x6e) { if (this.literal("null")) return v; return this.fail("invalid literal"); }
    if (c == 0x2d || (c >= 0x30 && c <= 0x39)) return this.number(v);
    if (c < 0) return this.fail("unexpected end of input");
    return this.fail("unexpected character");
  }

  digits(): i32 {
    const start = this.i;
    while (this.i < this.b.length && this.b[this.i] >= 0x30 && this.b[this.i] <= 0x39) this.i++;
    return this.i - start;
  }

  number(v: Value): Value | null {
    const start = this.i;
    if (this.peek() == 0x2d) this.i++;
    const intStart = this.i;
    const n = this.digits();
    if (n == 0) return this.fail("invalid number");
    if (n > 1 && this.b[intStart] == 0x30) return this.fail("leading zero in a number");
    if (this.peek() == 0x2e) {
      this.i++;
      if (this.digits() == 0) return this.fail("invalid number");
    }
    if (this.peek() == 0x65 || this.peek() == 0x45) {
      this.i++;
      if (this.peek() == 0x2b || this.peek() == 0x2d) this.i++;
      if (this.digits() == 0) return this.fail("invalid number");
    }
    v.kind = Kind.Number;
    v.text = String.UTF8.decodeUnsafe(this.b.dataStart + <usize>start, <usize>(this.i - start));
    v.num = parseFloat(v.text);
    return v;
  }

  hex4(): i32 {
    if (this.i + 4 > this.b.length) return -1;
    let r = 0;
    for (let k = 0; k < 4; k++) {
      const c = <i32>this.b[this.i + k];
      let d = -1;
      if (c >= 0x30 && c <= 0x39) d = c - 0x30;
      else if (c >= 0x61 && c <= 0x66) d = c - 0x61 + 10;
      else if (c >= 0x41 && c <= 0x46) d = c - 0x41 + 10;
      if (d < 0) return -1;
      r = r * 16 + d;
    }
    this.i += 4;
    return r;
  }

  string(): string | null {
    this.i++; // opening quote
    const parts: string[] = [];
    let run = this.i;
    while (true) {
      if (this.i >= this.b.length) { this.fail("unterminated string"); return null; }
      const c = <i32>this.b[this.i];
      if (c == 0x22) {
        parts.push(decodeChecked(this.b, run, this.i));
        this.i++;
        break;
      }
      if (c < 0x20) { this.fail("control character in a string"); return null; }
      if (c == 0x5c) {
        parts.push(decodeChecked(this.b, run, this.i));
        this.i++;
        const e = this.peek();
        this.i++;
        if (e == 0x22) parts.push("\"");
        else if (e == 0x5c) parts.push("\\");
        else if (e == 0x2f) parts.push("/");
        else if (e == 0x62) parts.push("\b");
        else if (e == 0x66) parts.push("\f");
        else if (e == 0x6e) parts.push("\n");
        else if (e == 0x72) parts.push("\r");
        else if (e == 0x74) parts.push("\t");
        else if (e == 0x75) {
          let u = this.hex4();
          if (u < 0) { this.fail("invalid \\u escape"); return null; }
          if (u >= 0xd800 && u <= 0xdbff && this.i + 1 < this.b.length && this.b[this.i] == 0x5c && this.b[this.i + 1] == 0x75) {
            const save = this.i;
            this.i += 2;
            const lo = this.hex4();
            if (lo >= 0xdc00 && lo <= 0xdfff) {
              u = 0x10000 + ((u - 0xd800) << 10) + (lo - 0xdc00);
            } else {
              this.i = save;
              u = 0xfffd;
            }
          } else if (u >= 0xd800 && u <= 0xdfff) {
            u = 0xfffd;
          }
          parts.push(String.fromCodePoint(u));
        } else { this.fail("invalid escape"); return null; }
        run = this.i;
        continue;
      }
      if (c < 0x80) { this.i++; continue; }
      const len = utf8Len(this.b, this.i);
      if (len == 0) { this.fail("invalid UTF-8"); return null; }
      this.i += len;
    }
    return parts.join("");
  }
}

function decodeChecked(b: Uint8Array, from: i32, to: i32): string {
  if (to <= from) return "";
  return String.UTF8.decodeUnsafe(b.dataStart + <usize>from, <usize>(to - from));
}

/** The length of the valid UTF-8 sequence at i, or 0 when it is not one (overlong, surrogate, > U+10FFFF, cut). */
export function utf8Len(b: Uint8Array, i: i32): i32 {
  const c = <i32>b[i];
  let n = 0, min = 0, cp = 0;
  if (c >= 0xc2 && c <= 0xdf) { n = 2; cp = c & 0x1f; min = 0x80; }
  else if (c >= 0xe0 && c <= 0xef) { n = 3; cp = c & 0x0f; min = 0x800; }
  else if (c >= 0xf0 && c <= 0xf4) { n = 4; cp = c & 0x07; min = 0x10000; }
  else return 0;
  if (i + n > b.length) return 0;
  for (let k = 1; k < n; k++) {
    const d = <i32>b[i + k];
    if ((d & 0xc0) != 0x80) return 0;
    cp = (cp << 6) | (d & 0x3f);
  }
  if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return 0;
  return n;
}

/** Bytes as text: invalid UTF-8 becomes U+FFFD. */
export function decodeLossy(b: Uint8Array): string {
  const parts: string[] = [];
  let run = 0;
  let i = 0;
  while (i < b.length) {
    if (b[i] < 0x80) { i++; continue; }
    const n = utf8Len(b, i);
    if (n > 0) { i += n; continue; }
    parts.push(decodeChecked(b, run, i));
    parts.push("\uFFFD");
    i++;
    run = i;
  }
  parts.push(decodeChecked(b, run, b.length));
  return parts.join("");
}

/** Parses one JSON document (a leading UTF-8 byte order mark and surrounding whitespace allowed). */
export function parse(bytes: Uint8Array): ParseResult {
  const p = new Parser(bytes);
  if (bytes.length >= 3 && bytes[0] == 0xef && bytes[1] == 0xbb && bytes[2] == 0xbf) p.i = 3;
  const r = new ParseResult();
  const v = p.value(0);
  if (v !== null) {
    p.ws();
    if (p.i < bytes.length) {
      p.fail("text after the JSON document");
      r.error = p.err;
      return r;
    }
    r.value = v;
  } else {
    r.error = p.err;
  }
  return r;
}

/** A string as a JSON string literal (control characters escaped; lone surrogates as U+FFFD). */
export function quote(s: string): string {
  const parts: string[] = ["\""];
  let run = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    let rep: string | null = null;
    if (c == 0x22) rep = "\\\"";
    else if (c == 0x5c) rep = "\\\\";
    else if (c == 0x0a) rep = "\\n";
    else if (c == 0x0d) rep = "\\r";
    else if (c == 0x09) rep = "\\t";
    else if (c < 0x20 || c == 0x7f) rep = "\\u00" + (c < 16 ? "0" : "") + c.toString(16);
    else if (c >= 0xd800 && c <= 0xdbff) {
      if (i + 1 < s.length && s.charCodeAt(i + 1) >= 0xdc00 && s.charCodeAt(i + 1) <= 0xdfff) { i++; continue; }
      rep = "\uFFFD";
    } else if (c >= 0xdc00 && c <= 0xdfff) rep = "\uFFFD";
    if (rep !== null) {
      parts.push(s.substring(run, i));
      parts.push(rep);
      run = i + 1;
    }
  }
  parts.push(s.substring(run));
  parts.push("\"");
  return parts.join("");
}
