#!/bin/sh
# Compiles plugin.c and the SDK (sdk/) into plugin.wasm, a WASI preview1 command module.
# Needs clang with the wasm32-wasi target and wasi-libc; Debian/Ubuntu:
#   apt-get install clang lld wasi-libc libclang-rt-14-dev-wasm32
set -eu
cd "$(dirname "$0")"
${CC:-clang} --target=wasm32-wasi -O2 -std=gnu11 -Wall -Wextra -Werror \
    -Wl,--stack-first -Wl,-z,stack-size=262144 -Wl,--strip-debug \
    -I sdk plugin.c sdk/assessment.c -o plugin.wasm
echo "built plugin.wasm ($(wc -c < plugin.wasm) bytes)"
