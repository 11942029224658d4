// examples/pwquality: the password quality rules that pam_pwquality enforces when passwords are
// changed, read from /etc/security/pwquality.conf (libpwquality's settings file). Written in
// AssemblyScript with the AssemblyScript SDK.
//
// Checks (finding targetId), each naming its NIST SP 800-53 control (observation prop nist-800-53):
//   pwquality-minlen     minlen is at least minLength (default 14)                    ia-5.1
//   pwquality-minclass   at least minClasses character classes are required (default 3):
//                        minclass, or as many negative dcredit/ucredit/lcredit/ocredit  ia-5.1
//   pwquality-dictcheck  passwords are checked against a dictionary (dictcheck != 0)  ia-5.1
//   pwquality-enforcing  a failed check rejects the password (enforcing != 0)         ia-5.1
// An unset setting is judged by libpwquality's default (minlen 8, minclass 0, dictcheck 1,
// enforcing 1). Parsed as libpwquality reads it: "name = value", "#" comments, a later line wins.
// Not read: /etc/security/pwquality.conf.d/*.conf (included by libpwquality >= 1.4.1).
import {
  run, Context, Output, Subject, State, Method, Level, readText, fileError,
} from "../../sdk-assemblyscript/assembly/assessment";

class Setting {
  constructor(public value: string, public line: i32) {}
}

function parseConf(text: string): Map<string, Setting> {
  const settings = new Map<string, Setting>();
  const lines = text.split("\n");
  for (let i = 0; i < lines.length; i++) {
    let line = lines[i];
    const hash = line.indexOf("#");
    if (hash >= 0) line = line.substring(0, hash);
    line = line.trim();
    if (line.length == 0) continue;
    const eq = line.indexOf("=");
    const name = (eq >= 0 ? line.substring(0, eq) : line).trim();
    const value = eq >= 0 ? line.substring(eq + 1).trim() : "";
    settings.set(name, new Setting(value, i + 1));
  }
  return settings;
}

/** a decimal integer (optionally signed), or null */
function intOf(s: string): i64 {
  let i = 0;
  let neg = false;
  if (s.startsWith("-")) { neg = true; i = 1; } else if (s.startsWith("+")) i = 1;
  if (i >= s.length || s.length - i > 9) return i64.MIN_VALUE;
  let v: i64 = 0;
  for (; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x30 || c > 0x39) return i64.MIN_VALUE;
    v = v * 10 + <i64>(c - 0x30);
  }
  return neg ? -v : v;
}

class Check {
  constructor(public id: string, public ok: bool, public value: string, public source: string,
              public about: string, public risk: string) {}
}

let path = "";
let subject: Subject | null = null;

function report(out: Output, c: Check): void {
  const seen = out.observation("pwquality " + c.id.substring(10), c.about)
    .method(Method.EXAMINE)
    .subject(subject!)
    .prop("check", c.id)
    .prop("value", c.value)
    .prop("source", c.source)
    .prop("nist-800-53", "ia-5.1");
  if (c.source.indexOf(":") > 0) seen.evidence(path, c.source.substring(c.source.lastIndexOf(":") + 1).length > 0 ? "line " + c.source.substring(c.source.lastIndexOf(":") + 1) : path);
  const f = out.finding(c.id, State.fromOk(c.ok), c.ok ? c.id + " complies" : c.id + " does not comply", c.about).observation(seen);
  if (!c.ok) f.raiseRisk(c.risk, c.about, "Impact: moderate - weak passwords are guessed or cracked. Likelihood: moderate.");
}

/** the setting's value and where it was set, or the default */
function lookup(s: Map<string, Setting>, name: string, def: string): string[] {
  if (s.has(name)) {
    const v = s.get(name);
    return [v.value, path + ":" + v.line.toString()];
  }
  return [def, "default"];
}

function where(src: string[]): string {
  return src[1] == "default" ? "unset, libpwquality's default" : src[1];
}

function check(ctx: Context, out: Output): void {
  path = ctx.configString("path", "/etc/security/pwquality.conf");
  const minLength = ctx.configInt("minLength", 14);
  const minClasses = ctx.configInt("minClasses", 3);
  const skip = ctx.configStrings("skip", []);
  if (ctx.error.length > 0) return;
  const text = readText(path, 1 << 20);
  if (text === null) {
    ctx.fail(fileError());
    return;
  }
  const s = parseConf(text);
  subject = out.subject("resource", path, "libpwquality configuration");

  if (!skip.includes("pwquality-minlen")) {
    const v = lookup(s, "minlen", "8");
    const n = intOf(v[0]);
    if (n == i64.MIN_VALUE) {
      report(out, new Check("pwquality-minlen", false, v[0], v[1], "minlen is '" + v[0] + "' (" + where(v) + "), not a number", "Password length not enforced"));
    } else {
      const ok = n >= minLength;
      report(out, new Check("pwquality-minlen", ok, v[0], v[1], "minlen is " + v[0] + " (" + where(v) + ")" + (ok ? "" : "; expected at least " + minLength.toString()), "Short passwords accepted"));
    }
  } else out.log(Level.INFO, "check pwquality-minlen skipped by configuration");

  if (!skip.includes("pwquality-minclass")) {
    const v = lookup(s, "minclass", "0");
    let classes = intOf(v[0]);
    if (classes == i64.MIN_VALUE) classes = 0;
    const credits: string[] = ["dcredit", "ucredit", "lcredit", "ocredit"];
    const required: string[] = [];
    for (let i = 0; i < credits.length; i++) {
      if (s.has(credits[i]) && intOf(s.get(credits[i]).value) < 0 && intOf(s.get(credits[i]).value) != i64.MIN_VALUE) required.push(credits[i]);
    }
    const effective = classes > <i64>required.length ? classes : <i64>required.length;
    const ok = effective >= minClasses;
    let about = "minclass is " + v[0] + " (" + where(v) + ")";
    if (required.length > 0) about += ", negative credits require " + required.join(", ");
    about += ": " + effective.toString() + " character classes required" + (ok ? "" : "; expected at least " + minClasses.toString());
    report(out, new Check("pwquality-minclass", ok, effective.toString(), v[1], about, "Passwords of a single character class accepted"));
  } else out.log(Level.INFO, "check pwquality-minclass skipped by configuration");

  if (!skip.includes("pwquality-dictcheck")) {
    const v = lookup(s, "dictcheck", "1");
    const ok = intOf(v[0]) != 0;
    report(out, new Check("pwquality-dictcheck", ok, v[0], v[1], "dictcheck is " + v[0] + " (" + where(v) + ")" + (ok ? "" : "; dictionary words are accepted"), "Dictionary passwords accepted"));
  } else out.log(Level.INFO, "check pwquality-dictcheck skipped by configuration");

  if (!skip.includes("pwquality-enforcing")) {
    const v = lookup(s, "enforcing", "1");
    const ok = intOf(v[0]) != 0;
    report(out, new Check("pwquality-enforcing", ok, v[0], v[1], "enforcing is " + v[0] + " (" + where(v) + ")" + (ok ? "" : "; a failed check only warns"), "Password quality only advised"));
  } else out.log(Level.INFO, "check pwquality-enforcing skipped by configuration");
}

run(check);
