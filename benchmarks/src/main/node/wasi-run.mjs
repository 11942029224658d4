// Runs a WASI preview1 command module under Node's built-in WASI (node:wasi), as a whole process:
//   node --no-warnings wasi-run.mjs MODULE.wasm [ARGS...]
// stdin, stdout and stderr are the process's; the module's exit code becomes the process's.
import { readFile } from 'node:fs/promises';
import { argv, exit } from 'node:process';
import { WASI } from 'node:wasi';

const [modulePath, ...args] = argv.slice(2);
const wasi = new WASI({ version: 'preview1', args: [modulePath, ...args], env: {}, returnOnExit: true });
const module = await WebAssembly.compile(await readFile(modulePath));
const instance = await WebAssembly.instantiate(module, wasi.getImportObject());
exit(wasi.start(instance));
