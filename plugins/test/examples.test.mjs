// Runs every example plugin against its fixtures: plugins/examples/<name>/test/cases.json.
// The .wasm files come from the Maven build (target/plugins/<name>/plugin.wasm), or from the
// directory in PLUGINS_DIR. Each output is also written to target/test-outputs/ so that the Java
// conformance test can read it with the runtime's own records.
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { runPlugin, makeContext } from './harness.mjs';
import { validateOutput } from './validate.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const built = process.env.PLUGINS_DIR ?? path.join(root, 'target', 'plugins');
const outputs = process.env.TEST_OUTPUTS_DIR ?? path.join(root, 'target', 'test-outputs');
const examples = fs.readdirSync(path.join(root, 'examples')).sort();

function matches(finding, m) {
  if (m.targetId !== undefined && finding.targetId !== m.targetId) return false;
  if (m.state !== undefined && finding.state !== m.state) return false;
  if (m.about !== undefined && !`${finding.title}\n${finding.description}`.includes(m.about)) return false;
  return true;
}

for (const name of examples) {
  const dir = path.join(root, 'examples', name);
  const casesFile = path.join(dir, 'test', 'cases.json');
  describe(`examples/${name}`, () => {
    const manifest = JSON.parse(fs.readFileSync(path.join(dir, 'plugin.json'), 'utf8'));
    const wasm = path.join(built, name, 'plugin.wasm');

    test('is built with its manifest, and is a WASI preview1 command', async () => {
      assert.equal(manifest.name, `examples/${name}`);
      assert.equal(manifest.abiVersion, 1);
      assert.ok(fs.existsSync(wasm), `${wasm} is missing: build with mvn in plugins/`);
      assert.deepEqual(JSON.parse(fs.readFileSync(path.join(built, name, 'plugin.json'), 'utf8')), manifest);
      const mod = await WebAssembly.compile(fs.readFileSync(wasm));
      const exports = WebAssembly.Module.exports(mod).map((e) => `${e.kind}:${e.name}`);
      assert.ok(exports.includes('function:_start'), 'exports _start');
      assert.ok(exports.includes('memory:memory'), 'exports its memory');
      for (const i of WebAssembly.Module.imports(mod)) {
        assert.equal(i.module, 'wasi_snapshot_preview1', `imports only WASI preview1, not ${i.module}.${i.name}`);
      }
    });

    const cases = JSON.parse(fs.readFileSync(casesFile, 'utf8')).cases;
    for (const c of cases) {
      test(c.name, async () => {
        const preopens = {};
        for (const [guest, host] of Object.entries(c.preopens ?? {})) {
          preopens[guest] = path.isAbsolute(host) ? host : path.join(dir, 'test', host);
        }
        const context = makeContext(c.config ?? {}, c.context ?? {});
        const r = await runPlugin(wasm, { context, stdin: c.stdin, preopens });
        const e = c.expect ?? {};
        const where = `stderr: ${r.stderr}\nstdout: ${r.stdout.toString('utf8').slice(0, 4000)}`;
        assert.equal(r.trap, undefined, `trapped: ${r.trap}`);
        assert.equal(r.exitCode, e.exitCode ?? 0, `exit code\n${where}`);
        if (e.stderrIncludes) assert.ok(r.stderr.includes(e.stderrIncludes), `stderr includes '${e.stderrIncludes}'\n${where}`);
        if ((e.exitCode ?? 0) !== 0) return;

        assert.equal(r.outputError, undefined, `stdout is one JSON document in UTF-8\n${where}`);
        assert.deepEqual(validateOutput(r.output), [], 'the output is a valid PluginOutput');
        const slug = c.name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
        fs.mkdirSync(path.join(outputs, name), { recursive: true });
        fs.writeFileSync(path.join(outputs, name, `${slug}.output.json`), r.stdout);
        fs.writeFileSync(path.join(outputs, name, `${slug}.context.json`), JSON.stringify(context));

        const out = r.output;
        if (e.status) assert.equal(out.status, e.status, `status (reason: ${out.reason})\n${JSON.stringify(out.findings ?? [], null, 1)}\n${JSON.stringify(out.logs ?? [])}`);
        if (e.reasonIncludes) assert.ok((out.reason ?? '').includes(e.reasonIncludes), `reason '${out.reason}' includes '${e.reasonIncludes}'`);
        const findings = out.findings ?? [];
        for (const m of e.findings ?? []) {
          const count = findings.filter((f) => matches(f, m)).length;
          const want = m.count;
          if (want === undefined) {
            assert.ok(count > 0, `a finding matches ${JSON.stringify(m)}; findings:\n${findings.map((f) => `${f.targetId} ${f.state}: ${f.title} - ${f.description}`).join('\n')}`);
          } else {
            assert.equal(count, want, `${want} finding(s) match ${JSON.stringify(m)}; findings:\n${findings.map((f) => `${f.targetId} ${f.state}: ${f.title} - ${f.description}`).join('\n')}`);
          }
        }
        for (const id of e.absentFindings ?? []) {
          assert.ok(!findings.some((f) => f.targetId === id), `no finding for ${id}`);
        }
        if (e.findingCount !== undefined) assert.equal(findings.length, e.findingCount, 'number of findings');
        // every not-satisfied finding raises a risk and rests on observations
        for (const f of findings) {
          assert.ok((f.relatedObservations ?? []).length > 0, `finding '${f.title}' rests on observations`);
          if (f.state === 'not-satisfied') assert.ok((f.relatedRisks ?? []).length > 0, `finding '${f.title}' raises a risk`);
        }
        for (const s of e.subjects ?? []) {
          assert.ok((out.subjects ?? []).some((x) => x.identifier === s), `a subject '${s}' in ${JSON.stringify((out.subjects ?? []).map((x) => x.identifier))}`);
        }
        for (const [k, v] of Object.entries(e.observationProps ?? {})) {
          assert.ok((out.observations ?? []).some((o) => (o.props ?? {})[k] === v), `an observation has ${k}=${v}`);
        }
        for (const s of e.logIncludes ?? []) {
          assert.ok((out.logs ?? []).some((l) => l.message.includes(s)), `a log includes '${s}': ${JSON.stringify(out.logs)}`);
        }
      });
    }
  });
}
