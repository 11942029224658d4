//! Native unit tests (`rustc --test src/lib.rs`), run by the Maven build's test phase.

use crate::json::{write_string, Value};
use crate::*;

const RUN: &str = "0d9f3c2e-7a41-4b8e-9a55-3f1e2d6c8b90";

fn fixed_clock() -> Option<i64> {
    Some(1_764_000_000) // 2025-11-24T16:00:00Z
}

fn ctx_json(config: &str) -> String {
    format!(
        r#"{{"abiVersion":1,"runId":"{}","jobId":"j","taskId":"t","activityId":"a","configuration":{}}}"#,
        RUN, config
    )
}

fn run_ok<F>(config: &str, plugin: F) -> Value
where
    F: FnOnce(&Context, &mut Output) -> Result<(), Error>,
{
    let o = run_with(ctx_json(config).as_bytes(), fixed_clock, plugin);
    assert_eq!(o.exit_code, 0, "stderr: {}", o.stderr);
    assert!(o.stdout.ends_with("}\n"));
    Value::parse(o.stdout.as_bytes()).expect("the output is JSON")
}

fn parse_err(text: &str) -> String {
    Value::parse(text.as_bytes()).expect_err(text).to_string()
}

// ---- JSON ----

#[test]
fn parses_every_kind_of_value() {
    let v = Value::parse(br#" {"a": [1, -2.5e3, true, false, null], "s": "x\u00e9\ud83d\ude00\n", "o": {}} "#).unwrap();
    assert_eq!(v.get("a").and_then(|a| a.as_array()).map(|a| a.len()), Some(5));
    assert_eq!(v.get("s").and_then(|s| s.as_str()), Some("x\u{e9}\u{1F600}\n"));
    assert_eq!(v.get("o"), Some(&Value::Object(vec![])));
    assert_eq!(v.get("a").unwrap().as_array().unwrap()[1].as_f64(), Some(-2500.0));
}

#[test]
fn the_last_of_repeated_keys_wins() {
    assert_eq!(Value::parse(br#"{"k":1,"k":2}"#).unwrap().get("k").unwrap().as_i64(), Some(2));
}

#[test]
fn rejects_what_rfc_8259_rejects_with_position() {
    assert_eq!(parse_err("{\"a\":1,}"), "object key (a string) expected at (line 1, column 8)");
    assert_eq!(parse_err("[1,\n 2,]"), "unexpected character at (line 2, column 4)");
    assert_eq!(parse_err("01"), "leading zero in number at (line 1, column 2)");
    assert_eq!(parse_err("1."), "digit expected after decimal point at end of input (line 1, column 3)");
    assert_eq!(parse_err("1e"), "digit expected in exponent at end of input (line 1, column 3)");
    assert_eq!(parse_err("NaN"), "unexpected character at (line 1, column 1)");
    assert_eq!(parse_err("\"a\tb\""), "control character in string (must be escaped) at (line 1, column 3)");
    assert_eq!(parse_err("\"\\x\""), "invalid escape in string at (line 1, column 3)");
    assert_eq!(parse_err("\"\\u12\""), "invalid \\u escape (4 hex digits expected) at (line 1, column 6)");
    assert_eq!(parse_err("\"abc"), "unterminated string at end of input (line 1, column 5)");
    assert_eq!(parse_err("{} {}"), "unexpected text after the document at (line 1, column 4)");
    assert_eq!(parse_err(""), "value expected at end of input (line 1, column 1)");
    assert_eq!(parse_err("// c\n{}"), "unexpected character at (line 1, column 1)");
    assert_eq!(parse_err("{\"a\" 1}"), "':' expected after object key at (line 1, column 6)");
    assert_eq!(parse_err("[1 2]"), "',' or ']' expected at (line 1, column 4)");
}

#[test]
fn rejects_invalid_utf8_and_accepts_a_bom() {
    let e = Value::parse(b"[\"ok\xC3\x28\"]").unwrap_err();
    assert_eq!(e.message, "invalid UTF-8 in string");
    assert_eq!(e.column, 5);
    assert!(Value::parse(b"\"\xED\xA0\x80\"").is_err(), "an encoded surrogate is not UTF-8");
    assert_eq!(Value::parse(b"\xEF\xBB\xBF[]").unwrap(), Value::Array(vec![]));
}

#[test]
fn lone_surrogates_become_replacement_characters() {
    let v = Value::parse(br#"["\ud800", "\udc00x", "\ud800\u0041"]"#).unwrap();
    let a = v.as_array().unwrap();
    assert_eq!(a[0].as_str(), Some("\u{FFFD}"));
    assert_eq!(a[1].as_str(), Some("\u{FFFD}x"));
    assert_eq!(a[2].as_str(), Some("\u{FFFD}A"));
    assert_eq!(Value::parse(br#""a\u0000b""#).unwrap().as_str(), Some("a\u{0}b"));
}

#[test]
fn nesting_is_limited_to_128_levels() {
    let ok = format!("{}{}", "[".repeat(128), "]".repeat(128));
    assert!(Value::parse(ok.as_bytes()).is_ok());
    let deep = format!("{}{}", "[".repeat(129), "]".repeat(129));
    assert_eq!(Value::parse(deep.as_bytes()).unwrap_err().message, "nesting too deep (more than 128 levels)");
    // far deeper input is refused at the limit, without recursing into it
    let bomb = "[{\"a\":".repeat(100_000);
    assert!(Value::parse(bomb.as_bytes()).is_err());
}

#[test]
fn integers_are_exact_and_accept_integral_notations() {
    let n = |s: &str| Value::Number(s.to_string()).as_i64();
    assert_eq!(n("4"), Some(4));
    assert_eq!(n("4.0"), Some(4));
    assert_eq!(n("4e0"), Some(4));
    assert_eq!(n("1.5e1"), Some(15));
    assert_eq!(n("-0"), Some(0));
    assert_eq!(n("0.000"), Some(0));
    assert_eq!(n("1200e-2"), Some(12));
    assert_eq!(n("9007199254740993"), Some(9007199254740993));
    assert_eq!(n("9223372036854775807"), Some(i64::MAX));
    assert_eq!(n("-9223372036854775808"), Some(i64::MIN));
    assert_eq!(n("9223372036854775808"), None);
    assert_eq!(n("3.5"), None);
    assert_eq!(n("1e400"), None);
    assert_eq!(n("1e-400"), None);
    assert_eq!(n("1e99999999999999999999"), None);
    assert_eq!(Value::String("4".into()).as_i64(), None);
}

#[test]
fn strings_are_written_escaped_and_read_back() {
    let mut s = String::new();
    write_string(&mut s, "q\"b\\n\n\r\t\u{8}\u{c}\u{1}\u{7f}\u{e9}\u{1F600}/");
    assert_eq!(s, "\"q\\\"b\\\\n\\n\\r\\t\\b\\f\\u0001\\u007f\u{e9}\u{1F600}/\"");
    assert_eq!(Value::parse(s.as_bytes()).unwrap().as_str(), Some("q\"b\\n\n\r\t\u{8}\u{c}\u{1}\u{7f}\u{e9}\u{1F600}/"));
    let doc = br#"{"a":[1,2.50,{"b":null}],"c":"\u00e9"}"#;
    assert_eq!(Value::parse(doc).unwrap().to_json(), "{\"a\":[1,2.50,{\"b\":null}],\"c\":\"\u{e9}\"}");
}

// ---- hashes, uuids, time ----

#[test]
fn sha256_and_md5_match_the_standard_vectors() {
    assert_eq!(hash::sha256_hex(b""), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    assert_eq!(hash::sha256_hex(b"abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    assert_eq!(
        hash::sha256_hex(&[b'a'; 1000]),
        "41edece42d63e8d9bf515a9ba6932e1c20cbc9f5a5d134645adb5db1b9737ea3"
    );
    let md5 = |d: &[u8]| hash::md5(d).iter().map(|b| format!("{:02x}", b)).collect::<String>();
    assert_eq!(md5(b""), "d41d8cd98f00b204e9800998ecf8427e");
    assert_eq!(md5(b"The quick brown fox jumps over the lazy dog"), "9e107d9d372bb6826bd81d3542a419d6");
}

#[test]
fn subject_uuids_are_the_runtimes() {
    // the example in ABI.md §4, as org.assessmentruntime.api.model.Subject derives it
    assert_eq!(
        hash::uuid_from_name(b"subject:resource:/etc/ssh/sshd_config.d/50-cloud-init.conf"),
        "baddf38e-f8bc-308b-8b14-74200e1fc3a3"
    );
}

#[test]
fn instants_are_iso_8601_utc() {
    assert_eq!(time::iso8601(0), "1970-01-01T00:00:00Z");
    assert_eq!(time::iso8601(1_764_000_000), "2025-11-24T16:00:00Z");
    assert_eq!(time::iso8601(951_782_400), "2000-02-29T00:00:00Z");
    assert_eq!(time::iso8601(-1), "1969-12-31T23:59:59Z");
    assert_eq!(time::iso8601(i64::MAX), "9999-12-31T23:59:59Z");
    assert_eq!(time::iso8601(i64::MIN), "0000-01-01T00:00:00Z");
    assert_eq!(time::days_from_civil(2024, 5, 21), 19864);
    assert_eq!(time::civil_from_days(19864), (2024, 5, 21));
}

#[test]
fn blank_is_what_java_calls_blank() {
    assert!(is_blank(""));
    assert!(is_blank(" \t\n\u{3000}\u{2028}"));
    assert!(!is_blank("\u{a0}"), "Java's isWhitespace excludes no-break space");
    assert!(!is_blank(" x "));
}

// ---- the job context ----

fn input_err(stdin: &str) -> String {
    let o = run_with(stdin.as_bytes(), fixed_clock, |_, _| Ok(()));
    assert_eq!(o.exit_code, EXIT_BAD_INPUT, "{}", stdin);
    assert!(o.stdout.is_empty());
    assert!(o.stderr.starts_with("ERROR: stdin is not a valid ABI v1 job context: "), "{}", o.stderr);
    o.stderr
}

#[test]
fn a_context_it_cannot_accept_is_exit_code_2() {
    assert!(input_err("{\"abiVersion\":1,").contains("invalid JSON: "));
    assert!(input_err("[]").contains("must be a JSON object, got array"));
    assert!(input_err("{}").contains("'abiVersion' is required"));
    assert!(input_err(r#"{"abiVersion":"1"}"#).contains("'abiVersion' must be an integer"));
    assert!(input_err(r#"{"abiVersion":2}"#).contains("speaks ABI version 1, the context has abiVersion 2"));
    assert!(input_err(r#"{"abiVersion":1,"runId":"x"}"#).contains("'runId' must be a uuid, got 'x'"));
    let base = format!(r#"{{"abiVersion":1,"runId":"{}""#, RUN);
    assert!(input_err(&format!("{}}}", base)).contains("'jobId' is required"));
    assert!(input_err(&format!(r#"{},"jobId":" ","taskId":"t","activityId":"a"}}"#, base)).contains("'jobId' must not be blank"));
    assert!(input_err(&format!(r#"{},"jobId":5,"taskId":"t","activityId":"a"}}"#, base)).contains("'jobId' must be a string, got number"));
    let ids = format!(r#"{},"jobId":"j","taskId":"t","activityId":"a""#, base);
    assert!(input_err(&format!(r#"{},"configuration":[]}}"#, ids)).contains("'configuration' must be an object, got array"));
    assert!(input_err(&format!(r#"{},"target":"h"}}"#, ids)).contains("'target' must be an object, got string"));
    assert!(input_err(&format!(r#"{},"target":{{"type":"x"}}}}"#, ids)).contains("'target.id' is required"));
    assert!(input_err(&format!(r#"{},"target":{{"id":"h","type":"x","facts":{{"n":1}}}}}}"#, ids))
        .contains("'target.facts.n' must be a string, got number"));
}

#[test]
fn a_full_context_is_read_and_unknown_fields_are_ignored() {
    let stdin = format!(
        r#"{{"abiVersion":1.0,"runId":"{}","jobId":"j","taskId":"t","activityId":"a","planId":"p","controlId":"ac-17",
            "future":{{"x":[1]}},"target":{{"id":"web-01","type":"inventory-item","title":"Web","facts":{{"address":"10.0.0.15"}}}}}}"#,
        RUN
    );
    let ctx = Context::from_json(stdin.as_bytes()).unwrap();
    assert_eq!((ctx.job_id.as_str(), ctx.plan_id.as_str(), ctx.component_id.as_str()), ("j", "p", ""));
    assert_eq!(ctx.control_id, "ac-17");
    let t = ctx.target.as_ref().unwrap();
    assert_eq!((t.id.as_str(), t.kind.as_str(), t.title.as_str()), ("web-01", "inventory-item", "Web"));
    assert_eq!(t.fact("address"), Some("10.0.0.15"));
    assert_eq!(t.fact("other"), None);
    assert_eq!(ctx.config(), &Value::Object(vec![]));
}

#[test]
fn configuration_values_are_typed_with_defaults() {
    let c = Context::from_json(ctx_json(r#"{"s":"x","i":3.0,"n":2.5,"b":true,"l":["a","b"],"z":null}"#).as_bytes()).unwrap();
    assert_eq!(c.config_str("s", "d").unwrap(), "x");
    assert_eq!(c.config_str("missing", "d").unwrap(), "d");
    assert_eq!(c.config_str("z", "d").unwrap(), "d", "null means the default");
    assert_eq!(c.config_i64("i", 0).unwrap(), 3);
    assert_eq!(c.config_f64("n", 0.0).unwrap(), 2.5);
    assert!(c.config_bool("b", false).unwrap());
    assert_eq!(c.config_strings("l", &[]).unwrap(), vec!["a", "b"]);
    assert_eq!(c.config_strings("missing", &["d"]).unwrap(), vec!["d"]);
    assert_eq!(c.config_i64("n", 0).unwrap_err().reason(), "configuration 'n' must be an integer, got number");
    assert_eq!(c.config_str("i", "").unwrap_err().reason(), "configuration 'i' must be a string, got number");
    assert_eq!(c.config_bool("s", true).unwrap_err().reason(), "configuration 's' must be a boolean, got string");
    assert_eq!(c.config_f64("l", 0.0).unwrap_err().reason(), "configuration 'l' must be a number, got array");
    assert_eq!(c.config_strings("s", &[]).unwrap_err().reason(), "configuration 's' must be an array of strings, got string");
    let c = Context::from_json(ctx_json(r#"{"l":["a",1]}"#).as_bytes()).unwrap();
    assert_eq!(c.config_strings("l", &[]).unwrap_err().reason(), "configuration 'l[1]' must be a string, got number");
}

#[test]
fn a_configuration_value_of_the_wrong_type_is_status_error_exit_0() {
    let o = run_with(ctx_json(r#"{"max":"ten"}"#).as_bytes(), fixed_clock, |ctx, out| {
        out.log(Level::Info, "before");
        let max = ctx.config_i64("max", 10)?;
        out.log(Level::Info, &format!("max {}", max));
        Ok(())
    });
    assert_eq!(o.exit_code, 0);
    assert_eq!(o.stderr, "ERROR: configuration 'max' must be an integer, got string\n");
    let v = Value::parse(o.stdout.as_bytes()).unwrap();
    assert_eq!(v.get("status").unwrap().as_str(), Some("ERROR"));
    assert_eq!(v.get("reason").unwrap().as_str(), Some("configuration 'max' must be an integer, got string"));
    let logs = v.get("logs").unwrap().as_array().unwrap();
    assert_eq!(logs.len(), 2);
    assert_eq!(logs[1].get("level").unwrap().as_str(), Some("ERROR"));
}

// ---- the output ----

#[test]
fn the_output_has_the_abis_field_names_tokens_and_links() {
    let v = run_ok("{}", |_, out| {
        out.set_title("T");
        let s = out.subject("resource", "/etc/login.defs", "login.defs");
        assert_eq!(out.subject("resource", "/etc/login.defs", "again"), s);
        out.subject_prop(s, "sha256", "abc");
        let o = out
            .observation("Seen", "")
            .method(Method::Examine)
            .method(Method::Test)
            .method(Method::Examine)
            .subject(s)
            .prop("k", "1")
            .prop("k", "2")
            .evidence("/etc/login.defs", "line 3")
            .evidence("", "no href")
            .id();
        out.finding("check-a", State::Satisfied, "A ok", "A is fine").observation(o);
        let f = out.finding("check-b", State::NotSatisfied, "B bad", "B is not").observation(o).id();
        out.finding_mut(f).raise_risk("Risk B", "because", "Impact: low.");
        let r = out.risk("Other", "", "");
        out.risk_status(r, RiskStatus::DeviationApproved);
        out.log(Level::Warn, "");
        Ok(())
    });
    assert_eq!(v.get("status").unwrap().as_str(), Some("FAIL"));
    assert_eq!(v.get("reason").unwrap().as_str(), Some("1 of 2 findings not satisfied"));
    assert_eq!(v.get("title").unwrap().as_str(), Some("T"));
    let subjects = v.get("subjects").unwrap().as_array().unwrap();
    assert_eq!(subjects.len(), 1);
    let s = &subjects[0];
    assert_eq!(s.get("uuid").unwrap().as_str(), Some(hash::uuid_from_name(b"subject:resource:/etc/login.defs").as_str()));
    assert_eq!(s.get("type").unwrap().as_str(), Some("resource"));
    assert_eq!(s.get("props").unwrap().get("sha256").unwrap().as_str(), Some("abc"));
    let o = &v.get("observations").unwrap().as_array().unwrap()[0];
    assert_eq!(o.get("description").unwrap().as_str(), Some("Seen"), "a blank description takes the title");
    assert_eq!(o.get("methods").unwrap().to_json(), r#"["EXAMINE","TEST"]"#);
    assert_eq!(o.get("subjects").unwrap().as_array().unwrap()[0], *s.get("uuid").unwrap());
    assert_eq!(o.get("props").unwrap().to_json(), r#"{"k":"2"}"#);
    assert_eq!(o.get("evidence").unwrap().to_json(), r#"[{"href":"/etc/login.defs","description":"line 3"},{"description":"no href"}]"#);
    assert_eq!(o.get("collected").unwrap().as_str(), Some("2025-11-24T16:00:00Z"));
    let findings = v.get("findings").unwrap().as_array().unwrap();
    assert_eq!(findings[0].get("state").unwrap().as_str(), Some("satisfied"));
    assert_eq!(findings[0].get("targetId").unwrap().as_str(), Some("check-a"));
    assert!(findings[0].get("relatedRisks").is_none());
    assert_eq!(findings[1].get("state").unwrap().as_str(), Some("not-satisfied"));
    let risks = v.get("risks").unwrap().as_array().unwrap();
    assert_eq!(findings[1].get("relatedRisks").unwrap().as_array().unwrap()[0], *risks[0].get("uuid").unwrap());
    assert_eq!(risks[0].get("relatedObservations").unwrap().as_array().unwrap()[0], *o.get("uuid").unwrap());
    assert_eq!(risks[0].get("status").unwrap().as_str(), Some("open"));
    assert_eq!(risks[1].get("status").unwrap().as_str(), Some("deviation-approved"));
    assert_eq!(risks[1].get("statement").unwrap().as_str(), Some("Other"));
    let log = &v.get("logs").unwrap().as_array().unwrap()[0];
    assert_eq!(log.to_json(), r#"{"level":"WARN","message":"","time":"2025-11-24T16:00:00Z"}"#);
    // uuids unique per kind, name-based on the run: the same run gives the same document
    let uuids: Vec<_> = ["observations", "findings", "risks"]
        .iter()
        .flat_map(|k| v.get(k).unwrap().as_array().unwrap().iter().map(|x| x.get("uuid").unwrap().to_json()))
        .collect();
    let mut unique = uuids.clone();
    unique.sort();
    unique.dedup();
    assert_eq!(unique.len(), uuids.len());
}

#[test]
fn verdicts_follow_the_findings_unless_set() {
    let v = run_ok("{}", |_, _| Ok(()));
    assert_eq!(v.to_json(), r#"{"status":"PASS","reason":"nothing to assess"}"#);
    let v = run_ok("{}", |_, out| {
        out.finding("x", State::Satisfied, "ok", "");
        Ok(())
    });
    assert_eq!(v.get("reason").unwrap().as_str(), Some("all 1 findings satisfied"));
    let v = run_ok("{}", |_, out| {
        out.set_status(Status::Error, " ");
        Ok(())
    });
    assert_eq!(v.get("reason").unwrap().as_str(), Some("the plugin could not assess its target"));
}

#[test]
fn not_applicable_keeps_its_reason_and_refuses_an_unmet_finding() {
    let v = run_ok("{}", |_, out| {
        out.set_not_applicable("no sshd here");
        Ok(())
    });
    assert_eq!(v.get("status").unwrap().as_str(), Some("NOT_APPLICABLE"));
    assert_eq!(v.get("reason").unwrap().as_str(), Some("no sshd here"));
    let o = run_with(ctx_json("{}").as_bytes(), fixed_clock, |_, out| {
        out.finding("x", State::NotSatisfied, "gap", "a gap");
        out.set_not_applicable("said not to apply");
        Ok(())
    });
    assert_eq!(o.exit_code, EXIT_INTERNAL);
    assert_eq!(o.stdout, "");
    assert!(o.stderr.contains("NOT_APPLICABLE"), "{}", o.stderr);
}

#[test]
fn text_from_anywhere_is_written_as_valid_json() {
    let nasty = String::from_utf8_lossy(b"a\xff\x00\"\\\x1b[31m\r\n\xe2\x80\xa8z").into_owned();
    let v = run_ok("{}", |_, out| {
        out.observation(&nasty, &nasty).prop(&nasty, &nasty).evidence(&nasty, &nasty);
        out.log(Level::Info, &nasty);
        Ok(())
    });
    let o = &v.get("observations").unwrap().as_array().unwrap()[0];
    assert_eq!(o.get("title").unwrap().as_str(), Some(nasty.as_str()));
    assert_eq!(o.get("props").unwrap().get(&nasty).unwrap().as_str(), Some(nasty.as_str()));
}

#[test]
fn misusing_the_sdk_is_exit_code_3_without_output() {
    let o = run_with(ctx_json("{}").as_bytes(), fixed_clock, |_, out| {
        out.finding("x", State::Satisfied, "  ", "d");
        Ok(())
    });
    assert_eq!(o.exit_code, EXIT_INTERNAL);
    assert!(o.stdout.is_empty());
    assert_eq!(o.stderr, "ERROR: SDK misused: a finding's title must not be blank\n");

    let mut other = Output::with_clock(RUN, fixed_clock);
    let foreign = other.observation("t", "d").id();
    let o = run_with(ctx_json("{}").as_bytes(), fixed_clock, move |_, out| {
        out.finding("x", State::Satisfied, "t", "d").observation(foreign);
        Ok(())
    });
    assert_eq!(o.exit_code, EXIT_INTERNAL);
    assert!(o.stderr.contains("an observation handle of another output was used"));
}

#[test]
fn an_error_reason_is_one_stderr_line() {
    let o = run_with(ctx_json("{}").as_bytes(), fixed_clock, |_, _| Err(Error::new("two\nlines")));
    assert_eq!(o.exit_code, 0);
    assert_eq!(o.stderr, "ERROR: two lines\n");
    let v = Value::parse(o.stdout.as_bytes()).unwrap();
    assert_eq!(v.get("reason").unwrap().as_str(), Some("two\nlines"));
}

// ---- files ----

fn scratch(name: &str) -> std::path::PathBuf {
    let d = std::env::temp_dir().join(format!("assessment-sdk-test-{}-{}", std::process::id(), name));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    d
}

#[test]
fn files_are_read_whole_within_a_limit_with_clear_errors() {
    let d = scratch("read");
    let p = d.join("f");
    std::fs::write(&p, b"ab\xffc").unwrap();
    let p = p.to_str().unwrap();
    assert_eq!(files::read_file(p, 4).unwrap(), b"ab\xffc");
    assert_eq!(files::read_text(p, 4).unwrap(), "ab\u{FFFD}c");
    assert_eq!(files::read_file(p, 3).unwrap_err().to_string(), format!("cannot read {}: larger than 3 bytes", p));
    let missing = d.join("missing");
    let e = files::read_file(missing.to_str().unwrap(), 10).unwrap_err();
    assert!(e.is_not_found());
    assert_eq!(e.to_string(), format!("cannot read {}: No such file or directory", missing.display()));
    let as_error: Error = e.into();
    assert!(as_error.reason().starts_with("cannot read "));
    assert!(files::read_file(d.to_str().unwrap(), 10).is_err(), "a directory is not a file");
    let _ = std::fs::remove_dir_all(&d);
}

#[test]
fn walks_in_name_order_without_following_links() {
    let d = scratch("walk");
    std::fs::create_dir_all(d.join("b/c")).unwrap();
    std::fs::write(d.join("a"), b"").unwrap();
    std::fs::write(d.join("b/c/x"), b"").unwrap();
    std::os::unix::fs::symlink(&d, d.join("loop")).unwrap();
    let (entries, errors) = files::walk(d.to_str().unwrap(), 8);
    assert!(errors.is_empty());
    let names: Vec<_> = entries.iter().map(|e| (e.name.as_str(), e.kind, e.depth)).collect();
    assert_eq!(
        names,
        vec![
            ("a", files::EntryType::File, 1),
            ("b", files::EntryType::Dir, 1),
            ("c", files::EntryType::Dir, 2),
            ("x", files::EntryType::File, 3),
            ("loop", files::EntryType::Symlink, 1)
        ]
    );
    let (shallow, _) = files::walk(d.to_str().unwrap(), 1);
    assert_eq!(shallow.len(), 3);
    let (_, errors) = files::walk(d.join("nope").to_str().unwrap(), 1);
    assert_eq!(errors.len(), 1);
    let _ = std::fs::remove_dir_all(&d);
}

// ---- no input makes it panic ----

/// A deterministic generator (splitmix64), so that a failure reproduces.
struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e3779b97f4a7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58476d1ce4e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d049bb133111eb);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

fn mutate(base: &[u8], r: &mut Rng) -> Vec<u8> {
    const TOKENS: &[&[u8]] = &[b"{", b"}", b"[", b"]", b"\"", b"\\", b"\\u", b"\\ud800", b":", b",", b"-", b"e", b".", b"0", b"null", b"\xff", b"\xc3", b"\n"];
    let mut v = base.to_vec();
    for _ in 0..1 + r.below(8) {
        let at = r.below(v.len() + 1);
        match r.below(5) {
            0 if !v.is_empty() => {
                let i = at.min(v.len() - 1);
                v[i] = r.next() as u8;
            }
            1 if at < v.len() => {
                v.remove(at);
            }
            2 => {
                let t = TOKENS[r.below(TOKENS.len())];
                v.splice(at..at, t.iter().copied());
            }
            3 => v.truncate(at),
            _ => v.insert(at, r.next() as u8),
        }
    }
    v
}

#[test]
fn mutated_contexts_are_accepted_or_refused_never_a_panic() {
    let base = format!(
        r#"{{"abiVersion":1,"runId":"{}","jobId":"j","taskId":"t","activityId":"a","configuration":{{"s":"h\u00e9llo \ud83d\ude00","i":7,"l":["a","b"],"n":{{"x":[1,2.5e3,{{"y":null}}]}}}},"target":{{"id":"t","type":"inventory-item","facts":{{"a":"b"}}}}}}"#,
        RUN
    );
    let mut r = Rng(1);
    let (mut accepted, mut refused) = (0, 0);
    for _ in 0..20_000 {
        let input = mutate(base.as_bytes(), &mut r);
        let o = run_with(&input, fixed_clock, |ctx, out| {
            // exercise typed access on whatever survived
            let s = ctx.config_str("s", "").unwrap_or_default();
            let _ = ctx.config_i64("i", 0);
            let _ = ctx.config_strings("l", &[]);
            out.observation("echo", &s).prop("s", &s);
            Ok(())
        });
        match o.exit_code {
            0 => {
                accepted += 1;
                Value::parse(o.stdout.as_bytes()).expect("valid output");
            }
            EXIT_BAD_INPUT => {
                refused += 1;
                assert!(o.stdout.is_empty() && o.stderr.starts_with("ERROR: "));
            }
            c => panic!("exit code {}", c),
        }
    }
    assert!(accepted > 100 && refused > 100, "accepted {}, refused {}", accepted, refused);
}

#[test]
fn random_bytes_never_panic_the_parser() {
    let mut r = Rng(2);
    for _ in 0..20_000 {
        let n = r.below(64);
        let bytes: Vec<u8> = (0..n).map(|_| b"{}[]\":,\\u0123456789abcdefEe.-+ tnrl\xff\xc3\xa9"[r.below(38)]).collect();
        let _ = Value::parse(&bytes);
        let _ = Value::Number(String::from_utf8_lossy(&bytes).into_owned()).as_i64();
    }
}
