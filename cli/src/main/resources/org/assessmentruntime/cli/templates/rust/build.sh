#!/bin/sh
# Builds plugin.wasm with Debian's rustc (apt-get install rustc libstd-rust-dev-wasm32): the SDK in sdk/
# as an rlib, then the plugin linked against it. No cargo, no network. RUSTC overrides the compiler; a
# rustup toolchain usually has no wasm32 standard library, hence /usr/bin/rustc.
set -eu
cd "$(dirname "$0")"
RUSTC=${RUSTC:-/usr/bin/rustc}
FLAGS="--edition 2021 --target wasm32-wasi -C opt-level=s -C debuginfo=0 -C codegen-units=1 --remap-path-prefix=$PWD=."
mkdir -p build
$RUSTC $FLAGS --crate-type rlib --crate-name assessment -o build/libassessment.rlib sdk/src/lib.rs
$RUSTC $FLAGS --crate-type bin --crate-name plugin -C lto -C strip=symbols \
    --extern assessment=build/libassessment.rlib -o plugin.wasm plugin.rs
echo "built plugin.wasm ($(wc -c < plugin.wasm) bytes)"
