#!/bin/sh
# Builds plugin.wasm with the AssemblyScript compiler pinned in sdk/package-lock.json: npm ci installs it
# (and the WASI shim) into sdk/node_modules, then asc compiles plugin.ts with sdk/asconfig.json (a WASI
# preview1 command: exports _start and memory, imports only wasi_snapshot_preview1). Needs Node.js and
# npm (apt-get install nodejs npm); npm ci needs the npm registry or npm's cache.
set -eu
cd "$(dirname "$0")"
if [ ! -x sdk/node_modules/.bin/asc ] || [ sdk/package-lock.json -nt sdk/node_modules/.package-lock.json ]; then
  (cd sdk && npm ci --prefer-offline --no-audit --no-fund --loglevel=error)
fi
(cd sdk && node node_modules/assemblyscript/bin/asc.js ../plugin.ts --config asconfig.json -o ../plugin.wasm)
echo "built plugin.wasm ($(wc -c < plugin.wasm) bytes)"
