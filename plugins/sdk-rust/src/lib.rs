//! Assessment Runtime plugin SDK for Rust (Plugin ABI v1, see `plugins/ABI.md`).
//!
//! A plugin is a WASI preview1 command whose `main` hands a closure to [`run`]:
//!
//! ```no_run
//! use assessment::{Context, Output, Error, State, Method};
//!
//! fn check(ctx: &Context, out: &mut Output) -> Result<(), Error> {
//!     let path = ctx.config_str("banner", "/etc/issue")?;
//!     let text = assessment::files::read_text(&path, 65536)?; // unreadable: status ERROR
//!     let leaks = ["\\m", "\\r", "\\s", "\\v"].iter().any(|e| text.contains(e));
//!     let s = out.subject("resource", &path, "login banner");
//!     let o = out.observation("Login banner", &format!("{}, {} bytes", path, text.len()))
//!         .method(Method::Examine).subject(s).prop("revealsOs", &leaks.to_string()).id();
//!     let f = out.finding("banner-no-os-info", State::from_ok(!leaks), "Login banner", "...").observation(o);
//!     if leaks { f.raise_risk("OS disclosed before login", "...", "Impact: low. Likelihood: high."); }
//!     Ok(())
//! }
//!
//! fn main() { assessment::run(check) }
//! ```
//!
//! [`run`] reads and validates the JobContext on stdin, calls the closure, and writes the
//! PluginOutput on stdout. Failures follow ABI.md §5 and never trap:
//!
//! | what | result |
//! |---|---|
//! | stdin is not a valid v1 job context | message on stderr, nothing on stdout, exit code 2 |
//! | the closure returns `Err` (wrong configuration type, unreadable file, ...) | status `ERROR` with that reason, exit code 0 |
//! | the SDK misused (blank title, foreign handle), stdout not writable, a panic | message on stderr, exit code 3 |

pub mod context;
pub mod files;
pub mod hash;
pub mod json;
pub mod output;
pub mod time;

pub use context::{Context, InputError, Target};
pub use files::FileError;
pub use json::Value;
pub use output::{FindingId, Level, Method, ObservationId, Output, RiskId, RiskStatus, State, Status, SubjectId};

use std::fmt;
use std::io::{Read, Write};

/// The ABI version this SDK speaks.
pub const ABI_VERSION: i64 = 1;
pub const SDK_VERSION: &str = "1.0.0";

/// Exit codes of the SDK's own failures (the ABI only says: non-zero = plugin error); as the C SDK.
pub const EXIT_BAD_INPUT: i32 = 2;
pub const EXIT_INTERNAL: i32 = 3;

/// Why the plugin cannot assess its target; becomes the output's `reason` with status `ERROR`.
#[derive(Clone, Debug, PartialEq)]
pub struct Error(String);

impl Error {
    pub fn new(reason: impl Into<String>) -> Error {
        Error(reason.into())
    }

    pub fn reason(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for Error {}

// So that `?` works on what plugins commonly get wrong, and `Err(format!(..))?` reads naturally.
impl From<String> for Error {
    fn from(s: String) -> Error {
        Error(s)
    }
}
impl From<&str> for Error {
    fn from(s: &str) -> Error {
        Error(s.to_string())
    }
}
impl From<FileError> for Error {
    fn from(e: FileError) -> Error {
        Error(e.to_string())
    }
}
impl From<json::ParseError> for Error {
    fn from(e: json::ParseError) -> Error {
        Error(format!("invalid JSON: {}", e))
    }
}

/// Whether `s` is empty or whitespace only, as `java.lang.String.isBlank()` decides (the runtime
/// rejects blank required texts).
pub fn is_blank(s: &str) -> bool {
    s.chars().all(|c| {
        let cp = c as u32;
        (0x09..=0x0D).contains(&cp)
            || (0x1C..=0x20).contains(&cp)
            || cp == 0x1680
            || (0x2000..=0x2006).contains(&cp)
            || (0x2008..=0x200A).contains(&cp)
            || cp == 0x2028
            || cp == 0x2029
            || cp == 0x205F
            || cp == 0x3000
    })
}

/// What a run produced: the exit code and the bytes for stdout and stderr.
#[derive(Debug)]
pub struct Outcome {
    pub exit_code: i32,
    pub stdout: String,
    pub stderr: String,
}

/// The whole ABI without I/O: stdin bytes in, exit code and outputs out. [`run`] wraps it; tests
/// call it directly.
pub fn run_with<F>(stdin: &[u8], clock: fn() -> Option<i64>, plugin: F) -> Outcome
where
    F: FnOnce(&Context, &mut Output) -> Result<(), Error>,
{
    let ctx = match Context::from_json(stdin) {
        Ok(ctx) => ctx,
        Err(e) => return Outcome { exit_code: EXIT_BAD_INPUT, stdout: String::new(), stderr: format!("ERROR: {}\n", e) },
    };
    let mut out = Output::with_clock(&ctx.run_id, clock);
    let mut stderr = String::new();
    if let Err(e) = plugin(&ctx, &mut out) {
        stderr = format!("ERROR: {}\n", one_line(e.reason()));
        out.set_error(e.reason());
    }
    out.check_verdict();
    if let Some(m) = out.misuse_error() {
        return Outcome { exit_code: EXIT_INTERNAL, stdout: String::new(), stderr: format!("{}ERROR: SDK misused: {}\n", stderr, m) };
    }
    Outcome { exit_code: 0, stdout: out.to_json(), stderr }
}

/// stderr is read line by line (ABI.md §5): a multi-line reason would turn into several log entries.
fn one_line(s: &str) -> String {
    s.replace(|c: char| c == '\n' || c == '\r', " ")
}

/// Runs a plugin: stdin in, the closure, stdout and stderr out, and exits with the ABI's code.
pub fn run<F>(plugin: F) -> !
where
    F: FnOnce(&Context, &mut Output) -> Result<(), Error>,
{
    // A panic is a bug in the plugin, never expected input; report it and exit 3 rather than trap
    // (wasm32-wasi aborts on panic, which the runtime would only see as TRAP).
    std::panic::set_hook(Box::new(|info| {
        let _ = writeln!(std::io::stderr(), "ERROR: the plugin panicked: {}", one_line(&info.to_string()));
        std::process::exit(EXIT_INTERNAL);
    }));
    let mut input = Vec::new();
    if let Err(e) = std::io::stdin().read_to_end(&mut input) {
        let _ = writeln!(std::io::stderr(), "ERROR: cannot read stdin: {}", e);
        std::process::exit(EXIT_BAD_INPUT);
    }
    let outcome = run_with(&input, time::now, plugin);
    let _ = std::io::stderr().write_all(outcome.stderr.as_bytes());
    let _ = std::io::stderr().flush();
    if !outcome.stdout.is_empty() {
        let mut stdout = std::io::stdout();
        if let Err(e) = stdout.write_all(outcome.stdout.as_bytes()).and_then(|_| stdout.flush()) {
            let _ = writeln!(std::io::stderr(), "ERROR: cannot write the output to stdout: {}", e);
            std::process::exit(EXIT_INTERNAL);
        }
    }
    std::process::exit(outcome.exit_code)
}

#[cfg(test)]
mod tests;
