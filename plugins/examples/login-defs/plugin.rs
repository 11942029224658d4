//! examples/login-defs: checks the shadow-utils defaults in /etc/login.defs that decide how local
//! passwords age, how new files are protected and how passwords are hashed: PASS_MAX_DAYS,
//! PASS_MIN_DAYS, PASS_WARN_AGE, UMASK and ENCRYPT_METHOD, each against a configurable expectation.
//!
//! login.defs(5) is parsed as shadow-utils reads it: one "NAME value" per line, '#' comments, the
//! value optionally in double quotes, and a later line for the same name overriding an earlier one.
//! A setting that is absent is reported with the behaviour shadow-utils then falls back to.
//! Each observation names the NIST SP 800-53 control it serves (prop `nist-800-53`).

use assessment::{files, hash, Context, Error, Level, Method, Output, State, SubjectId};

/// Bigger files are not a login.defs (the stock one is about 12 KiB).
const MAX_BYTES: usize = 1 << 20;

/// One assignment as found in the file.
struct Setting {
    value: String,
    line: usize,
    text: String,
}

struct LoginDefs {
    path: String,
    settings: Vec<(String, Setting)>,
}

impl LoginDefs {
    /// The effective setting: the last line that sets `name`.
    fn get(&self, name: &str) -> Option<&Setting> {
        self.settings.iter().rev().find(|(k, _)| k == name).map(|(_, s)| s)
    }
}

/// Parses the text; lines that are not "NAME value" are logged and ignored, as login(1) ignores them.
fn parse(path: &str, text: &str, out: &mut Output) -> LoginDefs {
    let mut settings = Vec::new();
    for (i, raw) in text.lines().enumerate() {
        let line = raw.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let mut parts = line.splitn(2, |c: char| c == ' ' || c == '\t');
        let name = parts.next().unwrap_or("");
        let value = parts.next().unwrap_or("").trim();
        let name_ok = !name.is_empty() && name.bytes().all(|b| b.is_ascii_uppercase() || b.is_ascii_digit() || b == b'_');
        if !name_ok || value.is_empty() {
            out.log(Level::Warn, &format!("{}:{}: not a NAME value line; ignored", path, i + 1));
            continue;
        }
        let value = value.strip_prefix('"').and_then(|v| v.strip_suffix('"')).unwrap_or(value);
        settings.push((name.to_string(), Setting { value: value.to_string(), line: i + 1, text: line.to_string() }));
    }
    LoginDefs { path: path.to_string(), settings }
}

/// What the plugin expects, from the configuration (the defaults follow CIS benchmarks for Linux).
struct Expectations {
    pass_max_days: i64,
    pass_min_days: i64,
    pass_warn_age: i64,
    umask: u32,
    encrypt_methods: Vec<String>,
    skip: Vec<String>,
}

/// The checks: finding targetId, the login.defs setting, the NIST SP 800-53 control it serves
/// (IA-5(1): password-based authentication; AC-6: least privilege).
const CHECKS: [(&str, &str, &str); 5] = [
    ("login-defs-pass-max-days", "PASS_MAX_DAYS", "ia-5.1"),
    ("login-defs-pass-min-days", "PASS_MIN_DAYS", "ia-5.1"),
    ("login-defs-pass-warn-age", "PASS_WARN_AGE", "ia-5.1"),
    ("login-defs-umask", "UMASK", "ac-6"),
    ("login-defs-encrypt-method", "ENCRYPT_METHOD", "ia-5.1"),
];

fn evaluate(check: &str, defs: &LoginDefs, e: &Expectations) -> Verdict {
    match check {
        "login-defs-pass-max-days" => check_max_days(defs, e.pass_max_days),
        "login-defs-pass-min-days" => check_at_least(defs, "PASS_MIN_DAYS", e.pass_min_days, "days before a password may be changed again"),
        "login-defs-pass-warn-age" => check_at_least(defs, "PASS_WARN_AGE", e.pass_warn_age, "days of warning before a password expires"),
        "login-defs-umask" => check_umask(defs, e.umask),
        _ => check_encrypt(defs, &e.encrypt_methods),
    }
}

fn expectations(ctx: &Context, out: &mut Output) -> Result<Expectations, Error> {
    let umask_text = ctx.config_str("umask", "027")?;
    let umask = parse_octal(&umask_text)
        .filter(|m| *m <= 0o777)
        .ok_or_else(|| Error::new(format!("configuration 'umask' must be an octal mode such as \"027\", got '{}'", umask_text)))?;
    let e = Expectations {
        pass_max_days: ctx.config_i64("passMaxDays", 365)?,
        pass_min_days: ctx.config_i64("passMinDays", 1)?,
        pass_warn_age: ctx.config_i64("passWarnAge", 7)?,
        umask,
        encrypt_methods: ctx.config_strings("encryptMethods", &["SHA512", "YESCRYPT"])?,
        skip: ctx.config_strings("skip", &[])?,
    };
    for (name, v) in [("passMaxDays", e.pass_max_days), ("passMinDays", e.pass_min_days), ("passWarnAge", e.pass_warn_age)] {
        if v < 0 {
            return Err(Error::new(format!("configuration '{}' must not be negative, got {}", name, v)));
        }
    }
    if e.encrypt_methods.is_empty() {
        return Err(Error::new("configuration 'encryptMethods' must name at least one method"));
    }
    for id in &e.skip {
        if !CHECKS.iter().any(|(check, _, _)| check == id) {
            let all: Vec<&str> = CHECKS.iter().map(|(check, _, _)| *check).collect();
            out.log(Level::Warn, &format!("skip: '{}' is not a check of this plugin ({})", id, all.join(", ")));
        }
    }
    Ok(e)
}

fn parse_octal(s: &str) -> Option<u32> {
    if s.is_empty() || s.len() > 4 || !s.bytes().all(|b| (b'0'..=b'7').contains(&b)) {
        return None;
    }
    u32::from_str_radix(s, 8).ok()
}

/// A decimal number of days as shadow-utils accepts it (an optional sign, digits).
fn parse_days(s: &str) -> Option<i64> {
    let digits = s.strip_prefix('-').unwrap_or(s);
    if digits.is_empty() || digits.len() > 12 || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    s.parse().ok()
}

/// The verdict of one check, with the words for the report.
struct Verdict {
    ok: bool,
    title: String,
    description: String,
}

fn verdict(ok: bool, title: String, description: String) -> Verdict {
    Verdict { ok, title, description }
}

fn check_max_days(defs: &LoginDefs, max: i64) -> Verdict {
    match defs.get("PASS_MAX_DAYS").map(|s| (s, parse_days(&s.value))) {
        None => verdict(false, "PASS_MAX_DAYS is not set".into(),
            format!("{} does not set PASS_MAX_DAYS, so new accounts' passwords never expire; expected at most {} days.", defs.path, max)),
        Some((s, None)) => verdict(false, "PASS_MAX_DAYS is not a number".into(),
            format!("PASS_MAX_DAYS is '{}' ({}:{}), not a number of days; expected at most {}.", s.value, defs.path, s.line, max)),
        Some((s, Some(d))) if d < 0 || d > max => verdict(false, "Passwords expire too late".into(),
            format!("PASS_MAX_DAYS is {} ({}:{}){}; expected at most {} days.", d, defs.path, s.line,
                if d < 0 { ", so passwords never expire" } else { "" }, max)),
        Some((s, Some(d))) => verdict(true, "Passwords expire in time".into(),
            format!("PASS_MAX_DAYS is {} ({}:{}), at most {} days.", d, defs.path, s.line, max)),
    }
}

/// PASS_MIN_DAYS and PASS_WARN_AGE: a number of days that must be at least `min`.
fn check_at_least(defs: &LoginDefs, name: &str, min: i64, meaning: &str) -> Verdict {
    match defs.get(name).map(|s| (s, parse_days(&s.value))) {
        None if min <= 0 => verdict(true, format!("{} is not required", name), format!("{} does not set {}; none is required.", defs.path, name)),
        None => verdict(false, format!("{} is not set", name),
            format!("{} does not set {} ({}); expected at least {}.", defs.path, name, meaning, min)),
        Some((s, None)) => verdict(false, format!("{} is not a number", name),
            format!("{} is '{}' ({}:{}), not a number of days; expected at least {}.", name, s.value, defs.path, s.line, min)),
        Some((s, Some(d))) => verdict(d >= min,
            format!("{} is {}", name, if d >= min { "sufficient" } else { "too low" }),
            format!("{} is {} ({}:{}); expected at least {} ({}).", name, d, defs.path, s.line, min, meaning)),
    }
}

fn check_umask(defs: &LoginDefs, required: u32) -> Verdict {
    // shadow-utils uses 022 when UMASK is unset
    let (value, at) = match defs.get("UMASK") {
        None => ("022".to_string(), "not set, shadow-utils default".to_string()),
        Some(s) => (s.value.clone(), format!("{}:{}", defs.path, s.line)),
    };
    match parse_octal(value.trim_start_matches("0o")) {
        None => verdict(false, "UMASK is not an octal mode".into(),
            format!("UMASK is '{}' ({}), not an octal mode; expected at least {:03o}.", value, at, required)),
        Some(m) => {
            let missing = required & !m;
            verdict(missing == 0,
                if missing == 0 { "New files are protected by UMASK".into() } else { "UMASK lets new files be read or written by others".into() },
                if missing == 0 { format!("UMASK is {:03o} ({}), which masks at least {:03o}.", m, at, required) }
                else { format!("UMASK is {:03o} ({}); it must also mask {:03o} (expected at least {:03o}).", m, at, missing, required) })
        }
    }
}

fn check_encrypt(defs: &LoginDefs, allowed: &[String]) -> Verdict {
    let list = allowed.join(", ");
    match defs.get("ENCRYPT_METHOD") {
        None => verdict(false, "ENCRYPT_METHOD is not set".into(),
            format!("{} does not set ENCRYPT_METHOD, so shadow-utils hashes new passwords with DES (or MD5); expected one of {}.", defs.path, list)),
        Some(s) => {
            let ok = allowed.iter().any(|a| a.eq_ignore_ascii_case(&s.value));
            verdict(ok,
                if ok { format!("Passwords are hashed with {}", s.value) } else { format!("Passwords are hashed with {}, a weak method", s.value) },
                format!("ENCRYPT_METHOD is {} ({}:{}); expected one of {}.", s.value, defs.path, s.line, list))
        }
    }
}

/// Risk wording per check: what goes wrong and how likely it is.
fn risk_of(check: &str) -> (&'static str, &'static str) {
    match check {
        "login-defs-pass-max-days" => ("Passwords that never expire",
            "Impact: moderate - a leaked password stays valid indefinitely. Likelihood: moderate."),
        "login-defs-pass-min-days" => ("Password history can be bypassed",
            "Impact: low - users can cycle back to an old password at once. Likelihood: moderate."),
        "login-defs-pass-warn-age" => ("Users get no warning before their password expires",
            "Impact: low - lockouts and rushed weak passwords. Likelihood: moderate."),
        "login-defs-umask" => ("New files readable by other users",
            "Impact: moderate - files users create are readable (or writable) by other local accounts. Likelihood: high."),
        _ => ("Weak password hashing",
            "Impact: high - stolen shadow files can be cracked quickly. Likelihood: moderate."),
    }
}

/// One check's observation, finding and (when not satisfied) risk.
fn report(out: &mut Output, defs: &LoginDefs, subject: SubjectId, check: &str, name: &str, control: &str, v: Verdict) {
    let setting = defs.get(name);
    let mut o = out
        .observation(&format!("login.defs {}", name), &v.description)
        .method(Method::Examine)
        .subject(subject)
        .prop("check", check)
        .prop("setting", name)
        .prop("value", setting.map(|s| s.value.as_str()).unwrap_or(""))
        .prop("nist-800-53", control);
    if let Some(s) = setting {
        o = o.prop("source", &format!("{}:{}", defs.path, s.line)).evidence(&defs.path, &format!("line {}: {}", s.line, s.text));
    }
    let o = o.id();
    let f = out.finding(check, State::from_ok(v.ok), &v.title, &v.description).observation(o);
    if !v.ok {
        let (title, statement) = risk_of(check);
        f.raise_risk(title, &v.description, statement);
    }
}

fn assess(ctx: &Context, out: &mut Output) -> Result<(), Error> {
    out.set_title("login.defs password and umask policy");
    let e = expectations(ctx, out)?;
    let path = ctx.config_str("path", "/etc/login.defs")?;
    let data = files::read_file(&path, MAX_BYTES)?;
    let text = String::from_utf8_lossy(&data);
    let defs = parse(&path, &text, out);

    let subject = out.subject("resource", &path, "shadow-utils configuration (login.defs)");
    out.subject_prop(subject, "sha256", &hash::sha256_hex(&data));

    for (check, name, control) in CHECKS.iter() {
        if e.skip.iter().any(|s| s == check) {
            out.log(Level::Info, &format!("check {} skipped by configuration", check));
            continue;
        }
        let v = evaluate(check, &defs, &e);
        report(out, &defs, subject, check, name, control, v);
    }
    Ok(())
}

fn main() {
    assessment::run(assess)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn defs(text: &str) -> LoginDefs {
        let mut out = Output::new("0d9f3c2e-7a41-4b8e-9a55-3f1e2d6c8b90");
        parse("/etc/login.defs", text, &mut out)
    }

    #[test]
    fn parses_like_shadow_utils() {
        let d = defs("# c\nPASS_MAX_DAYS\t99999\r\nPASS_MAX_DAYS 90\nENCRYPT_METHOD \"YESCRYPT\"\nbad line\nLONE\n");
        assert_eq!(d.get("PASS_MAX_DAYS").map(|s| (s.value.as_str(), s.line)), Some(("90", 3)));
        assert_eq!(d.get("ENCRYPT_METHOD").map(|s| s.value.as_str()), Some("YESCRYPT"));
        assert!(d.get("LONE").is_none());
    }

    #[test]
    fn checks_compare_as_documented() {
        assert!(check_max_days(&defs("PASS_MAX_DAYS 365"), 365).ok);
        assert!(!check_max_days(&defs("PASS_MAX_DAYS -1"), 365).ok);
        assert!(!check_max_days(&defs("PASS_MAX_DAYS 1e3"), 365).ok);
        assert!(!check_max_days(&defs(""), 365).ok);
        assert!(check_at_least(&defs(""), "PASS_MIN_DAYS", 0, "x").ok);
        assert!(!check_at_least(&defs("PASS_MIN_DAYS 0"), "PASS_MIN_DAYS", 1, "x").ok);
        assert!(check_umask(&defs("UMASK 077"), 0o027).ok);
        assert!(check_umask(&defs("UMASK 0027"), 0o027).ok);
        assert!(!check_umask(&defs("UMASK 022"), 0o027).ok);
        assert!(!check_umask(&defs(""), 0o027).ok, "unset is shadow's 022");
        assert!(!check_umask(&defs("UMASK 99"), 0o027).ok);
        assert!(check_encrypt(&defs("ENCRYPT_METHOD sha512"), &["SHA512".to_string()]).ok);
        assert!(!check_encrypt(&defs("ENCRYPT_METHOD MD5"), &["SHA512".to_string()]).ok);
        assert_eq!(parse_days("99999999999999999999"), None);
        assert_eq!(parse_octal("0777"), Some(0o777));
        assert_eq!(parse_octal("12345"), None);
    }
}
