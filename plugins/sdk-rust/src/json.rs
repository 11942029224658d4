//! A strict JSON (RFC 8259) parser and writer, because the crate may not depend on serde.
//!
//! The parser never panics: every byte is looked at through bounds-checked accessors, nesting is
//! capped at [`MAX_DEPTH`] (so recursion cannot exhaust the stack) and every failure is a
//! [`ParseError`] with line and column. Numbers keep the text they were written as, so that
//! `9007199254740993` stays exact and `4.0` can still be read as the integer 4.

use std::fmt;

/// Deepest nesting of arrays and objects the parser accepts (as the C SDK).
pub const MAX_DEPTH: usize = 128;

/// A JSON value. Objects keep their members in document order; [`Value::get`] returns the last
/// of repeated keys, as most JSON readers (Jackson included) do.
#[derive(Clone, Debug, PartialEq)]
pub enum Value {
    Null,
    Bool(bool),
    /// The number as written in the document (always valid JSON number syntax).
    Number(String),
    String(String),
    Array(Vec<Value>),
    Object(Vec<(String, Value)>),
}

/// Why a document is not JSON, and where (1-based line and column, in characters).
#[derive(Clone, Debug, PartialEq)]
pub struct ParseError {
    pub message: String,
    pub line: usize,
    pub column: usize,
    pub at_end: bool,
}

impl fmt::Display for ParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let place = if self.at_end { "at end of input" } else { "at" };
        write!(f, "{} {} (line {}, column {})", self.message, place, self.line, self.column)
    }
}

impl std::error::Error for ParseError {}

impl Value {
    /// Parses one document (a UTF-8 byte order mark is tolerated); nothing but whitespace may follow.
    pub fn parse(text: &[u8]) -> Result<Value, ParseError> {
        let mut p = Parser { text, pos: 0, depth: 0 };
        if text.starts_with(&[0xEF, 0xBB, 0xBF]) {
            p.pos = 3;
        }
        let v = p.value()?;
        p.skip_ws();
        if p.pos < text.len() {
            return Err(p.error("unexpected text after the document"));
        }
        Ok(v)
    }

    /// The JSON type's name, for error messages: "null", "boolean", "number", "string", "array", "object".
    pub fn type_name(&self) -> &'static str {
        match self {
            Value::Null => "null",
            Value::Bool(_) => "boolean",
            Value::Number(_) => "number",
            Value::String(_) => "string",
            Value::Array(_) => "array",
            Value::Object(_) => "object",
        }
    }

    /// An object member (the last one when the key is repeated); `None` for anything else.
    pub fn get(&self, key: &str) -> Option<&Value> {
        match self {
            Value::Object(members) => members.iter().rev().find(|(k, _)| k == key).map(|(_, v)| v),
            _ => None,
        }
    }

    pub fn is_null(&self) -> bool {
        matches!(self, Value::Null)
    }

    pub fn as_str(&self) -> Option<&str> {
        match self {
            Value::String(s) => Some(s),
            _ => None,
        }
    }

    pub fn as_bool(&self) -> Option<bool> {
        match self {
            Value::Bool(b) => Some(*b),
            _ => None,
        }
    }

    /// An integral number that fits in i64: `4`, `-3`, `4.0`, `4e0`, `1.5e1`; `None` otherwise.
    /// Computed from the text, so large integers are exact (no detour through f64).
    pub fn as_i64(&self) -> Option<i64> {
        match self {
            Value::Number(raw) => integral(raw),
            _ => None,
        }
    }

    pub fn as_f64(&self) -> Option<f64> {
        match self {
            Value::Number(raw) => raw.parse::<f64>().ok(),
            _ => None,
        }
    }

    pub fn as_array(&self) -> Option<&[Value]> {
        match self {
            Value::Array(items) => Some(items),
            _ => None,
        }
    }

    pub fn as_object(&self) -> Option<&[(String, Value)]> {
        match self {
            Value::Object(members) => Some(members),
            _ => None,
        }
    }

    /// Compact JSON text (numbers as written, strings escaped as [`write_string`] does).
    pub fn to_json(&self) -> String {
        let mut out = String::new();
        self.write(&mut out);
        out
    }

    fn write(&self, out: &mut String) {
        match self {
            Value::Null => out.push_str("null"),
            Value::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
            Value::Number(raw) => out.push_str(raw),
            Value::String(s) => write_string(out, s),
            Value::Array(items) => {
                out.push('[');
                for (i, v) in items.iter().enumerate() {
                    if i > 0 {
                        out.push(',');
                    }
                    v.write(out);
                }
                out.push(']');
            }
            Value::Object(members) => {
                out.push('{');
                for (i, (k, v)) in members.iter().enumerate() {
                    if i > 0 {
                        out.push(',');
                    }
                    write_string(out, k);
                    out.push(':');
                    v.write(out);
                }
                out.push('}');
            }
        }
    }
}

/// Appends `s` as a JSON string. Control characters and DEL are escaped so that the output is
/// plain, printable text whatever a plugin read from a file; a Rust `str` is always valid UTF-8.
pub fn write_string(out: &mut String, s: &str) {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\u{8}' => out.push_str("\\b"),
            '\u{c}' => out.push_str("\\f"),
            c if (c as u32) < 0x20 || c as u32 == 0x7f => {
                let b = c as u32 as usize;
                out.push_str("\\u00");
                out.push(HEX[(b >> 4) & 15] as char);
                out.push(HEX[b & 15] as char);
            }
            c => out.push(c),
        }
    }
    out.push('"');
}

/// The exact integer a JSON number denotes, if it is one and fits in i64.
fn integral(raw: &str) -> Option<i64> {
    let (negative, body) = match raw.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, raw),
    };
    let (mantissa, exponent) = match body.find(|c: char| c == 'e' || c == 'E') {
        Some(i) => (&body[..i], body[i + 1..].parse::<i64>().ok()?),
        None => (body, 0),
    };
    let (int_part, frac_part) = match mantissa.find('.') {
        Some(i) => (&mantissa[..i], &mantissa[i + 1..]),
        None => (mantissa, ""),
    };
    // digits d1..dn with the decimal point moved: value = digits * 10^(exponent - frac_len)
    let digits: String = format!("{}{}", int_part, frac_part);
    let digits = digits.trim_start_matches('0');
    let frac_len = i64::try_from(frac_part.len()).ok()?;
    let mut shift = exponent.checked_sub(frac_len)?;
    let mut digits = digits.to_string();
    while shift < 0 {
        // dropping a trailing digit is exact only when it is 0
        match digits.pop() {
            Some('0') => shift += 1,
            Some(_) => return None,
            None => return Some(0),
        }
    }
    if digits.is_empty() {
        return Some(0);
    }
    if shift > 19 {
        return None;
    }
    let mut value: i128 = 0;
    for d in digits.bytes() {
        if !d.is_ascii_digit() {
            return None;
        }
        value = value.checked_mul(10)?.checked_add(i128::from(d.checked_sub(b'0')?))?;
        if value > i128::from(i64::MAX) + 1 {
            return None;
        }
    }
    for _ in 0..shift {
        value = value.checked_mul(10)?;
        if value > i128::from(i64::MAX) + 1 {
            return None;
        }
    }
    let value = if negative { -value } else { value };
    i64::try_from(value).ok()
}

struct Parser<'a> {
    text: &'a [u8],
    pos: usize,
    depth: usize,
}

impl<'a> Parser<'a> {
    fn peek(&self) -> Option<u8> {
        self.text.get(self.pos).copied()
    }

    fn error(&self, message: &str) -> ParseError {
        let end = self.pos.min(self.text.len());
        let consumed = self.text.get(..end).unwrap_or(&[]);
        let mut line = 1;
        let mut column = 1;
        for &b in consumed {
            if b == b'\n' {
                line += 1;
                column = 1;
            } else if b & 0xC0 != 0x80 {
                column += 1; // count characters, not UTF-8 continuation bytes
            }
        }
        ParseError { message: message.to_string(), line, column, at_end: self.pos >= self.text.len() }
    }

    fn skip_ws(&mut self) {
        while let Some(b' ' | b'\t' | b'\n' | b'\r') = self.peek() {
            self.pos += 1;
        }
    }

    fn value(&mut self) -> Result<Value, ParseError> {
        self.skip_ws();
        match self.peek() {
            None => Err(self.error("value expected")),
            Some(b'{') => self.container(true),
            Some(b'[') => self.container(false),
            Some(b'"') => Ok(Value::String(self.string()?)),
            Some(b't') => self.literal("true", Value::Bool(true)),
            Some(b'f') => self.literal("false", Value::Bool(false)),
            Some(b'n') => self.literal("null", Value::Null),
            Some(b'-' | b'0'..=b'9') => self.number(),
            Some(_) => Err(self.error("unexpected character")),
        }
    }

    fn literal(&mut self, word: &str, v: Value) -> Result<Value, ParseError> {
        if self.text.get(self.pos..self.pos + word.len()) == Some(word.as_bytes()) {
            self.pos += word.len();
            Ok(v)
        } else {
            Err(self.error("unexpected character"))
        }
    }

    fn digits(&mut self) -> usize {
        let start = self.pos;
        while let Some(b'0'..=b'9') = self.peek() {
            self.pos += 1;
        }
        self.pos - start
    }

    fn number(&mut self) -> Result<Value, ParseError> {
        let start = self.pos;
        if self.peek() == Some(b'-') {
            self.pos += 1;
        }
        match self.peek() {
            Some(b'0') => {
                self.pos += 1;
                if let Some(b'0'..=b'9') = self.peek() {
                    return Err(self.error("leading zero in number"));
                }
            }
            Some(b'1'..=b'9') => {
                self.digits();
            }
            _ => return Err(self.error("invalid number")),
        }
        if self.peek() == Some(b'.') {
            self.pos += 1;
            if self.digits() == 0 {
                return Err(self.error("digit expected after decimal point"));
            }
        }
        if let Some(b'e' | b'E') = self.peek() {
            self.pos += 1;
            if let Some(b'+' | b'-') = self.peek() {
                self.pos += 1;
            }
            if self.digits() == 0 {
                return Err(self.error("digit expected in exponent"));
            }
        }
        let raw = self.text.get(start..self.pos).unwrap_or(b"0");
        // only ASCII digits, signs, '.', 'e' were accepted above
        Ok(Value::Number(String::from_utf8_lossy(raw).into_owned()))
    }

    fn hex4(&mut self) -> Result<u32, ParseError> {
        let mut v = 0u32;
        for _ in 0..4 {
            let d = match self.peek() {
                None => return Err(self.error("truncated \\u escape")),
                Some(b) => (b as char).to_digit(16),
            };
            match d {
                Some(d) => v = (v << 4) | d,
                None => return Err(self.error("invalid \\u escape (4 hex digits expected)")),
            }
            self.pos += 1;
        }
        Ok(v)
    }

    /// A `\u` escape (after the `u`); surrogate pairs combine, a lone surrogate becomes U+FFFD.
    fn unicode_escape(&mut self) -> Result<char, ParseError> {
        let hi = self.hex4()?;
        if (0xD800..=0xDBFF).contains(&hi) {
            if self.text.get(self.pos..self.pos + 2) == Some(b"\\u") {
                let save = self.pos;
                self.pos += 2;
                let lo = self.hex4()?;
                if (0xDC00..=0xDFFF).contains(&lo) {
                    let cp = 0x10000 + ((hi - 0xD800) << 10) + (lo - 0xDC00);
                    return Ok(char::from_u32(cp).unwrap_or('\u{FFFD}'));
                }
                self.pos = save; // not a pair: the second escape is read on its own
            }
            return Ok('\u{FFFD}');
        }
        Ok(char::from_u32(hi).unwrap_or('\u{FFFD}'))
    }

    fn string(&mut self) -> Result<String, ParseError> {
        self.pos += 1; // opening quote
        let mut out = String::new();
        loop {
            let b = match self.peek() {
                None => return Err(self.error("unterminated string")),
                Some(b) => b,
            };
            match b {
                b'"' => {
                    self.pos += 1;
                    return Ok(out);
                }
                0..=0x1F => return Err(self.error("control character in string (must be escaped)")),
                b'\\' => {
                    self.pos += 1;
                    let e = match self.peek() {
                        None => return Err(self.error("unterminated escape")),
                        Some(e) => e,
                    };
                    self.pos += 1;
                    match e {
                        b'"' => out.push('"'),
                        b'\\' => out.push('\\'),
                        b'/' => out.push('/'),
                        b'b' => out.push('\u{8}'),
                        b'f' => out.push('\u{c}'),
                        b'n' => out.push('\n'),
                        b'r' => out.push('\r'),
                        b't' => out.push('\t'),
                        b'u' => out.push(self.unicode_escape()?),
                        _ => {
                            self.pos -= 1;
                            return Err(self.error("invalid escape in string"));
                        }
                    }
                }
                _ => {
                    // copy a run of unescaped bytes, checking that it is UTF-8
                    let start = self.pos;
                    while let Some(c) = self.peek() {
                        if c == b'"' || c == b'\\' || c < 0x20 {
                            break;
                        }
                        self.pos += 1;
                    }
                    let run = self.text.get(start..self.pos).unwrap_or(&[]);
                    match std::str::from_utf8(run) {
                        Ok(s) => out.push_str(s),
                        Err(e) => {
                            self.pos = start + e.valid_up_to();
                            return Err(self.error("invalid UTF-8 in string"));
                        }
                    }
                }
            }
        }
    }

    fn container(&mut self, object: bool) -> Result<Value, ParseError> {
        if self.depth >= MAX_DEPTH {
            return Err(self.error("nesting too deep (more than 128 levels)"));
        }
        self.depth += 1;
        self.pos += 1; // [ or {
        let close = if object { b'}' } else { b']' };
        let mut items = Vec::new();
        let mut members = Vec::new();
        self.skip_ws();
        if self.peek() == Some(close) {
            self.pos += 1;
        } else {
            loop {
                self.skip_ws();
                if object {
                    if self.peek() != Some(b'"') {
                        return Err(self.error("object key (a string) expected"));
                    }
                    let key = self.string()?;
                    self.skip_ws();
                    if self.peek() != Some(b':') {
                        return Err(self.error("':' expected after object key"));
                    }
                    self.pos += 1;
                    members.push((key, self.value()?));
                } else {
                    items.push(self.value()?);
                }
                self.skip_ws();
                match self.peek() {
                    Some(b',') => self.pos += 1,
                    Some(c) if c == close => {
                        self.pos += 1;
                        break;
                    }
                    _ => return Err(self.error(if object { "',' or '}' expected" } else { "',' or ']' expected" })),
                }
            }
        }
        self.depth -= 1;
        Ok(if object { Value::Object(members) } else { Value::Array(items) })
    }
}
