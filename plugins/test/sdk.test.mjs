// Tests of the C SDK (sdk-c/assessment.c) through sdk-c/test/sdk_probe.c, built by Maven into
// target/sdk-test/sdk_probe.wasm: context validation, configuration access, the JSON parser on good
// and bad input, the writer on hostile text, digests, time formatting, big documents, exit codes.
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { createHash, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { runPlugin, makeContext } from './harness.mjs';
import { validateOutput, nameUuid } from './validate.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const probe = process.env.SDK_PROBE ?? path.join(root, 'target', 'sdk-test', 'sdk_probe.wasm');

async function run(config, { context, ...opts } = {}) {
  return runPlugin(probe, { context: makeContext(config, context ?? {}), ...opts });
}

function ok(r) {
  assert.equal(r.trap, undefined, r.trap);
  assert.equal(r.exitCode, 0, r.stderr);
  assert.equal(r.outputError, undefined, r.outputError);
  assert.deepEqual(validateOutput(r.output), []);
  return r.output;
}

const props = (out, i = 0) => out.observations[i].props;

describe('context and configuration', () => {
  test('configuration values, ids and target reach the plugin unchanged', async () => {
    const runId = randomUUID();
    const config = {
      mode: 'echo',
      string: 'h\u00e9llo \u{1F600} "q" \\ \n\t end',
      int: 42,
      bool: true,
      number: 2.5e3,
      strings: ['a', '\u00fc', ''],
      nested: { x: [1, -2.5, null, false, { y: 'z' }] },
      nothing: null,
    };
    const out = ok(await run(config, { context: { runId, controlId: 'ac-2', target: { id: 'h1', type: 'inventory-item', title: 'Host 1', facts: { address: '10.0.0.1' } } } }));
    const p = props(out);
    assert.equal(p['sdk.runId'], runId);
    assert.equal(p['sdk.jobId'], 'job-1');
    assert.equal(p['sdk.controlId'], 'ac-2');
    assert.equal(p['sdk.target'], 'h1|inventory-item|Host 1');
    assert.equal(p['sdk.fact.address'], '10.0.0.1');
    assert.equal(p['sdk.string'], config.string);
    assert.equal(p['sdk.int'], '42');
    assert.equal(p['sdk.bool'], '1');
    assert.equal(p['sdk.number'], '2500');
    assert.equal(p['sdk.strings.count'], '3');
    assert.equal(p['sdk.strings.1'], '\u00fc');
    assert.deepEqual(JSON.parse(p.nested), config.nested);
    assert.equal(p.nothing, 'null');
    assert.equal(out.status, 'PASS');
    assert.equal(out.subjects[0].uuid, nameUuid('subject:component:probe'));
  });

  test('absent and null values give the defaults; no target is fine', async () => {
    const p = props(ok(await run({ mode: 'echo', int: null })));
    assert.equal(p['sdk.int'], '-1');
    assert.equal(p['sdk.string'], '(default)');
    assert.equal(p['sdk.strings.count'], '2');
    assert.equal(p['sdk.strings.0'], 'd1');
    assert.equal(p['sdk.target'], 'none');
    assert.equal(p['sdk.fact.address'], '(absent)');
  });

  test('integral numbers in any notation are integers; the last of repeated keys wins', async () => {
    const ctx = makeContext({});
    const stdin = JSON.stringify(ctx).replace('"configuration":{}', '"configuration":{"mode":"echo","int":1,"int":4.0e2}');
    const p = props(ok(await runPlugin(probe, { stdin })));
    assert.equal(p['sdk.int'], '400');
  });

  test('unknown context fields are ignored (forward compatibility within ABI v1)', async () => {
    ok(await run({ mode: 'echo' }, { context: { futureField: { anything: [1, 2] }, planId: 'plan-1' } }));
  });

  test('a configuration value of the wrong type ends the run with status ERROR and exit code 0', async () => {
    const r = await run({ mode: 'type-error', value: 'x' });
    const out = ok(r);
    assert.equal(out.status, 'ERROR');
    assert.equal(out.reason, "configuration 'value' must be an integer, got a string");
    assert.match(r.stderr, /ERROR: configuration 'value' must be an integer/);
    assert.equal(out.logs.at(-1).level, 'ERROR');
  });

  test('a large context (8 MB string) is read', async () => {
    const big = 'x'.repeat(8 << 20);
    const out = ok(await run({ mode: 'digest', text: big }));
    assert.equal(props(out).sha256, createHash('sha256').update(big).digest('hex'));
  });
});

describe('invalid stdin: message on stderr, exit code 2, nothing on stdout', () => {
  const base = makeContext({});
  const cases = {
    'empty input': ['', /invalid JSON: value expected at end of input/],
    'not JSON': ['hello', /invalid JSON: unexpected character at line 1, column 1/],
    'truncated': [JSON.stringify(base).slice(0, -1), /invalid JSON: ',' or '}' expected at end of input/],
    'an array': ['[]', /must be a JSON object, got an array/],
    'wrong ABI version': [JSON.stringify({ ...base, abiVersion: 2 }), /speaks ABI version 1, the context has abiVersion 2/],
    'missing abiVersion': [JSON.stringify({ ...base, abiVersion: undefined }), /'abiVersion' is required/],
    'missing runId': [JSON.stringify({ ...base, runId: undefined }), /'runId' is required/],
    'runId not a uuid': [JSON.stringify({ ...base, runId: 'abc' }), /'runId' must be a uuid/],
    'blank jobId': [JSON.stringify({ ...base, jobId: ' ' }), /'jobId' must not be blank/],
    'configuration not an object': [JSON.stringify({ ...base, configuration: [1] }), /'configuration' must be an object, got an array/],
    'target without type': [JSON.stringify({ ...base, target: { id: 'x' } }), /'type' is required/],
    'fact not a string': [JSON.stringify({ ...base, target: { id: 'x', type: 't', facts: { n: 1 } } }), /'target.facts.n' must be a string/],
    'invalid UTF-8': [Buffer.concat([Buffer.from('{"abiVersion":1,"x":"'), Buffer.from([0xff, 0xfe]), Buffer.from('"}')]), /invalid UTF-8 in string at line 1, column 22/],
    'deep nesting': ['{"a":' + '['.repeat(5000) + ']'.repeat(5000) + '}', /nesting too deep/],
  };
  for (const [name, [stdin, message]] of Object.entries(cases)) {
    test(name, async () => {
      const r = await runPlugin(probe, { stdin });
      assert.equal(r.trap, undefined, r.trap);
      assert.equal(r.exitCode, 2, r.stderr);
      assert.match(r.stderr, message);
      assert.equal(r.stdout.length, 0);
    });
  }
});

describe('JSON parser', () => {
  const docs = [
    ['{"a":[1,2,{"b":null}],"c":"\\u00e9\\ud83d\\ude00","d":true}', 'ok {"a":[1,2,{"b":null}],"c":"\u00e9\u{1F600}","d":true}'],
    [' \n\t[ ] \r\n', 'ok []'],
    ['"\\"\\\\\\/\\b\\f\\n\\r\\t"', 'ok "\\"\\\\/\\b\\f\\n\\r\\t"'],
    ['"\\u0000x"', 'ok "\\u0000x"'],
    ['"\\ud800"', 'ok "\ufffd"'],
    ['"\\udc00\\ud83d\\ude00"', 'ok "\ufffd\u{1F600}"'],
    ['"\\ud800\\u0041"', 'ok "\ufffdA"'],
    ['[-0,0.5,1e3,-1.25E-2,123456789012345678901234567890]', 'ok [-0,0.5,1e3,-1.25E-2,123456789012345678901234567890]'],
    ['[' .repeat(128) + ']'.repeat(128), 'ok ' + '['.repeat(128) + ']'.repeat(128)],
    ['[' .repeat(129) + ']'.repeat(129), /^error nesting too deep/],
    ['', /^error value expected at end of input/],
    ['{"a":1,}', /^error object key \(a string\) expected at line 1, column 8/],
    ['[1,2', /^error ',' or '\]' expected at end of input/],
    ['"\\x"', /^error invalid escape in string/],
    ['"\\u12G4"', /^error invalid \\u escape/],
    ['"\\u12"', /^error invalid \\u escape|^error truncated/],
    ['01', /^error leading zero in number/],
    ['1.', /^error digit expected after decimal point/],
    ['1e+', /^error digit expected in exponent/],
    ['-', /^error invalid number/],
    ['+1', /^error unexpected character/],
    ['tru', /^error unexpected character/],
    ['nul', /^error unexpected character/],
    ['"abc', /^error unterminated string/],
    ['"a\u0001b"', /^error control character in string/],
    ['{"a" 1}', /^error ':' expected after object key/],
    ['{"a":1} x', /^error unexpected content after the JSON document/],
    ['{1:2}', /^error object key/],
    ["['a']", /^error unexpected character/],
    ['NaN', /^error unexpected character/],
  ];
  test('accepts RFC 8259 JSON and rejects everything else with a position', async () => {
    const out = ok(await run({ mode: 'json', docs: docs.map((d) => d[0]) }));
    const p = props(out);
    docs.forEach(([doc, want], i) => {
      const got = p[`doc${String(i).padStart(3, '0')}`];
      if (want instanceof RegExp) assert.match(got, want, `doc ${JSON.stringify(doc)}`);
      else assert.equal(got, want, `doc ${JSON.stringify(doc)}`);
    });
  });
});

describe('output', () => {
  test('bytes that are not UTF-8 and control characters still give valid JSON in UTF-8', async () => {
    const out = ok(await run({ mode: 'text', text: 'caf\u00e9' }));
    const o = out.observations[0];
    assert.equal(o.title, 'title caf\u00e9 \u0001\u001f\u007f "q" \\ \ufffd');
    assert.equal(o.props.raw, '\ufffd\ufffd overlong, \ufffd\ufffd\ufffd\ufffd too big, \u{1F600} ok');
    assert.equal(o.evidence[0].href, '/x\ufffd');
    const s = out.subjects[0];
    assert.equal(s.identifier, 'bad \ufffd\ufffd bytes \ufffd( \ufffd\ufffd\ufffd end');
    assert.equal(s.uuid, nameUuid(`subject:resource:${s.identifier}`), 'subject uuid derived from the text Java reads');
    assert.equal(out.logs[0].message, 'log with newline\nand tab\t and NUL-free text');
  });

  test('digests, name-based uuids, base64 and ISO-8601 times', async () => {
    const times = [0, 86399, 951782400, -1, 4102444800, 253402300799, 1709164800];
    const out = ok(await run({ mode: 'digest', text: 'abc', base64: 'aGVs bG8g\nd29y bGQ=', times }));
    const p = props(out);
    assert.equal(p.sha256, 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    assert.equal(p.uuid, nameUuid('abc'));
    assert.equal(p.base64, createHash('sha256').update('hello world').digest('hex'));
    times.forEach((t, i) => assert.equal(p[`time${i}`], new Date(t * 1000).toISOString().replace('.000Z', 'Z')));
    assert.ok(Math.abs(Number(p.now) - Date.now() / 1000) < 60, 'the WASI clock is the real time');
    const empty = props(ok(await run({ mode: 'digest', text: '', base64: 'a*b' })));
    assert.equal(empty.sha256, 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    assert.equal(empty.base64, 'invalid');
    for (const bad of ['a', 'ab=c', 'abc==', '====']) {
      assert.equal(props(ok(await run({ mode: 'digest', base64: bad }))).base64, 'invalid', bad);
    }
  });

  test('thousands of observations, findings and risks, linked consistently', async () => {
    const out = ok(await run({ mode: 'many', count: 3000 }));
    assert.equal(out.observations.length, 3000);
    assert.equal(out.findings.length, 3000);
    assert.equal(out.risks.length, 1500);
    assert.equal(out.status, 'FAIL');
    assert.equal(out.reason, '1500 of 3000 findings not satisfied');
    assert.equal(new Set(out.observations.map((o) => o.uuid)).size, 3000);
  });

  test('uuids are name-based on the run id, so a run is reproducible and different runs differ', async () => {
    const context = makeContext({ mode: 'many', count: 3 });
    const a = ok(await runPlugin(probe, { context }));
    const b = ok(await runPlugin(probe, { context }));
    const c = ok(await runPlugin(probe, { context: { ...context, runId: randomUUID() } }));
    assert.deepEqual(a.findings.map((f) => f.uuid), b.findings.map((f) => f.uuid));
    assert.notDeepEqual(a.findings.map((f) => f.uuid), c.findings.map((f) => f.uuid));
  });

  test('ar_error reports ERROR with the reason and exits 0', async () => {
    const r = await run({ mode: 'error' });
    const out = ok(r);
    assert.equal(out.status, 'ERROR');
    assert.equal(out.reason, 'cannot assess: because');
  });

  test('ar_not_applicable writes NOT_APPLICABLE with its reason and exits 0', async () => {
    const out = ok(await run({ mode: 'not-applicable' }));
    assert.equal(out.status, 'NOT_APPLICABLE');
    assert.equal(out.reason, 'no sshd here');
  });

  test('NOT_APPLICABLE with a not-satisfied finding is refused (exit code 3), never written', async () => {
    const r = await run({ mode: 'not-applicable-unmet' });
    assert.equal(r.exitCode, 3);
    assert.equal(r.stdout.length, 0);
  });

  test('an explicit status and title win over the computed ones', async () => {
    const out = ok(await run({ mode: 'status' }));
    assert.equal(out.status, 'FAIL');
    assert.equal(out.reason, 'explicit failure');
    assert.equal(out.title, 'explicit');
  });

  test('misuse of the SDK is a plugin error (exit code 3), never a malformed result', async () => {
    const blank = await run({ mode: 'blank-title' });
    assert.equal(blank.exitCode, 3);
    assert.match(blank.stderr, /ar_observation_add\(\): title must not be blank/);
    assert.equal(blank.stdout.length, 0);
    const twice = await run({ mode: 'finish-twice' });
    assert.equal(twice.exitCode, 3);
    assert.match(twice.stderr, /already written/);
  });
});

describe('files', () => {
  test('walks in name order, without following links, to the given depth; reads with a size cap', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'walk-'));
    try {
      fs.mkdirSync(path.join(dir, 'b/c/d'), { recursive: true });
      fs.writeFileSync(path.join(dir, 'a.txt'), 'hello');
      fs.writeFileSync(path.join(dir, 'big.txt'), 'x'.repeat(100));
      fs.writeFileSync(path.join(dir, 'b/c/d/deep.txt'), '');
      fs.symlinkSync('a.txt', path.join(dir, 'link'));
      fs.symlinkSync('/etc', path.join(dir, 'escape'));
      const p = props(ok(await run({ mode: 'walk', root: '/data', depth: 3, file: '/data/a.txt' }, { preopens: { '/data': dir } })));
      const entries = Object.keys(p).filter((k) => k.startsWith('entry')).sort().map((k) => p[k]);
      assert.deepEqual(entries, [
        '1 file /data/a.txt',
        '1 dir /data/b',
        '2 dir /data/b/c',
        '3 dir /data/b/c/d',
        '1 file /data/big.txt',
        '1 symlink /data/escape',
        '1 symlink /data/link',
      ]);
      assert.equal(p.errors, '0');
      assert.equal(p.read, 'hello');
      const big = props(ok(await run({ mode: 'walk', root: '/data', depth: 1, file: '/data/big.txt' }, { preopens: { '/data': dir } })));
      assert.match(big.read, /^error .*(too large|File too big)/i);
      const missing = ok(await run({ mode: 'walk', root: '/nope', depth: 1, file: '/nope' }, { preopens: { '/data': dir } }));
      assert.equal(props(missing).errors, '1');
      assert.match(missing.logs[0].message, /cannot read directory \/nope/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('the README example', () => {
  const example = path.join(path.dirname(probe), 'readme_example.wasm');
  test('passes a plain banner and fails one that reveals the OS', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'banner-'));
    try {
      fs.writeFileSync(path.join(dir, 'issue'), 'Authorized use only.\n');
      fs.writeFileSync(path.join(dir, 'issue.leaky'), 'Debian GNU/Linux \\r \\n \\l\n');
      const pass = ok(await runPlugin(example, { context: makeContext({}), preopens: { '/etc': dir } }));
      assert.equal(pass.status, 'PASS');
      const fail = ok(await runPlugin(example, { context: makeContext({ banner: '/etc/issue.leaky' }), preopens: { '/etc': dir } }));
      assert.equal(fail.status, 'FAIL');
      assert.equal(fail.findings[0].state, 'not-satisfied');
      assert.equal(fail.risks.length, 1);
      const missing = ok(await runPlugin(example, { context: makeContext({ banner: '/etc/none' }), preopens: { '/etc': dir } }));
      assert.equal(missing.status, 'ERROR');
      assert.equal(missing.reason, 'cannot read /etc/none: No such file or directory');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
