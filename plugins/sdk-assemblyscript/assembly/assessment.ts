// The AssemblyScript SDK for assessment plugins: Plugin ABI v1 (../../ABI.md) without seeing it.
// run(check) reads the job context on stdin, calls check(ctx, out), writes the output on stdout and
// exits with the ABI's code. See ../README.md.

import { Kind, Value, parse, quote, decodeLossy } from "./json";
import { uuidFromName, iso8601 } from "./hash";
import {
  writeString, readAll, exit, nowSeconds, lastErrno, errnoText,
  fd_prestat_get, fd_prestat_dir_name, path_open, fd_close,
} from "./wasi";

export { Kind, Value, parse, quote, decodeLossy } from "./json";
export { uuidFromName, iso8601 } from "./hash";
export { assessment_abort } from "./wasi";

export const ABI_VERSION = 1;
export const EXIT_BAD_INPUT: u32 = 2;
export const EXIT_INTERNAL: u32 = 3;

/** Verdicts. */
export namespace Status {
  export const PASS = "PASS";
  export const FAIL = "FAIL";
  export const ERROR = "ERROR";
  /** The control does not apply to the target; no finding may then be not satisfied. */
  export const NOT_APPLICABLE = "NOT_APPLICABLE";
}

/** A finding's state. */
export namespace State {
  export const SATISFIED = "satisfied";
  export const NOT_SATISFIED = "not-satisfied";
  export function fromOk(ok: bool): string {
    return ok ? SATISFIED : NOT_SATISFIED;
  }
}

/** Observation methods. */
export namespace Method {
  export const EXAMINE = "EXAMINE";
  export const INTERVIEW = "INTERVIEW";
  export const TEST = "TEST";
  export const UNKNOWN = "UNKNOWN";
}

/** Log levels. */
export namespace Level {
  export const DEBUG = "DEBUG";
  export const INFO = "INFO";
  export const WARN = "WARN";
  export const ERROR = "ERROR";
}

/** Risk statuses. */
export namespace RiskStatus {
  export const OPEN = "open";
  export const INVESTIGATING = "investigating";
  export const REMEDIATING = "remediating";
  export const DEVIATION_REQUESTED = "deviation-requested";
  export const DEVIATION_APPROVED = "deviation-approved";
  export const CLOSED = "closed";
}

export function isBlank(s: string): bool {
  return s.trim().length == 0;
}

/** A programming error of the plugin: a message on stderr, nothing on stdout, exit 3. */
export function misuse(message: string): void {
  writeString(2, "ERROR: assessment SDK misused: " + message + "\n");
  exit(EXIT_INTERNAL);
}

// ---------------------------------------------------------------------------------------------
// Context

export class Target {
  id: string = "";
  /** the wire's "type" */
  kind: string = "";
  title: string = "";
  facts: Map<string, string> = new Map<string, string>();

  fact(name: string): string {
    return this.facts.has(name) ? this.facts.get(name) : "";
  }
}

export class Context {
  runId: string = "";
  jobId: string = "";
  taskId: string = "";
  activityId: string = "";
  planId: string = "";
  componentId: string = "";
  controlId: string = "";
  /** null: the host the plugin runs on */
  target: Target | null = null;
  /** the configuration (an object; empty when absent) */
  config: Value = emptyObject();
  /** the first error: a configuration value of the wrong type, or fail(); makes the status ERROR */
  error: string = "";

  /** Could not assess: the status becomes ERROR with this reason (the first reason wins). */
  fail(reason: string): void {
    if (this.error.length == 0) this.error = isBlank(reason) ? "the plugin could not assess its target" : reason;
  }

  /** The configuration value under key, or null when absent or null. */
  configValue(key: string): Value | null {
    const v = this.config.get(key);
    if (v === null || v.kind == Kind.Null) return null;
    return v;
  }

  private wrongType(key: string, expected: string, v: Value): void {
    this.fail("configuration '" + key + "' must be " + expected + ", got " + v.typeName());
  }

  configString(key: string, def: string): string {
    const v = this.configValue(key);
    if (v === null) return def;
    if (v.kind != Kind.String) { this.wrongType(key, "a string", v); return def; }
    return v.str;
  }

  configInt(key: string, def: i64): i64 {
    const v = this.configValue(key);
    if (v === null) return def;
    if (!v.isInteger()) { this.wrongType(key, "an integer", v); return def; }
    return v.intValue();
  }

  configFloat(key: string, def: f64): f64 {
    const v = this.configValue(key);
    if (v === null) return def;
    if (v.kind != Kind.Number) { this.wrongType(key, "a number", v); return def; }
    return v.num;
  }

  configBool(key: string, def: bool): bool {
    const v = this.configValue(key);
    if (v === null) return def;
    if (v.kind != Kind.Bool) { this.wrongType(key, "a boolean", v); return def; }
    return v.b;
  }

  configStrings(key: string, def: string[]): string[] {
    const v = this.configValue(key);
    if (v === null) return def;
    if (v.kind != Kind.Array) { this.wrongType(key, "an array of strings", v); return def; }
    const r: string[] = [];
    for (let i = 0; i < v.items.length; i++) {
      const item = v.items[i];
      if (item.kind != Kind.String) { this.wrongType(key + "[" + i.toString() + "]", "a string", item); return def; }
      r.push(item.str);
    }
    return r;
  }
}

function emptyObject(): Value {
  const v = new Value();
  v.kind = Kind.Object;
  return v;
}

class ContextResult {
  ctx: Context | null = null;
  error: string = "";
}

function isUuid(s: string): bool {
  if (s.length != 36) return false;
  for (let i = 0; i < 36; i++) {
    const c = s.charCodeAt(i);
    if (i == 8 || i == 13 || i == 18 || i == 23) { if (c != 0x2d) return false; continue; }
    const hex = (c >= 0x30 && c <= 0x39) || (c >= 0x61 && c <= 0x66) || (c >= 0x41 && c <= 0x46);
    if (!hex) return false;
  }
  return true;
}

/** Reads and validates a job context (ABI.md §3); the error says what is wrong. */
export function parseContext(input: Uint8Array): ContextResult {
  const r = new ContextResult();
  const p = parse(input);
  if (p.value === null) { r.error = "invalid JSON: " + p.error; return r; }
  const doc = p.value!;
  if (doc.kind != Kind.Object) { r.error = "the document must be a JSON object, got " + doc.typeName(); return r; }
  const ctx = new Context();
  const abi = doc.get("abiVersion");
  if (abi === null || !abi.isInteger()) { r.error = "'abiVersion' must be an integer"; return r; }
  if (abi.intValue() != ABI_VERSION) {
    r.error = "this plugin speaks ABI version 1, the context has abiVersion " + abi.text;
    return r;
  }
  const names: string[] = ["runId", "jobId", "taskId", "activityId", "planId", "componentId", "controlId"];
  const values: string[] = [];
  for (let i = 0; i < names.length; i++) {
    const required = i < 4;
    const v = doc.get(names[i]);
    if (v === null || v.kind == Kind.Null) {
      if (required) { r.error = "'" + names[i] + "' is required"; return r; }
      values.push("");
      continue;
    }
    if (v.kind != Kind.String) { r.error = "'" + names[i] + "' must be a string, got " + v.typeName(); return r; }
    if (required && isBlank(v.str)) { r.error = "'" + names[i] + "' must not be blank"; return r; }
    values.push(v.str);
  }
  if (!isUuid(values[0])) { r.error = "'runId' must be a uuid, got '" + values[0] + "'"; return r; }
  ctx.runId = values[0]; ctx.jobId = values[1]; ctx.taskId = values[2]; ctx.activityId = values[3];
  ctx.planId = values[4]; ctx.componentId = values[5]; ctx.controlId = values[6];
  const conf = doc.get("configuration");
  if (conf !== null && conf.kind != Kind.Null) {
    if (conf.kind != Kind.Object) { r.error = "'configuration' must be an object, got " + conf.typeName(); return r; }
    ctx.config = conf;
  }
  const t = doc.get("target");
  if (t !== null && t.kind != Kind.Null) {
    if (t.kind != Kind.Object) { r.error = "'target' must be an object, got " + t.typeName(); return r; }
    const target = new Target();
    const tn: string[] = ["id", "type", "title"];
    for (let i = 0; i < 3; i++) {
      const v = t.get(tn[i]);
      let s = "";
      if (v !== null && v.kind != Kind.Null) {
        if (v.kind != Kind.String) { r.error = "'target." + tn[i] + "' must be a string, got " + v.typeName(); return r; }
        s = v.str;
      }
      if (i == 0) target.id = s; else if (i == 1) target.kind = s; else target.title = s;
    }
    const facts = t.get("facts");
    if (facts !== null && facts.kind != Kind.Null) {
      if (facts.kind != Kind.Object) { r.error = "'target.facts' must be an object, got " + facts.typeName(); return r; }
      for (let i = 0; i < facts.keys.length; i++) {
        const k = facts.keys[i];
        const fv = facts.map.get(k);
        if (fv.kind != Kind.String) { r.error = "'target.facts." + k + "' must be a string, got " + fv.typeName(); return r; }
        target.facts.set(k, fv.str);
      }
    }
    ctx.target = target;
  }
  r.ctx = ctx;
  return r;
}

// ---------------------------------------------------------------------------------------------
// Output

class Prop {
  constructor(public name: string, public value: string) {}
}

function setProp(props: Prop[], name: string, value: string): void {
  for (let i = 0; i < props.length; i++) {
    if (props[i].name == name) { props[i].value = value; return; }
  }
  props.push(new Prop(name, value));
}

class Evidence {
  constructor(public href: string, public description: string) {}
}

export class Subject {
  uuid: string = "";
  identifier: string = "";
  kind: string = "";
  title: string = "";
  props: Prop[] = [];
  constructor(public out: Output) {}

  prop(name: string, value: string): Subject {
    if (name.length > 0) setProp(this.props, name, value);
    return this;
  }
}

export class Observation {
  uuid: string = "";
  title: string = "";
  description: string = "";
  methods: string[] = [];
  subjects: string[] = [];
  evidences: Evidence[] = [];
  props: Prop[] = [];
  collected: string = "";
  constructor(public out: Output) {}

  method(m: string): Observation {
    if (m != Method.EXAMINE && m != Method.INTERVIEW && m != Method.TEST && m != Method.UNKNOWN) misuse("unknown method '" + m + "'");
    if (!this.methods.includes(m)) this.methods.push(m);
    return this;
  }

  subject(s: Subject): Observation {
    if (s.out !== this.out) misuse("a subject of another output was used");
    if (!this.subjects.includes(s.uuid)) this.subjects.push(s.uuid);
    return this;
  }

  prop(name: string, value: string): Observation {
    if (name.length > 0) setProp(this.props, name, value);
    return this;
  }

  /** href may be "" (left out); a blank description is a misuse. */
  evidence(href: string, description: string): Observation {
    if (isBlank(description)) misuse("an evidence's description must not be blank");
    this.evidences.push(new Evidence(href, description));
    return this;
  }
}

export class Risk {
  uuid: string = "";
  title: string = "";
  description: string = "";
  statement: string = "";
  riskStatus: string = RiskStatus.OPEN;
  observations: string[] = [];
  constructor(public out: Output) {}

  status(s: string): Risk {
    if (s != RiskStatus.OPEN && s != RiskStatus.INVESTIGATING && s != RiskStatus.REMEDIATING && s != RiskStatus.DEVIATION_REQUESTED
        && s != RiskStatus.DEVIATION_APPROVED && s != RiskStatus.CLOSED) misuse("unknown risk status '" + s + "'");
    this.riskStatus = s;
    return this;
  }

  observation(o: Observation): Risk {
    if (o.out !== this.out) misuse("an observation of another output was used");
    if (!this.observations.includes(o.uuid)) this.observations.push(o.uuid);
    return this;
  }
}

export class Finding {
  uuid: string = "";
  title: string = "";
  description: string = "";
  targetId: string = "";
  state: string = "";
  observations: string[] = [];
  risks: string[] = [];
  observationRefs: Observation[] = [];
  constructor(public out: Output) {}

  observation(o: Observation): Finding {
    if (o.out !== this.out) misuse("an observation of another output was used");
    if (!this.observations.includes(o.uuid)) { this.observations.push(o.uuid); this.observationRefs.push(o); }
    return this;
  }

  risk(r: Risk): Finding {
    if (r.out !== this.out) misuse("a risk of another output was used");
    if (!this.risks.includes(r.uuid)) this.risks.push(r.uuid);
    return this;
  }

  /** A new risk linked to this finding and to its observations. */
  raiseRisk(title: string, description: string, statement: string): Finding {
    const r = this.out.risk(title, description, statement);
    for (let i = 0; i < this.observationRefs.length; i++) r.observation(this.observationRefs[i]);
    return this.risk(r);
  }
}

class Log {
  constructor(public level: string, public message: string, public time: string) {}
}

export class Output {
  runId: string;
  now: string;
  seq: i32 = 0;
  title: string = "";
  status: string = "";
  reason: string = "";
  subjects: Subject[] = [];
  observations: Observation[] = [];
  findings: Finding[] = [];
  risks: Risk[] = [];
  logs: Log[] = [];

  constructor(runId: string, now: string) {
    this.runId = runId;
    this.now = now;
  }

  private nextUuid(kind: string): string {
    this.seq++;
    return uuidFromName(this.runId + ":" + kind + ":" + this.seq.toString());
  }

  private required(what: string, text: string): string {
    if (isBlank(text)) misuse(what + " must not be blank");
    return text;
  }

  /** Something looked at; the same kind + identifier is the same subject (uuid as the runtime derives it). */
  subject(kind: string, identifier: string, title: string): Subject {
    for (let i = 0; i < this.subjects.length; i++) {
      const s = this.subjects[i];
      if (s.kind == kind && s.identifier == identifier) return s;
    }
    const s = new Subject(this);
    s.kind = this.required("a subject's type", kind);
    s.identifier = this.required("a subject's identifier", identifier);
    s.title = title;
    s.uuid = uuidFromName("subject:" + kind + ":" + identifier);
    this.subjects.push(s);
    return s;
  }

  /** Something seen; collected is now. A blank description takes the title. */
  observation(title: string, description: string): Observation {
    const o = new Observation(this);
    o.title = this.required("an observation's title", title);
    o.description = isBlank(description) ? title : description;
    o.uuid = this.nextUuid("observation");
    o.collected = this.now;
    this.observations.push(o);
    return o;
  }

  /** What was concluded about targetId (a control or objective; "" = the job's control). */
  finding(targetId: string, state: string, title: string, description: string): Finding {
    if (state != State.SATISFIED && state != State.NOT_SATISFIED) misuse("unknown finding state '" + state + "'");
    const f = new Finding(this);
    f.title = this.required("a finding's title", title);
    f.description = isBlank(description) ? title : description;
    f.targetId = targetId;
    f.state = state;
    f.uuid = this.nextUuid("finding");
    this.findings.push(f);
    return f;
  }

  risk(title: string, description: string, statement: string): Risk {
    const r = new Risk(this);
    r.title = this.required("a risk's title", title);
    r.description = this.required("a risk's description", description);
    r.statement = this.required("a risk's statement", statement);
    r.uuid = this.nextUuid("risk");
    this.risks.push(r);
    return r;
  }

  log(level: string, message: string): void {
    if (level != Level.DEBUG && level != Level.INFO && level != Level.WARN && level != Level.ERROR) misuse("unknown log level '" + level + "'");
    this.logs.push(new Log(level, message, this.now));
  }

  setTitle(title: string): void {
    this.title = title;
  }

  setStatus(status: string, reason: string): void {
    if (status != Status.PASS && status != Status.FAIL && status != Status.ERROR && status != Status.NOT_APPLICABLE) {
      misuse("unknown status '" + status + "'");
    }
    this.status = status;
    this.reason = reason;
  }

  /** Could not assess: status ERROR with this reason, also logged at ERROR. */
  setError(reason: string): void {
    const r = isBlank(reason) ? "the plugin could not assess its target" : reason;
    this.log(Level.ERROR, r);
    this.status = Status.ERROR;
    this.reason = r;
  }

  /**
   * The control does not apply to the target (e.g. an SSH check on a host without an SSH server):
   * status NOT_APPLICABLE with this reason, also logged at INFO. Findings recorded so far must all be
   * satisfied (checked when the output is written: a not-satisfied one is a misuse, exit code 3).
   */
  setNotApplicable(reason: string): void {
    const r = isBlank(reason) ? "the control does not apply to this target" : reason;
    this.log(Level.INFO, "not applicable: " + r);
    this.status = Status.NOT_APPLICABLE;
    this.reason = r;
  }

  /** The verdict: set explicitly, else FAIL when a finding is not satisfied, else PASS. */
  verdict(): string[] {
    if (this.status.length > 0) {
      const reason = this.status == Status.ERROR && isBlank(this.reason) ? "the plugin could not assess its target" : this.reason;
      return [this.status, reason];
    }
    let failed = 0;
    for (let i = 0; i < this.findings.length; i++) if (this.findings[i].state == State.NOT_SATISFIED) failed++;
    const n = this.findings.length;
    if (failed > 0) return [Status.FAIL, failed.toString() + " of " + n.toString() + " findings not satisfied"];
    if (n > 0) return [Status.PASS, "all " + n.toString() + " findings satisfied"];
    return [Status.PASS, "nothing to assess"];
  }

  /** The document as JSON text (one line, then a newline). */
  toJson(): string {
    const w = new Writer();
    const v = this.verdict();
    w.open("{");
    w.str("status", v[0]);
    w.str("reason", v[1]);
    w.str("title", this.title);
    if (this.observations.length > 0) {
      w.key("observations"); w.open("[");
      for (let i = 0; i < this.observations.length; i++) {
        const o = this.observations[i];
        w.item(); w.open("{");
        w.str("uuid", o.uuid); w.str("title", o.title); w.str("description", o.description);
        w.strs("methods", o.methods); w.strs("subjects", o.subjects);
        if (o.evidences.length > 0) {
          w.key("evidence"); w.open("[");
          for (let j = 0; j < o.evidences.length; j++) {
            w.item(); w.open("{"); w.str("href", o.evidences[j].href); w.str("description", o.evidences[j].description); w.close("}");
          }
          w.close("]");
        }
        w.props(o.props);
        w.str("collected", o.collected);
        w.close("}");
      }
      w.close("]");
    }
    if (this.findings.length > 0) {
      w.key("findings"); w.open("[");
      for (let i = 0; i < this.findings.length; i++) {
        const f = this.findings[i];
        w.item(); w.open("{");
        w.str("uuid", f.uuid); w.str("title", f.title); w.str("description", f.description);
        w.str("targetId", f.targetId); w.str("state", f.state);
        w.strs("relatedObservations", f.observations); w.strs("relatedRisks", f.risks);
        w.close("}");
      }
      w.close("]");
    }
    if (this.risks.length > 0) {
      w.key("risks"); w.open("[");
      for (let i = 0; i < this.risks.length; i++) {
        const r = this.risks[i];
        w.item(); w.open("{");
        w.str("uuid", r.uuid); w.str("title", r.title); w.str("description", r.description);
        w.str("statement", r.statement); w.str("status", r.riskStatus);
        w.strs("relatedObservations", r.observations);
        w.close("}");
      }
      w.close("]");
    }
    if (this.subjects.length > 0) {
      w.key("subjects"); w.open("[");
      for (let i = 0; i < this.subjects.length; i++) {
        const s = this.subjects[i];
        w.item(); w.open("{");
        w.str("uuid", s.uuid); w.str("identifier", s.identifier); w.str("type", s.kind); w.str("title", s.title);
        w.props(s.props);
        w.close("}");
      }
      w.close("]");
    }
    if (this.logs.length > 0) {
      w.key("logs"); w.open("[");
      for (let i = 0; i < this.logs.length; i++) {
        const l = this.logs[i];
        w.item(); w.open("{");
        w.str("level", l.level);
        w.key("message"); w.raw(quote(l.message)); // required, may be empty
        w.str("time", l.time);
        w.close("}");
      }
      w.close("]");
    }
    w.close("}");
    return w.parts.join("") + "\n";
  }
}

class Writer {
  parts: string[] = [];
  first: bool = true;

  raw(s: string): void { this.parts.push(s); }
  open(c: string): void { this.parts.push(c); this.first = true; }
  close(c: string): void { this.parts.push(c); this.first = false; }
  item(): void { if (!this.first) this.parts.push(","); this.first = false; }
  key(k: string): void { this.item(); this.parts.push(quote(k)); this.parts.push(":"); }
  /** a string member; empty strings are left out */
  str(k: string, v: string): void { if (v.length > 0) { this.key(k); this.parts.push(quote(v)); } }
  strs(k: string, v: string[]): void {
    if (v.length == 0) return;
    this.key(k); this.open("[");
    for (let i = 0; i < v.length; i++) { this.item(); this.parts.push(quote(v[i])); }
    this.close("]");
  }
  props(p: Prop[]): void {
    if (p.length == 0) return;
    this.key("props"); this.open("{");
    for (let i = 0; i < p.length; i++) { this.key(p[i].name); this.parts.push(quote(p[i].value)); }
    this.close("}");
  }
}

// ---------------------------------------------------------------------------------------------
// Files under the granted directories

class Preopen {
  constructor(public fd: u32, public path: string) {}
}

let preopens: Preopen[] | null = null;

function listPreopens(): Preopen[] {
  if (preopens !== null) return preopens!;
  const list: Preopen[] = [];
  const buf = new ArrayBuffer(8);
  for (let fd: u32 = 3; fd < 1024; fd++) {
    if (fd_prestat_get(fd, changetype<usize>(buf)) != 0) break;
    if (load<u8>(changetype<usize>(buf)) != 0) continue;
    const len = load<u32>(changetype<usize>(buf) + 4);
    const name = new Uint8Array(<i32>len);
    if (fd_prestat_dir_name(fd, name.dataStart, len) != 0) continue;
    let p = String.UTF8.decodeUnsafe(name.dataStart, len);
    while (p.length > 1 && p.endsWith("/")) p = p.substring(0, p.length - 1);
    list.push(new Preopen(fd, p));
  }
  preopens = list;
  return list;
}

let fileErr: string = "";

/** Why the last readFile/readText failed: "cannot read PATH: REASON". */
export function fileError(): string {
  return fileErr;
}

/** A whole file (at most maxBytes), or null (see fileError()). Absolute guest paths only. */
export function readFile(path: string, maxBytes: i32): Uint8Array | null {
  if (!path.startsWith("/")) { fileErr = "cannot read " + path + ": not an absolute path"; return null; }
  const list = listPreopens();
  let best: Preopen | null = null;
  for (let i = 0; i < list.length; i++) {
    const p = list[i].path;
    const match = p == "/" || path == p || path.startsWith(p + "/");
    if (match && (best === null || p.length > best.path.length)) best = list[i];
  }
  if (best === null) { fileErr = "cannot read " + path + ": No such file or directory"; return null; }
  let rel = best.path == "/" ? path.substring(1) : path.substring(best.path.length);
  while (rel.startsWith("/")) rel = rel.substring(1);
  if (rel.length == 0) rel = ".";
  const relBytes = Uint8Array.wrap(String.UTF8.encode(rel));
  const fdBuf = new ArrayBuffer(4);
  // rights: fd_read | fd_seek | fd_tell | fd_filestat_get | fd_readdir
  const rights: u64 = (1 << 1) | (1 << 2) | (1 << 5) | (1 << 21) | (1 << 14);
  const err = path_open(best.fd, 1, relBytes.dataStart, <usize>relBytes.length, 0, rights, rights, 0, changetype<usize>(fdBuf));
  if (err != 0) { fileErr = "cannot read " + path + ": " + errnoText(err); return null; }
  const fd = load<u32>(changetype<usize>(fdBuf));
  const data = readAll(fd, maxBytes);
  fd_close(fd);
  if (data === null) { fileErr = "cannot read " + path + ": " + errnoText(lastErrno); return null; }
  if (data.length > maxBytes) { fileErr = "cannot read " + path + ": larger than " + maxBytes.toString() + " bytes"; return null; }
  return data;
}

/** A whole file as text (invalid UTF-8 becomes U+FFFD), or null (see fileError()). */
export function readText(path: string, maxBytes: i32): string | null {
  const b = readFile(path, maxBytes);
  return b === null ? null : decodeLossy(b);
}

// ---------------------------------------------------------------------------------------------
// run

/** Runs a plugin: stdin -> check(ctx, out) -> stdout, with the ABI's exit codes. Does not return. */
export function run(check: (ctx: Context, out: Output) => void): void {
  const input = readAll(0, 64 << 20);
  if (input === null) {
    writeString(2, "ERROR: cannot read stdin: " + errnoText(lastErrno) + "\n");
    exit(EXIT_BAD_INPUT);
    return;
  }
  const r = parseContext(input);
  if (r.ctx === null) {
    writeString(2, "ERROR: stdin is not a valid ABI v1 job context: " + r.error + "\n");
    exit(EXIT_BAD_INPUT);
    return;
  }
  const ctx = r.ctx!;
  const out = new Output(ctx.runId, iso8601(nowSeconds()));
  check(ctx, out);
  if (ctx.error.length > 0) out.setError(ctx.error);
  if (out.status == Status.ERROR) writeString(2, "ERROR: " + out.verdict()[1] + "\n");
  if (out.status == Status.NOT_APPLICABLE) {
    // The runtime would reject the output (INVALID_OUTPUT): say what is wrong where it is wrong.
    for (let i = 0; i < out.findings.length; i++) {
      if (out.findings[i].state == State.NOT_SATISFIED) misuse("status NOT_APPLICABLE with a not-satisfied finding");
    }
  }
  if (!writeString(1, out.toJson())) {
    writeString(2, "ERROR: cannot write the output to stdout\n");
    exit(EXIT_INTERNAL);
  }
  exit(0);
}
