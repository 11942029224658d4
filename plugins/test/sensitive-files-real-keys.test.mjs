// examples/sensitive-files against real private keys, generated at test time (no key material is
// committed): PKCS#8 and PKCS#1/SEC1 PEM from node:crypto, OpenSSH from ssh-keygen when installed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { generateKeyPairSync } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { runPlugin, makeContext } from './harness.mjs';
import { validateOutput } from './validate.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const wasm = path.join(process.env.PLUGINS_DIR ?? path.join(root, 'target', 'plugins'), 'sensitive-files', 'plugin.wasm');

function sshKeygen(file, passphrase) {
  try {
    execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', passphrase, '-C', 'test', '-f', file], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

test('real keys: unencrypted ones are found, encrypted ones are not', async () => {
  const home = fs.mkdtempSync(path.join(os.tmpdir(), 'keys-'));
  try {
    const write = (name, pem) => fs.writeFileSync(path.join(home, name), pem);
    const rsa = (enc) => generateKeyPairSync('rsa', { modulusLength: 2048, privateKeyEncoding: enc, publicKeyEncoding: { type: 'spki', format: 'pem' } }).privateKey;
    const ec = (enc) => generateKeyPairSync('ec', { namedCurve: 'P-256', privateKeyEncoding: enc, publicKeyEncoding: { type: 'spki', format: 'pem' } }).privateKey;
    const secret = { cipher: 'aes-256-cbc', passphrase: 'test passphrase' };
    write('plain-pkcs8.pem', rsa({ type: 'pkcs8', format: 'pem' }));
    write('plain-pkcs1.pem', rsa({ type: 'pkcs1', format: 'pem' }));
    write('plain-sec1.pem', ec({ type: 'sec1', format: 'pem' }));
    write('enc-pkcs8.pem', rsa({ type: 'pkcs8', format: 'pem', ...secret }));
    write('enc-pkcs1.pem', rsa({ type: 'pkcs1', format: 'pem', ...secret }));
    write('enc-sec1.pem', ec({ type: 'sec1', format: 'pem', ...secret }));
    let plain = 3;
    let encrypted = 3;
    if (sshKeygen(path.join(home, 'id_plain'), '') && sshKeygen(path.join(home, 'id_enc'), 'test passphrase')) {
      plain++;
      encrypted++;
    }

    const r = await runPlugin(wasm, {
      context: makeContext({ passwdFile: '', shadowFile: '', scanPaths: ['/home'] }),
      preopens: { '/home': home },
    });
    assert.equal(r.exitCode, 0, r.stderr);
    assert.deepEqual(validateOutput(r.output), []);
    const f = r.output.findings.find((x) => x.targetId === 'no-unencrypted-private-keys');
    assert.equal(f.state, 'not-satisfied');
    assert.match(f.description, new RegExp(`^${plain} private key\\(s\\) without a passphrase`));
    assert.match(f.description, /plain-pkcs8\.pem/);
    assert.match(f.description, /plain-pkcs1\.pem/);
    assert.match(f.description, /plain-sec1\.pem/);
    assert.doesNotMatch(f.description, /enc-/);
    if (plain === 4) assert.match(f.description, /id_plain/);
    assert.doesNotMatch(f.description, /id_enc/);
    const debug = (r.output.logs ?? []).filter((l) => l.message.endsWith(', encrypted')).length;
    assert.equal(debug, encrypted, 'each encrypted key is logged as such');
  } finally {
    fs.rmSync(home, { recursive: true, force: true });
  }
});
