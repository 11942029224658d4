#!/usr/bin/env bash
# Runs every benchmark of this module in one go and prints the results table (README.md).
#   ./run.sh [--quick] [--include REGEX]... [--param NAME=V1,V2]... [--prof NAME[:OPTS]]... [--out DIR]
#            [--scenarios store,delivery,scheduler,e2e|none]
# Steps: compile the C workloads natively (gcc -O2) and to wasm32-wasi (clang -O2), build this module
# (mvn package; the engines and the executor must be installed in the local repository, e.g. by the
# project's build), then run the JMH benchmarks and the whole-process scenarios (store, delivery, scheduler, e2e) and
# print the tables. About 11 minutes.
set -euo pipefail
cd "$(dirname "$0")"
read -r load1 load5 load15 _ < /proc/loadavg
LOAD_AT_START="$load1, $load5, $load15"

CC=${CC:-gcc}
WASM_CC=${WASM_CC:-clang}
NODE=${NODE:-node}
MVN=${MVN:-mvn}
BIN=target/native

# The same flags as the example plugins (plugins/pom.xml), and the same optimisation level natively.
NATIVE_CFLAGS="-O2 -std=gnu11 -Wall -Wextra -Werror"
WASM_CFLAGS="--target=wasm32-wasi -O2 -std=gnu11 -Wall -Wextra -Werror -Wl,--stack-first -Wl,-z,stack-size=262144 -Wl,--strip-debug"

mkdir -p "$BIN" target/bench
for workload in trivial sha256; do
  # shellcheck disable=SC2086
  "$CC" $NATIVE_CFLAGS -o "$BIN/$workload" "src/main/c/$workload.c"
  # shellcheck disable=SC2086
  "$WASM_CC" $WASM_CFLAGS -o "$BIN/$workload.wasm" "src/main/c/$workload.c"
done
# The throughput benchmark's plugin (a valid ABI v1 output) exists only as a module.
# shellcheck disable=SC2086
"$WASM_CC" $WASM_CFLAGS -o "$BIN/trivial_plugin.wasm" src/main/c/trivial_plugin.c
cp src/main/node/wasi-run.mjs "$BIN/"
echo "workloads compiled: $(cd "$BIN" && ls -l trivial trivial.wasm sha256 sha256.wasm | awk '{printf "%s %s B; ", $9, $5}')"

"$MVN" -B -q -Dstyle.color=never package

if awk -v l="$load1" 'BEGIN { exit !(l >= 1.0) }'; then
  echo "WARNING: the 1-minute load average was $load1 (>= 1.0) when run.sh started: the machine is busy and the figures will be noisy." >&2
fi

java -Dbench.dir="$BIN" -Dbench.node="$NODE" -Dbench.loadAtStart="$LOAD_AT_START" -Dorg.slf4j.simpleLogger.defaultLogLevel=warn \
  -cp "target/classes:$(cat target/classpath.txt)" org.assessmentruntime.benchmarks.BenchMain "$@" 2>&1 \
  | tee target/bench/run.log
