// The AssemblyScript SDK compiled by the Maven build (asc + the WASI shim): exit codes and outputs
// under a real WASI host, through sdk-assemblyscript/test/probe.ts.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { runPlugin, makeContext } from './harness.mjs';
import { validateOutput } from './validate.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const probe = process.env.AS_SDK_PROBE ?? path.join(root, 'target', 'sdk-test', 'as_probe.wasm');

function ok(r) {
  assert.equal(r.trap, undefined, `trapped: ${r.trap}`);
  assert.equal(r.exitCode, 0, r.stderr);
  assert.equal(r.outputError, undefined);
  assert.deepEqual(validateOutput(r.output), []);
  return r.output;
}

function md5Uuid(name) {
  return import('node:crypto').then(({ createHash }) => {
    const h = createHash('md5').update(name, 'utf8').digest();
    h[6] = (h[6] & 0x0f) | 0x30;
    h[8] = (h[8] & 0x3f) | 0x80;
    const x = h.toString('hex');
    return `${x.slice(0, 8)}-${x.slice(8, 12)}-${x.slice(12, 16)}-${x.slice(16, 20)}-${x.slice(20)}`;
  });
}

test('is a WASI preview1 command importing nothing else', async () => {
  const mod = await WebAssembly.compile(fs.readFileSync(probe));
  const exports = WebAssembly.Module.exports(mod).map((e) => `${e.kind}:${e.name}`);
  assert.ok(exports.includes('function:_start') && exports.includes('memory:memory'), exports.join(' '));
  for (const i of WebAssembly.Module.imports(mod)) assert.equal(i.module, 'wasi_snapshot_preview1', `${i.module}.${i.name}`);
});

test('every element kind, linked, with the ABI tokens and the runtime subject uuid', async () => {
  const ctx = makeContext({ int: 4.0, bool: true, float: 2.5, strings: ['a', 'b'] },
    { planId: 'p', controlId: 'ac-8', target: { id: 'web-01', type: 'inventory-item', title: 'Web', facts: { address: '10.0.0.1' } } });
  const out = ok(await runPlugin(probe, { context: ctx }));
  assert.equal(out.status, 'FAIL');
  assert.equal(out.reason, '1 of 2 findings not satisfied');
  assert.equal(out.title, 'probe');
  assert.equal(out.subjects.length, 1);
  assert.equal(out.subjects[0].uuid, await md5Uuid('subject:resource:/data/a.txt'));
  assert.deepEqual(out.subjects[0].props, { size: '3' });
  const o = out.observations[0];
  assert.equal(o.description, 'tab\there, newline\nthere, unicode \u00e9 \u2713 \u{1F600}, control \u0001');
  assert.deepEqual(o.methods, ['EXAMINE', 'TEST']);
  assert.deepEqual(o.evidence, [{ href: '/data/a.txt', description: 'line 1' }, { description: 'no href' }]);
  assert.match(o.collected, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
  assert.equal(out.findings[0].relatedRisks.length, 1);
  assert.deepEqual(out.risks[0].relatedObservations, [o.uuid]);
  assert.equal(out.risks[1].status, 'investigating');
  assert.equal(out.findings[1].targetId, undefined);
  assert.equal(out.findings[1].description, 'Ok');
  assert.deepEqual(out.logs.map((l) => [l.level, l.message]), [['WARN', 'a warning'], ['INFO', '']]);
  assert.equal(out.observations[1].description, 'web-01/inventory-item/Web/10.0.0.1');
  assert.equal(out.observations[2].description, 'job-1 task-1 activity-1 p ac-8');
  assert.deepEqual(out.observations[2].props, { int: '4', bool: 'true', float: '2.5', strings: 'a,b' });
  const again = ok(await runPlugin(probe, { context: ctx }));
  assert.deepEqual(again.observations.map((x) => x.uuid), out.observations.map((x) => x.uuid), 'uuids derive from the run id');
});

test('configuration of the wrong type, or the plugin failing, is status ERROR, exit 0', async () => {
  let r = await runPlugin(probe, { context: makeContext({ int: 'four' }) });
  let out = ok(r);
  assert.equal(out.status, 'ERROR');
  assert.equal(out.reason, "configuration 'int' must be an integer, got string");
  assert.equal(r.stderr, "ERROR: configuration 'int' must be an integer, got string\n");
  out = ok(await runPlugin(probe, { context: makeContext({ strings: ['a', 1] }) }));
  assert.equal(out.reason, "configuration 'strings[1]' must be a string, got number");
  out = ok(await runPlugin(probe, { context: makeContext({ int: 4.5 }) }));
  assert.equal(out.reason, "configuration 'int' must be an integer, got number");
  out = ok(await runPlugin(probe, { context: makeContext({ mode: 'fail' }) }));
  assert.equal(out.status, 'ERROR');
  assert.equal(out.reason, 'could not assess');
  out = ok(await runPlugin(probe, { context: makeContext({ mode: 'status' }) }));
  assert.deepEqual([out.status, out.reason], ['FAIL', 'said so']);
  out = ok(await runPlugin(probe, { context: makeContext({ mode: 'nothing' }) }));
  assert.deepEqual([out.status, out.reason], ['PASS', 'nothing to assess']);
  out = ok(await runPlugin(probe, { context: makeContext({ mode: 'not-applicable' }) }));
  assert.deepEqual([out.status, out.reason], ['NOT_APPLICABLE', 'no sshd here']);
  const unmet = await runPlugin(probe, { context: makeContext({ mode: 'not-applicable-unmet' }) });
  assert.equal(unmet.exitCode, 3);
  assert.equal(unmet.stdout.length, 0);
});

test('files: read within a grant, invalid UTF-8 as U+FFFD, errors name the file', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'as-probe-'));
  try {
    fs.writeFileSync(path.join(dir, 'f'), Buffer.from([0x61, 0xff, 0x62]));
    fs.mkdirSync(path.join(dir, 'sub'));
    let out = ok(await runPlugin(probe, { context: makeContext({ mode: 'read', path: '/d/f' }), preopens: { '/d': dir } }));
    assert.equal(out.observations[0].description, 'a\uFFFDb');
    out = ok(await runPlugin(probe, { context: makeContext({ mode: 'read', path: '/d/missing' }), preopens: { '/d': dir } }));
    assert.equal(out.reason, 'cannot read /d/missing: No such file or directory');
    out = ok(await runPlugin(probe, { context: makeContext({ mode: 'read', path: '/elsewhere/x' }), preopens: { '/d': dir } }));
    assert.match(out.reason, /^cannot read \/elsewhere\/x: /);
    out = ok(await runPlugin(probe, { context: makeContext({ mode: 'read', path: '/d/f', max: 2 }), preopens: { '/d': dir } }));
    assert.equal(out.reason, 'cannot read /d/f: larger than 2 bytes');
    out = ok(await runPlugin(probe, { context: makeContext({ mode: 'read', path: '/d/sub' }), preopens: { '/d': dir } }));
    assert.equal(out.status, 'ERROR');
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('a stdin it cannot accept is exit code 2 with the reason, nothing on stdout', async () => {
  const good = makeContext();
  for (const [stdin, why] of [['', 'unexpected end of input'], ['[1]', 'must be a JSON object'],
    ['{"abiVersion":2}', 'speaks ABI version 1'], [Buffer.from([0x7b, 0x22, 0xff, 0x22, 0x3a, 0x31, 0x7d]), 'invalid UTF-8'],
    ['['.repeat(100000), 'nesting deeper than 128'], ['{"abiVersion":1,}', 'expected a string key'],
    [JSON.stringify({ ...good, runId: 'x' }), "'runId' must be a uuid"], [JSON.stringify({ ...good, jobId: undefined }), "'jobId' is required"],
    [JSON.stringify({ ...good, configuration: [] }), "'configuration' must be an object"],
    [JSON.stringify({ ...good, target: { id: 'x', type: 'y', facts: { a: 1 } } }), "'target.facts.a' must be a string"],
    ['{"abiVersion":01}', 'leading zero'], [JSON.stringify(good) + ' x', 'text after the JSON document']]) {
    const r = await runPlugin(probe, { stdin });
    assert.equal(r.trap, undefined);
    assert.equal(r.exitCode, 2, String(stdin).slice(0, 40));
    assert.equal(r.stdout.length, 0);
    assert.ok(r.stderr.startsWith('ERROR: stdin is not a valid ABI v1 job context: '), r.stderr);
    assert.ok(r.stderr.includes(why), `${r.stderr} includes ${why}`);
  }
  // unknown fields are ignored, a byte order mark tolerated, repeated keys: the last wins
  const r = await runPlugin(probe, { stdin: '\ufeff' + JSON.stringify({ ...good, future: { x: [1, 2] } }).replace('"configuration":{}', '"configuration":{"int":1,"int":2}') });
  assert.equal(ok(r).observations.find((o) => o.title === 'ids').props.int, '2');
});

test('misuse and a plugin bug are exit code 3, nothing on stdout, never a trap', async () => {
  for (const [mode, why] of [['blank-title', "an observation's title must not be blank"], ['abort', 'the plugin aborted']]) {
    const r = await runPlugin(probe, { context: makeContext({ mode }) });
    assert.equal(r.trap, undefined);
    assert.equal(r.exitCode, 3, r.stderr);
    assert.equal(r.stdout.length, 0);
    assert.ok(r.stderr.includes(why), r.stderr);
  }
});

test('mutated contexts never trap: exit 0 with a valid output, or 2', async () => {
  const base = Buffer.from(JSON.stringify(makeContext({ int: 3, strings: ['a'] }, { target: { id: 't', type: 'x', facts: { a: 'b' } } })));
  let seed = 42;
  const rnd = (n) => { seed = (seed * 1103515245 + 12345) & 0x7fffffff; return seed % n; };
  for (let i = 0; i < 300; i++) {
    const b = Buffer.from(base);
    for (let k = 0; k < 1 + rnd(4); k++) b[rnd(b.length)] = rnd(256);
    const r = await runPlugin(probe, { stdin: b });
    assert.equal(r.trap, undefined, `trapped on ${b.toString('latin1')}`);
    assert.ok(r.exitCode === 0 || r.exitCode === 2, `exit ${r.exitCode} on ${b.toString('latin1')}: ${r.stderr}`);
    if (r.exitCode === 0) assert.deepEqual(validateOutput(r.output), []);
  }
});
