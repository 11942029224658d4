//! A plugin that exercises the Rust SDK compiled to wasm32-wasi, for ../../test/sdk-rust.test.mjs:
//! configuration `mode` picks what it does. "panic" is a plugin bug (an out-of-bounds index), which the
//! SDK must turn into exit code 3 with a message, not a trap.
use assessment::{Context, Error, Level, Output, State};

fn probe(ctx: &Context, out: &mut Output) -> Result<(), Error> {
    match ctx.config_str("mode", "echo")?.as_str() {
        "panic" => {
            let empty: Vec<u8> = Vec::new();
            let i = ctx.job_id.len(); // not a constant, so that the compiler cannot reject it
            out.log(Level::Info, &format!("{}", empty[i]));
        }
        "error" => return Err(Error::new("asked to fail")),
        "misuse" => {
            out.finding("x", State::Satisfied, " ", "blank title");
        }
        "file" => {
            let path = ctx.config_str("path", "/nonexistent")?;
            let text = assessment::files::read_text(&path, 1 << 20)?;
            out.observation("file", &format!("{} bytes", text.len())).prop("text", &text);
        }
        _ => {
            let s = ctx.config_str("string", "")?;
            let n = ctx.config_i64("int", 0)?;
            out.observation("echo", &format!("{} {}", s, n)).prop("string", &s).prop("int", &n.to_string());
        }
    }
    Ok(())
}

fn main() {
    assessment::run(probe)
}
