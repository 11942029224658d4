// Runs a plugin (a WASI preview1 command module) the way the runtime does under Plugin ABI v1:
// JobContext JSON on stdin, directories preopened, only the given environment, stdout/stderr captured.
// Uses Node's built-in WASI (node:wasi, preview1). Node's WASI preopens are not read-only; the
// plugins here never write, and the runtime's engines open grants read-only.
import { WASI } from 'node:wasi';
import v8 from 'node:v8';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';

// Node 20's WASI "fast API calls" keep using a module's memory after memory.grow has moved it
// (nodejs/node#53087): once V8 optimises the call sites, a run that reads a few MB of stdin
// crashes node with SIGSEGV or loses output. Turning fast API calls off avoids it; the runtime's own
// engines (Chicory, wasmtime) are not affected.
v8.setFlagsFromString('--no-turbo-fast-api-calls');
// Node 20 can deadlock between a background TurboFan job and the main thread (nodejs/node#54918);
// the build passes --no-concurrent-recompilation, set here too for a run of the tests by hand.
v8.setFlagsFromString('--no-concurrent-recompilation');

const modules = new Map();

async function compile(wasmPath) {
  let m = modules.get(wasmPath);
  if (!m) {
    m = await WebAssembly.compile(fs.readFileSync(wasmPath));
    modules.set(wasmPath, m);
  }
  return m;
}

/** A JobContext (ABI v1) with test ids; configuration and target as given. */
export function makeContext(configuration = {}, extra = {}) {
  return {
    abiVersion: 1,
    runId: randomUUID(),
    jobId: 'job-1',
    taskId: 'task-1',
    activityId: 'activity-1',
    configuration,
    ...extra,
  };
}

/**
 * Runs a module. `context` is serialised to stdin unless `stdin` (string or Buffer) is given.
 * Returns { exitCode, stdout, stderr, output, outputError, trap }.
 */
export async function runPlugin(wasmPath, { context, stdin, preopens = {}, env = {}, args } = {}) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'plugin-run-'));
  const inFile = path.join(dir, 'stdin');
  const outFile = path.join(dir, 'stdout');
  const errFile = path.join(dir, 'stderr');
  fs.writeFileSync(inFile, stdin ?? JSON.stringify(context ?? makeContext()));
  const fdIn = fs.openSync(inFile, 'r');
  const fdOut = fs.openSync(outFile, 'w');
  const fdErr = fs.openSync(errFile, 'w');
  let exitCode;
  let trap;
  try {
    const wasi = new WASI({
      version: 'preview1',
      args: args ?? [path.basename(path.dirname(wasmPath))],
      env,
      preopens,
      stdin: fdIn,
      stdout: fdOut,
      stderr: fdErr,
      returnOnExit: true,
    });
    const instance = await WebAssembly.instantiate(await compile(wasmPath), wasi.getImportObject());
    try {
      exitCode = wasi.start(instance);
    } catch (e) {
      trap = String(e && e.message ? e.message : e);
    }
  } finally {
    fs.closeSync(fdIn);
    fs.closeSync(fdOut);
    fs.closeSync(fdErr);
  }
  const stdout = fs.readFileSync(outFile);
  const stderr = fs.readFileSync(errFile, 'utf8');
  fs.rmSync(dir, { recursive: true, force: true });
  let output;
  let outputError;
  if (stdout.length) {
    try {
      // fatal: true rejects invalid UTF-8, as the runtime's JSON reader does
      output = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(stdout));
    } catch (e) {
      outputError = String(e.message);
    }
  }
  return { exitCode, stdout, stderr, output, outputError, trap };
}
