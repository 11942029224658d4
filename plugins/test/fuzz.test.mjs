// Robustness: mutated contexts and random or damaged input files never make a plugin trap or write
// an invalid document. A plugin may refuse a context (exit code 2) but nothing else.
// Deterministic (seeded), so a failure reproduces.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { runPlugin, makeContext } from './harness.mjs';
import { validateOutput } from './validate.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const built = process.env.PLUGINS_DIR ?? path.join(root, 'target', 'plugins');
const probe = process.env.SDK_PROBE ?? path.join(root, 'target', 'sdk-test', 'sdk_probe.wasm');
const fixtures = (name) => path.join(root, 'examples', name, 'test', 'fixtures');

function rng(seed) {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function mutate(buf, r) {
  const b = Buffer.from(buf);
  const n = 1 + Math.floor(r() * 8);
  let out = b;
  for (let i = 0; i < n; i++) {
    const at = Math.floor(r() * Math.max(1, out.length));
    switch (Math.floor(r() * 4)) {
      case 0: out[at] = Math.floor(r() * 256); break; // replace a byte
      case 1: out = Buffer.concat([out.subarray(0, at), out.subarray(at + 1)]); break; // drop one
      case 2: out = Buffer.concat([out.subarray(0, at), Buffer.from([Math.floor(r() * 256)]), out.subarray(at)]); break;
      default: out = out.subarray(0, at); // truncate
    }
  }
  return out;
}

function assertSane(r, what, allowExit2 = false) {
  assert.equal(r.trap, undefined, `${what}: trapped: ${r.trap}`);
  if (allowExit2 && r.exitCode === 2) {
    assert.equal(r.stdout.length, 0, `${what}: exit 2 writes nothing to stdout`);
    assert.match(r.stderr, /^ERROR: /, `${what}: exit 2 says why on stderr`);
    return;
  }
  assert.equal(r.exitCode, 0, `${what}: exit code ${r.exitCode}, stderr ${r.stderr}`);
  assert.equal(r.outputError, undefined, `${what}: ${r.outputError}`);
  assert.deepEqual(validateOutput(r.output), [], `${what}: output invalid`);
}

test('mutated job contexts are accepted or refused with exit code 2, never more', async () => {
  const r = rng(1);
  const base = Buffer.from(JSON.stringify(makeContext({ mode: 'echo', string: 'h\u00e9llo \u{1F600}', int: 7, strings: ['a', 'b'], nested: { x: [1, 2, { y: null }] } },
    { target: { id: 't', type: 'inventory-item', facts: { a: 'b' } } })));
  for (let i = 0; i < 300; i++) {
    const input = mutate(base, r);
    const res = await runPlugin(probe, { stdin: input });
    assertSane(res, `mutation ${i}: ${input.toString('latin1').slice(0, 200)}`, true);
  }
});

function scratch(files) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fuzz-'));
  for (const [name, data] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), data);
  }
  return dir;
}

test('sshd-hardening survives damaged sshd_config files', async () => {
  const r = rng(2);
  const sources = ['pass/sshd_config', 'fail/sshd_config', 'pass/sshd_config.d/10-crypto.conf'].map((f) => fs.readFileSync(path.join(fixtures('sshd-hardening'), f)));
  for (let i = 0; i < 80; i++) {
    const cfg = mutate(sources[i % sources.length], r);
    const dir = scratch({ sshd_config: cfg, 'sshd_config.d/a.conf': mutate(sources[2], r) });
    try {
      const res = await runPlugin(path.join(built, 'sshd-hardening', 'plugin.wasm'), { context: makeContext({}), preopens: { '/etc/ssh': dir } });
      assertSane(res, `sshd mutation ${i}: ${cfg.toString('latin1')}`);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }
});

test('sysctl-hardening survives damaged sysctl files and odd configurations', async () => {
  const r = rng(5);
  const fx = fixtures('sysctl-hardening');
  const sources = ['pass/etc/sysctl.d/60-hardening.conf', 'fail/etc/sysctl.conf', 'fail/usr-lib-sysctl.d/50-default.conf',
    'malformed/etc/sysctl.d/50-broken.conf'].map((f) => fs.readFileSync(path.join(fx, f)));
  const configs = [{}, { expect: { 'net.ipv4.ip_forward': { allowed: [0, 'x'] }, 'kernel.kptr_restrict': { min: 2 } } },
    { directories: [], sysctlConf: '' }, { skip: ['kernel.dmesg_restrict', 'sysctl-fs-suid-dumpable'] }];
  for (let i = 0; i < 80; i++) {
    const dir = scratch({ 'etc/sysctl.conf': mutate(sources[i % sources.length], r),
      'etc/sysctl.d/50-a.conf': mutate(sources[(i + 1) % sources.length], r),
      'lib/50-a.conf': mutate(sources[2], r), 'lib/70-b.conf': mutate(sources[(i + 3) % sources.length], r) });
    try {
      const res = await runPlugin(path.join(built, 'sysctl-hardening', 'plugin.wasm'), { context: makeContext(configs[i % configs.length]),
        preopens: { '/etc': path.join(dir, 'etc'), '/usr/lib/sysctl.d': path.join(dir, 'lib') } });
      assertSane(res, `sysctl mutation ${i}`);
      assert.notEqual(res.output.status, 'ERROR', `sysctl mutation ${i}: damaged lines are reported, not fatal: ${res.output.reason}`);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }
});

test('tls-cert-expiry survives damaged certificates (PEM and DER)', async () => {
  const r = rng(3);
  const pem = fs.readFileSync(path.join(fixtures('tls-cert-expiry'), 'pass/valid-2099.pem'), 'latin1');
  const der = fs.readFileSync(path.join(fixtures('tls-cert-expiry'), 'pass/valid-2099.der'));
  const body = pem.split('\n').filter((l) => !l.startsWith('-----')).join('');
  for (let i = 0; i < 120; i++) {
    const badDer = mutate(der, r);
    const rewrapped = `-----BEGIN CERTIFICATE-----\n${badDer.toString('base64')}\n-----END CERTIFICATE-----\n`;
    const dir = scratch({ 'a.der': badDer, 'b.pem': rewrapped, 'c.pem': mutate(Buffer.from(pem, 'latin1'), r), 'd.crt': `-----BEGIN CERTIFICATE-----\n${body.slice(0, Math.floor(r() * body.length))}` });
    try {
      const res = await runPlugin(path.join(built, 'tls-cert-expiry', 'plugin.wasm'), { context: makeContext({ paths: ['/c'] }), preopens: { '/c': dir } });
      assertSane(res, `tls mutation ${i}`);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }
});

test('os-baseline survives damaged os-release files', async () => {
  const r = rng(4);
  const src = fs.readFileSync(path.join(fixtures('os-baseline'), 'ubuntu2004/etc/os-release'));
  for (let i = 0; i < 60; i++) {
    const dir = scratch({ 'os-release': mutate(src, r) });
    try {
      const res = await runPlugin(path.join(built, 'os-baseline', 'plugin.wasm'), { context: makeContext({}), preopens: { '/etc': dir } });
      assertSane(res, `os-release mutation ${i}`);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }
});

test('sensitive-files survives damaged passwd, shadow and key files', async () => {
  const r = rng(5);
  const f = (p) => fs.readFileSync(path.join(fixtures('sensitive-files'), p));
  const keys = ['fail/home/alice/.ssh/id_ed25519', 'pass/home/alice/.ssh/id_ed25519', 'fail/home/carol/putty.ppk', 'pass/home/bob/legacy-rsa.pem'].map(f);
  for (let i = 0; i < 60; i++) {
    const dir = scratch({
      'etc/passwd': mutate(f('fail/etc/passwd'), r),
      'etc/shadow': mutate(f('fail/etc/shadow'), r),
      'home/u/k1': mutate(keys[i % keys.length], r),
      'home/u/k2': mutate(keys[(i + 1) % keys.length], r),
    });
    try {
      const res = await runPlugin(path.join(built, 'sensitive-files', 'plugin.wasm'), {
        context: makeContext({ scanPaths: ['/home'] }),
        preopens: { '/etc': path.join(dir, 'etc'), '/home': path.join(dir, 'home') },
      });
      assertSane(res, `sensitive-files mutation ${i}`);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }
});

// The Rust SDK and example: mutated contexts are accepted or refused with exit code 2 (a panic
// would trap); damaged login.defs files are reported, never a trap.
test('login-defs (Rust) accepts or refuses mutated job contexts, never traps', async () => {
  const r = rng(6);
  const wasm = path.join(built, 'login-defs', 'plugin.wasm');
  const base = Buffer.from(JSON.stringify(makeContext({ passMaxDays: 90, umask: '077', encryptMethods: ['SHA512', 'y\u00e9s \u{1F600}'], skip: ['login-defs-umask'] },
    { target: { id: 't', type: 'inventory-item', facts: { a: 'b' } } })));
  for (let i = 0; i < 200; i++) {
    const input = mutate(base, r);
    const res = await runPlugin(wasm, { stdin: input, preopens: { '/etc': path.join(fixtures('login-defs'), 'pass/etc') } });
    assertSane(res, `login-defs context mutation ${i}: ${input.toString('latin1').slice(0, 200)}`, true);
  }
});

test('login-defs (Rust) survives damaged login.defs files', async () => {
  const r = rng(7);
  const sources = ['pass/etc/login.defs', 'fail/etc/login.defs', 'quirks/etc/login.defs'].map((f) => fs.readFileSync(path.join(fixtures('login-defs'), f)));
  for (let i = 0; i < 80; i++) {
    const dir = scratch({ 'login.defs': mutate(sources[i % sources.length], r) });
    try {
      const res = await runPlugin(path.join(built, 'login-defs', 'plugin.wasm'), { context: makeContext({}), preopens: { '/etc': dir } });
      assertSane(res, `login.defs mutation ${i}`);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }
});
