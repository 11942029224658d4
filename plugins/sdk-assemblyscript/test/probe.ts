// The SDK under a real WASI host (../../test/sdk-assemblyscript.test.mjs): configuration "mode" picks
// what it does.
import {
  run, Context, Output, State, Method, Level, RiskStatus, readText, fileError,
} from "../assembly/assessment";

function check(ctx: Context, out: Output): void {
  const mode = ctx.configString("mode", "full");
  if (mode == "full") {
    const s = out.subject("resource", "/data/a.txt", "a file").prop("size", "3");
    const same = out.subject("resource", "/data/a.txt", "again");
    const o = out.observation("Seen \"quoted\"", "tab\there, newline\nthere, unicode é ✓ 😀, control \u0001")
      .method(Method.EXAMINE).method(Method.TEST).subject(s).subject(same)
      .prop("k", "v").evidence("/data/a.txt", "line 1").evidence("", "no href");
    const f = out.finding("ac-8", State.NOT_SATISFIED, "Not ok", "because").observation(o);
    f.raiseRisk("A risk", "what", "Impact: low. Likelihood: low.");
    const r = out.risk("Another", "desc", "stmt").status(RiskStatus.INVESTIGATING).observation(o);
    out.finding("", State.SATISFIED, "Ok", "").observation(o).risk(r);
    out.log(Level.WARN, "a warning");
    out.log(Level.INFO, "");
    const t = ctx.target;
    if (t !== null) out.observation("target", t.id + "/" + t.kind + "/" + t.title + "/" + t.fact("address"));
    out.observation("ids", ctx.jobId + " " + ctx.taskId + " " + ctx.activityId + " " + ctx.planId + " " + ctx.controlId)
      .prop("int", ctx.configInt("int", -1).toString())
      .prop("bool", ctx.configBool("bool", false) ? "true" : "false")
      .prop("float", ctx.configFloat("float", 0.5).toString())
      .prop("strings", ctx.configStrings("strings", ["x", "y"]).join(","));
    out.setTitle("probe");
  } else if (mode == "read") {
    const text = readText(ctx.configString("path", "/data/a.txt"), <i32>ctx.configInt("max", 65536));
    if (text === null) { ctx.fail(fileError()); return; }
    out.observation("read", text!);
  } else if (mode == "fail") {
    ctx.fail("could not assess");
  } else if (mode == "status") {
    out.setStatus("FAIL", "said so");
  } else if (mode == "not-applicable") {
    out.setNotApplicable("no sshd here");
  } else if (mode == "not-applicable-unmet") {
    out.finding("x", State.NOT_SATISFIED, "gap", "a gap");
    out.setNotApplicable("said not to apply");
  } else if (mode == "blank-title") {
    out.observation(" ", "x");
  } else if (mode == "abort") {
    const a: i32[] = [1];
    out.observation("never", a[<i32>ctx.configInt("index", 5)].toString());
  } else if (mode == "nothing") {
    // no findings: PASS, "nothing to assess"
  }
}

run(check);
