// The Rust SDK compiled to wasm32-wasi (its unit tests run natively in the Maven build): exit codes
// and outputs under a real WASI host, through sdk-rust/test/probe.rs.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { runPlugin, makeContext } from './harness.mjs';
import { validateOutput } from './validate.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const probe = process.env.RUST_SDK_PROBE ?? path.join(root, 'target', 'sdk-test', 'rust_probe.wasm');

function ok(r) {
  assert.equal(r.trap, undefined, `trapped: ${r.trap}`);
  assert.equal(r.exitCode, 0, r.stderr);
  assert.equal(r.outputError, undefined);
  assert.deepEqual(validateOutput(r.output), []);
  return r.output;
}

test('echoes typed configuration, text in any script survives', async () => {
  const out = ok(await runPlugin(probe, { context: makeContext({ string: 'h\u00e9llo \u{1F600} "q" \n\u0001', int: 4.0 }) }));
  assert.equal(out.status, 'PASS');
  assert.equal(out.observations[0].props.string, 'h\u00e9llo \u{1F600} "q" \n\u0001');
  assert.equal(out.observations[0].props.int, '4');
  assert.match(out.observations[0].collected, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
});

test('a configuration value of the wrong type is status ERROR, exit 0', async () => {
  const r = await runPlugin(probe, { context: makeContext({ int: 'four' }) });
  const out = ok(r);
  assert.equal(out.status, 'ERROR');
  assert.equal(out.reason, "configuration 'int' must be an integer, got string");
  assert.equal(r.stderr, "ERROR: configuration 'int' must be an integer, got string\n");
});

test('an unreadable file is status ERROR naming it', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rust-probe-'));
  try {
    fs.writeFileSync(path.join(dir, 'f'), Buffer.from([0x61, 0xff, 0x62]));
    let out = ok(await runPlugin(probe, { context: makeContext({ mode: 'file', path: '/d/f' }), preopens: { '/d': dir } }));
    assert.equal(out.observations[0].props.text, 'a\uFFFDb');
    out = ok(await runPlugin(probe, { context: makeContext({ mode: 'file', path: '/d/missing' }), preopens: { '/d': dir } }));
    assert.equal(out.reason, 'cannot read /d/missing: No such file or directory');
    out = ok(await runPlugin(probe, { context: makeContext({ mode: 'file', path: '/elsewhere/x' }), preopens: { '/d': dir } }));
    assert.match(out.reason, /^cannot read \/elsewhere\/x: /);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('a stdin it cannot accept is exit code 2 with the reason, nothing on stdout', async () => {
  for (const [stdin, why] of [['', 'value expected at end of input'], ['[1]', 'must be a JSON object'],
    ['{"abiVersion":2}', 'speaks ABI version 1'], [Buffer.from([0x7b, 0x22, 0xff, 0x22, 0x3a, 0x31, 0x7d]), 'invalid UTF-8'],
    ['['.repeat(100000), 'nesting too deep']]) {
    const r = await runPlugin(probe, { stdin });
    assert.equal(r.trap, undefined);
    assert.equal(r.exitCode, 2, String(stdin).slice(0, 40));
    assert.equal(r.stdout.length, 0);
    assert.ok(r.stderr.startsWith('ERROR: stdin is not a valid ABI v1 job context: ') && r.stderr.includes(why), r.stderr);
  }
});

test('a panic is exit code 3 with a message, not a trap', async () => {
  const r = await runPlugin(probe, { context: makeContext({ mode: 'panic' }) });
  assert.equal(r.trap, undefined, `trapped: ${r.trap}`);
  assert.equal(r.exitCode, 3);
  assert.equal(r.stdout.length, 0);
  assert.match(r.stderr, /^ERROR: the plugin panicked: .*index out of bounds/);
});

test('misusing the SDK is exit code 3, never an invalid document', async () => {
  const r = await runPlugin(probe, { context: makeContext({ mode: 'misuse' }) });
  assert.equal(r.exitCode, 3);
  assert.equal(r.stdout.length, 0);
  assert.equal(r.stderr, "ERROR: SDK misused: a finding's title must not be blank\n");
});

test('status ERROR from the plugin keeps its reason', async () => {
  const out = ok(await runPlugin(probe, { context: makeContext({ mode: 'error' }) }));
  assert.equal(out.status, 'ERROR');
  assert.equal(out.reason, 'asked to fail');
  assert.equal(out.logs[0].level, 'ERROR');
});
