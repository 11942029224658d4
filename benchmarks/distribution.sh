#!/usr/bin/env bash
# Whole-process figures of the Karaf distribution (issue 9, item 6):
#   1. boot: process start (bin/karaf server) -> `assessment:status` prints "All components are up."
#   2. idle RSS: VmRSS of the Karaf JVM once the start-up jobs have run and it idled IDLE seconds
#   3. RSS with PLUGINS plugins: after PLUGINS deploy-folder plugins were installed (each its own
#      module, so each compiled once), a job ran every one of them once, and it idled IDLE seconds
#   4. restart: the same installation stopped and started again (data/ kept), process start -> up
# Each of RUNS runs unpacks the built tar.gz into a fresh temporary directory, so nothing (data/
# cache, compiled modules, stored results) carries over from one run to the next. Prints a table
# (median, min - max over the runs), also written to OUT/distribution.md.
#
# Usage: benchmarks/distribution.sh [--runs N] [--plugins N] [--idle SECONDS] [--dist TAR.GZ]
#                                   [--out DIR] [--jfr] [--keep] [--java-opts "OPTS"] [--stock]
#   --jfr        records the boot of every run with Flight Recorder (OUT/run-N/boot.jfr); slows it
#   --keep       keeps every run's unpacked distribution (its data/log/karaf.log) under OUT/run-N/
#   --java-opts  appended to EXTRA_JAVA_OPTS (after bin/setenv's), to try JVM options
#   --stock      DIST is a stock Apache Karaf: "up" is Karaf's BootFinished service (the floor under
#                any distribution on this machine); no jobs, no plugins
# Needs: tar, ssh, ssh-keygen, python3, the distribution built (mvn install -pl karaf-distribution),
# and for PLUGINS > 0 the CLI (mvn install -pl cli), which signs the plugins.
set -euo pipefail

HERE="$(cd "$(dirname "$0")" && pwd)"
ROOT="$(cd "$HERE/.." && pwd)"
RUNS=5
PLUGINS=100
IDLE=30
DIST="$ROOT/karaf-distribution/target/assessment-runtime-distribution-0.1.0-SNAPSHOT.tar.gz"
OUT="$HERE/target/distribution"
JFR=false
KEEP=false
JAVA_OPTS_EXTRA=""
# A restart prepares every installed plugin again: with 100 of them it takes far longer than a cold boot.
BOOT_TIMEOUT="${BOOT_TIMEOUT:-300}"
STOCK=false
READY_CMD="assessment:status"
READY_REGEX="All components are up."

while [ $# -gt 0 ]; do
    case "$1" in
        --runs) RUNS="$2"; shift 2 ;;
        --plugins) PLUGINS="$2"; shift 2 ;;
        --idle) IDLE="$2"; shift 2 ;;
        --dist) DIST="$2"; shift 2 ;;
        --out) OUT="$2"; shift 2 ;;
        --jfr) JFR=true; shift ;;
        --keep) KEEP=true; shift ;;
        --stock) STOCK=true; PLUGINS=0; READY_CMD="service:list org.apache.karaf.features.BootFinished"
                 READY_REGEX="org.apache.karaf.features.BootFinished"; shift ;;
        --java-opts) JAVA_OPTS_EXTRA="$2"; shift 2 ;;
        -h|--help) sed -n '2,20p' "$0"; exit 0 ;;
        *) echo "unknown option: $1" >&2; exit 2 ;;
    esac
done

[ -f "$DIST" ] || { echo "distribution not found: $DIST (build it: mvn install -pl karaf-distribution)" >&2; exit 1; }
for tool in tar ssh ssh-keygen python3; do
    command -v "$tool" >/dev/null || { echo "$tool is needed" >&2; exit 1; }
done

mkdir -p "$OUT"
OUT="$(cd "$OUT" && pwd)"
WORK="$(mktemp -d "${TMPDIR:-/tmp}/ar-distbench.XXXXXX")"
KARAF_PID=""
HOME_DIR=""

log() { printf '[distribution] %s\n' "$*" | tee -a "$OUT/run.log" >&2; }
now_ms() { date +%s%3N; }

cleanup() {
    # Only the processes this script started: the launcher script and its JVM.
    if [ -n "$KARAF_PID" ] && kill -0 "$KARAF_PID" 2>/dev/null; then
        local jvm
        jvm="$(jvm_pid || true)"
        kill -9 "$KARAF_PID" ${jvm:+"$jvm"} 2>/dev/null || true
    fi
    # A run that failed: keep its logs for the diagnosis.
    if [ -n "$HOME_DIR" ] && [ -d "$HOME_DIR" ]; then
        local failed="$OUT/failed-$(basename "$(dirname "$HOME_DIR")")"
        mkdir -p "$failed"
        cp "$HOME_DIR/data/log/karaf.log" "$(dirname "$HOME_DIR")"/*.txt "$(dirname "$HOME_DIR")"/*.log "$failed/" 2>/dev/null || true
        echo "[distribution] logs of the failed run: $failed" >&2
    fi
    rm -rf "$WORK"
}
trap cleanup EXIT

: > "$OUT/run.log"

# ------------------------------------------------------------------------------------------------
# Once: an SSH key, the plugins and the job that runs them all

ssh-keygen -q -t ecdsa -b 256 -N '' -C distbench -f "$WORK/id" >/dev/null
PUBKEY="$(cut -d' ' -f2 "$WORK/id.pub")"

# PLUGINS copies of the os-baseline example, each with its own name and its own module bytes (a
# custom section carrying its number at the end of the module), so that the executor compiles and
# caches every one: the same bytes would share one compiled module.
python3 - "$ROOT" "$WORK/plugins" "$WORK/bench-plugins.json" "$PLUGINS" <<'EOF'
import json, os, sys
root, out, job, n = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
src = os.path.join(root, "karaf-distribution/target/assembly/plugins/examples/os-baseline")
wasm = open(os.path.join(src, "plugin.wasm"), "rb").read()
manifest = json.load(open(os.path.join(src, "plugin.json")))
def leb(v):
    b = bytearray()
    while True:
        byte = v & 0x7f
        v >>= 7
        b.append(byte | (0x80 if v else 0))
        if not v:
            return bytes(b)
os.makedirs(out, exist_ok=True)
activities = []
for i in range(1, n + 1):
    base = "bench-p%03d" % i
    name = b"distbench"
    payload = leb(len(name)) + name + ("plugin %d" % i).encode()
    open(os.path.join(out, base + ".wasm"), "wb").write(wasm + b"\x00" + leb(len(payload)) + payload)
    m = dict(manifest, name="bench/p%03d" % i, version="1.0.%d" % i)
    json.dump(m, open(os.path.join(out, base + ".plugin.json"), "w"), indent=2)
    activities.append({"id": "p%03d" % i, "title": "plugin %d" % i,
                       "plugin": {"name": "bench/p%03d" % i, "version": "1.0.%d" % i}})
json.dump({"id": "bench-plugins", "title": "Runs every benchmark plugin once",
           "tasks": [{"id": "all", "title": "every plugin, on demand", "activities": activities}]},
          open(job, "w"), indent=2)
EOF

# Signed, as the runtime installs only signed plugins by default: a throw-away key, trusted by each
# run's distribution (TRUSTED_LINE), signs every copy with the CLI (plugin sign wants a directory with
# plugin.json and plugin.wasm; its plugin.sig is the deploy folder's NAME.sig).
TRUSTED_LINE=""
if [ "$PLUGINS" -gt 0 ]; then
    CLI_JAR="$ROOT/cli/target/assessment-cli.jar"
    [ -f "$CLI_JAR" ] || { echo "the CLI is needed to sign the benchmark plugins: $CLI_JAR (mvn install -pl cli)" >&2; exit 1; }
    TRUSTED_LINE="$(java -XX:TieredStopAtLevel=1 -jar "$CLI_JAR" plugin keygen --key-id distbench --out "$WORK/keys" | grep '^distbench')"
    for wasm in "$WORK"/plugins/*.wasm; do
        base="${wasm%.wasm}"
        mkdir -p "$base.d"
        cp "$wasm" "$base.d/plugin.wasm"
        cp "$base.plugin.json" "$base.d/plugin.json"
        java -XX:TieredStopAtLevel=1 -jar "$CLI_JAR" plugin sign "$base.d" --key "$WORK/keys/signing.key" \
            --key-id distbench > /dev/null
        mv "$base.d/plugin.sig" "$base.sig"
        rm -r "$base.d"
    done
fi

free_ports() {
    python3 - "$1" <<'EOF'
import socket, sys
socks = []
for _ in range(int(sys.argv[1])):
    s = socket.socket(); s.bind(("127.0.0.1", 0)); socks.append(s)
print(" ".join(str(s.getsockname()[1]) for s in socks))
EOF
}

# Sets KEY = VALUE in a .cfg file: replaces the line if the key is there (commented out or not).
cfg_set() {
    local file="$1" key="$2" value="$3"
    if grep -Eq "^[#[:space:]]*${key}[[:space:]]*=" "$file"; then
        sed -i -E "s|^[#[:space:]]*${key}[[:space:]]*=.*|${key} = ${value}|" "$file"
    else
        printf '%s = %s\n' "$key" "$value" >> "$file"
    fi
}

SSH_PORT=""
karaf_cmd() {
    # One command per SSH session, as Karaf's exec channel expects; stdout+stderr.
    timeout "${2:-60}" ssh -q -i "$WORK/id" -p "$SSH_PORT" -o BatchMode=yes -o StrictHostKeyChecking=no \
        -o UserKnownHostsFile=/dev/null -o LogLevel=ERROR -o ConnectTimeout=5 distbench@127.0.0.1 "$1" 2>&1
}

jvm_pid() {
    # The JVM is the launcher script's child (bin/karaf does not exec it in server mode).
    local p
    for p in $(pgrep -P "$KARAF_PID" 2>/dev/null); do
        if tr '\0' ' ' < "/proc/$p/cmdline" 2>/dev/null | grep -q 'org.apache.karaf.main.Main'; then
            echo "$p"; return 0
        fi
    done
    return 1
}

jvm_cpu_ms() {
    # utime + stime (fields 14 and 15 of /proc/PID/stat, in clock ticks) as milliseconds.
    local hz
    hz="$(getconf CLK_TCK)"
    awk -v hz="$hz" '{ sub(/^.*\) /, ""); printf "%d", ($12 + $13) * 1000 / hz }' "/proc/$1/stat" 2>/dev/null || echo 0
}

rss_mib() {
    awk '/^VmRSS:/ { printf "%.1f", $2 / 1024 }' "/proc/$1/status"
}

# Where the memory is, for the record (OUT/run-N/PHASE-*.txt): heap, the largest classes on the heap,
# and the JVM's own native memory when the JVM runs with -XX:NativeMemoryTracking.
jvm_diagnostics() {
    command -v jcmd >/dev/null || return 0
    local pid="$1" dir="$2" phase="$3"
    jcmd "$pid" GC.heap_info > "$dir/$phase-heap-info.txt" 2>&1 || true
    grep -q NativeMemoryTracking "/proc/$pid/cmdline" 2>/dev/null \
        && { jcmd "$pid" VM.native_memory summary > "$dir/$phase-nmt.txt" 2>&1 || true; }
    if $KEEP; then
        jcmd "$pid" GC.class_histogram 2>&1 | head -45 > "$dir/$phase-histogram.txt" || true
        # Classes and metaspace per class loader, i.e. per bundle.
        jcmd "$pid" VM.classloader_stats > "$dir/$phase-classloaders.txt" 2>&1 || true
    fi
    cp /proc/"$pid"/smaps_rollup "$dir/$phase-smaps-rollup.txt" 2>/dev/null || true
}

# Polls COMMAND until its output matches REGEX or TIMEOUT seconds passed; returns 1 on timeout.
await_output() {
    local cmd="$1" regex="$2" timeout_s="$3" deadline out
    deadline=$(( $(date +%s) + timeout_s ))
    while [ "$(date +%s)" -lt "$deadline" ]; do
        out="$(karaf_cmd "$cmd" 30 || true)"
        if printf '%s' "$out" | grep -Eq "$regex"; then
            return 0
        fi
        sleep 1
    done
    log "timed out after ${timeout_s}s waiting for '$cmd' to match /$regex/; last output:"
    printf '%s\n' "$out" | tail -20 >&2
    return 1
}

# ------------------------------------------------------------------------------------------------
# One run

run_once() {
    local n="$1" dir ports t0 t_up boot_ms pid idle_rss idle_threads out
    dir="$WORK/run-$n"
    mkdir -p "$dir"
    tar -xzf "$DIST" -C "$dir"
    HOME_DIR="$(ls -d "$dir"/*/)"
    HOME_DIR="${HOME_DIR%/}"
    chmod +x "$HOME_DIR"/bin/*

    # Free loopback ports (a developer's own Karaf may hold 8101/1099/44444/8181), the benchmark's key.
    read -r SSH_PORT rmi_reg rmi_srv jmxmp http shutdown <<< "$(free_ports 6)"
    # Karaf's shutdown socket binds a random port otherwise, before SSH binds its own: once it took
    # the SSH port picked here, and the run waited 300 s for an SSH server that never came.
    printf '\nkaraf.shutdown.port = %s\n' "$shutdown" >> "$HOME_DIR/etc/config.properties"
    cfg_set "$HOME_DIR/etc/org.apache.karaf.shell.cfg" sshPort "$SSH_PORT"
    cfg_set "$HOME_DIR/etc/org.apache.karaf.shell.cfg" sshHost 127.0.0.1
    cfg_set "$HOME_DIR/etc/org.apache.karaf.management.cfg" rmiRegistryPort "$rmi_reg"
    cfg_set "$HOME_DIR/etc/org.apache.karaf.management.cfg" rmiRegistryHost 127.0.0.1
    cfg_set "$HOME_DIR/etc/org.apache.karaf.management.cfg" rmiServerPort "$rmi_srv"
    cfg_set "$HOME_DIR/etc/org.apache.karaf.management.cfg" rmiServerHost 127.0.0.1
    cfg_set "$HOME_DIR/etc/org.apache.karaf.management.cfg" jmxmpPort "$jmxmp"
    cfg_set "$HOME_DIR/etc/org.apache.karaf.management.cfg" jmxmpHost 127.0.0.1
    # The HTTP surface (pax-web), where the distribution has one: 8181 may be taken as well.
    if [ -f "$HOME_DIR/etc/org.ops4j.pax.web.cfg" ]; then
        cfg_set "$HOME_DIR/etc/org.ops4j.pax.web.cfg" org.osgi.service.http.port "$http"
    fi
    if [ -n "$TRUSTED_LINE" ]; then
        printf '\n%s\n' "$TRUSTED_LINE" >> "$HOME_DIR/etc/plugins.trusted-keys.properties"
    fi
    printf '\ndistbench=%s,_g_:admingroup\n' "$PUBKEY" >> "$HOME_DIR/etc/keys.properties"
    grep -q '^_g_\\:admingroup' "$HOME_DIR/etc/keys.properties" \
        || printf '_g_\\:admingroup = group,admin,manager,viewer,systembundles,ssh\n' >> "$HOME_DIR/etc/keys.properties"

    local extra="$JAVA_OPTS_EXTRA"
    if $JFR; then
        extra="$extra -XX:StartFlightRecording=filename=$OUT/run-$n/boot.jfr,settings=profile,duration=30s"
        mkdir -p "$OUT/run-$n"
    fi

    boot_karaf "$n" "$dir" "$extra"
    boot_ms="$BOOT_MS"
    local boot_cpu_ms="$BOOT_CPU_MS"
    pid="$(jvm_pid)"
    log "run $n: all components up after $boot_ms ms, $boot_cpu_ms ms of JVM CPU (JVM pid $pid, RSS $(rss_mib "$pid") MiB, threads $(awk '/^Threads:/ { print $2 }' "/proc/$pid/status"))"

    # Idle: the start-up jobs (missedRuns RUN_ONCE on a fresh runtime) have run, then IDLE seconds.
    local jobs
    jobs="$( (ls "$HOME_DIR"/etc/jobs/*.json 2>/dev/null || true) | wc -l)"
    local runs_seen=0 deadline1=$(( $(date +%s) + 120 ))
    while [ "$(date +%s)" -lt "$deadline1" ]; do
        runs_seen="$(karaf_cmd assessment:runs 30 | grep -c 'host-' || true)"
        [ "$runs_seen" -ge "$jobs" ] && break
        sleep 1
    done
    sleep "$IDLE"
    idle_rss="$(rss_mib "$pid")"
    idle_threads="$(awk '/^Threads:/ { print $2 }' "/proc/$pid/status")"
    log "run $n: idle RSS $idle_rss MiB ($runs_seen start-up job runs listed, ${IDLE}s idle)"
    jvm_diagnostics "$pid" "$dir" idle

    plugins_rss=0 inst_ms=0 run_ms=0
    if [ "$PLUGINS" -gt 0 ]; then
        run_plugins "$n"
    fi

    stop_karaf "$n" "$pid"

    # A restart of the same installation (data/ kept: bundles installed, plugins stored), as after
    # a reboot of the host; the extra JVM options without the boot recording.
    local restart_ms
    boot_karaf "$n" "$dir" "$JAVA_OPTS_EXTRA"
    restart_ms="$BOOT_MS"
    log "run $n: restarted, all components up after $restart_ms ms"
    stop_karaf "$n" "$(jvm_pid)"

    save_run "$n" "$dir"
    echo "$n $boot_ms $idle_rss $plugins_rss $inst_ms $run_ms $restart_ms $boot_cpu_ms $idle_threads" >> "$OUT/figures.txt"
}

# Starts bin/karaf server (sets KARAF_PID) and polls until `assessment:status` says every component is
# up (--stock: until Karaf's BootFinished service is there); sets BOOT_MS to the milliseconds from
# process start until then.
boot_karaf() {
    local n="$1" dir="$2" extra="$3" t0 t_up out
    t0="$(now_ms)"
    (
        cd "$HOME_DIR"
        # The distribution's own settings (bin/setenv), not whatever the calling shell has.
        unset KARAF_HOME KARAF_BASE KARAF_DATA KARAF_ETC KARAF_OPTS JAVA_OPTS EXTRA_JAVA_OPTS
        if [ -n "$extra" ]; then export EXTRA_JAVA_OPTS="$extra"; fi
        exec bin/karaf server </dev/null >>"$dir/karaf-process.log" 2>&1
    ) &
    KARAF_PID=$!

    # Poll every 0.5 s, as the itests harness does: a TCP connect first (cheap), then the status
    # command. Each SSH session costs Karaf a key exchange, so faster polling slows the boot it measures.
    local deadline=$(( $(date +%s) + BOOT_TIMEOUT ))
    while :; do
        kill -0 "$KARAF_PID" 2>/dev/null || { log "run $n: Karaf exited while booting"; tail -30 "$dir/karaf-process.log" >&2; return 1; }
        [ "$(date +%s)" -lt "$deadline" ] || { log "run $n: not up within ${BOOT_TIMEOUT}s"; return 1; }
        if (exec 3<>"/dev/tcp/127.0.0.1/$SSH_PORT") 2>/dev/null; then
            out="$(karaf_cmd "$READY_CMD" 20 || true)"
            if printf '%s' "$out" | grep -q "$READY_REGEX"; then
                t_up="$(now_ms)"
                break
            fi
        fi
        sleep 0.5
    done
    BOOT_MS=$(( t_up - t0 ))
    # CPU seconds (user + system) the JVM used until then: unlike the wall-clock figure, this hardly
    # moves with other processes' load on the machine.
    BOOT_CPU_MS="$(jvm_cpu_ms "$(jvm_pid)")"
    # Wall-clock times, to line the figure up with karaf.log's time stamps.
    log "run $n: process started $(date -d "@${t0:0:-3}.${t0: -3}" +%H:%M:%S.%3N), all components up $(date -d "@${t_up:0:-3}.${t_up: -3}" +%H:%M:%S.%3N)"
}

# PLUGINS plugins through the deploy folder, then one job running each once; sets plugins_rss,
# inst_ms, run_ms (of run_once).
run_plugins() {
    local n="$1" t_inst out
    t_inst="$(now_ms)"
    # Signatures first, so that no plugin is seen (and refused) unsigned for a moment (plugins/DEPLOY.md).
    cp "$WORK"/plugins/*.sig "$HOME_DIR/deploy/"
    cp "$WORK"/plugins/*.wasm "$WORK"/plugins/*.plugin.json "$HOME_DIR/deploy/"
    local installed=0 deadline2=$(( $(date +%s) + 300 ))
    while [ "$(date +%s)" -lt "$deadline2" ]; do
        installed="$(karaf_cmd assessment:plugin-list 30 | grep -c 'bench/p' || true)"
        [ "$installed" -ge "$PLUGINS" ] && break
        sleep 1
    done
    inst_ms=$(( $(now_ms) - t_inst ))
    [ "$installed" -ge "$PLUGINS" ] || { log "run $n: only $installed of $PLUGINS plugins installed"; return 1; }
    log "run $n: $PLUGINS plugins installed in $inst_ms ms (RSS $(rss_mib "$pid") MiB)"

    cp "$WORK/bench-plugins.json" "$HOME_DIR/etc/jobs/"
    await_output "assessment:jobs" "bench-plugins" 60
    local t_run
    t_run="$(now_ms)"
    # The table, not --json: Karaf's SSH exec channel may cut a long output (100 results as JSON are
    # about 500 KB) when it closes the session.
    out="$(karaf_cmd "assessment:run --wait --timeout 600 bench-plugins" 660 || true)"
    run_ms=$(( $(now_ms) - t_run ))
    printf '%s\n' "$out" > "$dir/bench-plugins-results.txt"
    # One row per result, naming its plugin (bench/pNNN), whatever its status.
    local results
    results="$(grep -Eo 'bench/p[0-9]+' "$dir/bench-plugins-results.txt" | sort -u | wc -l)"
    [ "$results" -ge "$PLUGINS" ] || { log "run $n: the job gave $results results, expected $PLUGINS:"; head -c 2000 "$dir/bench-plugins-results.txt" >&2; return 1; }
    log "run $n: job with $PLUGINS activities ran in $run_ms ms ($results results)"
    sleep "$IDLE"
    plugins_rss="$(rss_mib "$pid")"
    log "run $n: RSS with $PLUGINS plugins $plugins_rss MiB"
    jvm_diagnostics "$pid" "$dir" plugins
}

# Stops Karaf, bounded; then makes sure nothing of this run is left.
stop_karaf() {
    local n="$1" pid="$2"
    "$HOME_DIR/bin/stop" >/dev/null 2>&1 || true
    local i
    for i in $(seq 1 60); do
        kill -0 "$KARAF_PID" 2>/dev/null || break
        sleep 0.5
    done
    if kill -0 "$KARAF_PID" 2>/dev/null; then
        log "run $n: did not stop within 30 s; killing it"
        kill -9 "$pid" "$KARAF_PID" 2>/dev/null || true
    fi
    wait "$KARAF_PID" 2>/dev/null || true
    KARAF_PID=""
}

save_run() {
    local n="$1" dir="$2"
    if $KEEP; then
        mkdir -p "$OUT/run-$n"
        cp -r "$dir"/* "$OUT/run-$n/"
    else
        mkdir -p "$OUT/run-$n"
        cp "$HOME_DIR/data/log/karaf.log" "$dir"/*.txt "$dir"/karaf-process.log "$OUT/run-$n/" 2>/dev/null || true
    fi
    rm -rf "$dir"
    HOME_DIR=""
}

# ------------------------------------------------------------------------------------------------

load_before="$(cut -d' ' -f1-3 /proc/loadavg)"
if awk -v l="${load_before%% *}" 'BEGIN { exit !(l >= 1.0) }'; then
    log "warning: 1-minute load average is ${load_before%% *}: the figures will be slower than on a quiet machine"
fi
log "$RUNS runs of $DIST, $PLUGINS plugins, ${IDLE}s idle${JAVA_OPTS_EXTRA:+, extra JVM options: $JAVA_OPTS_EXTRA}"
: > "$OUT/figures.txt"
started="$(date +%s)"
for n in $(seq 1 "$RUNS"); do
    run_once "$n"
done
load_after="$(cut -d' ' -f1-3 /proc/loadavg)"

python3 - "$OUT/figures.txt" "$PLUGINS" "$IDLE" "$load_before" "$load_after" "$(( $(date +%s) - started ))" \
    "$JAVA_OPTS_EXTRA" "$STOCK" <<'EOF' | tee "$OUT/distribution.md"
import statistics, sys
path, plugins, idle, lb, la, secs, opts, stock = sys.argv[1:9]
rows = [list(map(float, l.split()[1:])) for l in open(path) if l.strip()]
cols = list(zip(*rows))
def fmt(vals, scale, unit, digits):
    v = [x / scale for x in vals]
    return ("%.*f %s" % (digits, statistics.median(v), unit),
            "%.*f – %.*f %s" % (digits, min(v), digits, max(v), unit))
spec = [
    ("boot: process start → `assessment:status` \"All components are up.\"", 0, 1000, "s", 2, "≤ 3 s", lambda m: m <= 3.0),
    ("idle RSS (start-up jobs ran, %s s idle)" % idle, 1, 1, "MiB", 0, "≤ 200 MiB", lambda m: m <= 200),
    ("RSS with %s plugins installed and each run once, %s s idle" % (plugins, idle), 2, 1, "MiB", 0, "", None),
    ("installing %s plugins (deploy/ → all listed)" % plugins, 3, 1000, "s", 1, "", None),
    ("one job running the %s plugins once each" % plugins, 4, 1000, "s", 1, "", None),
    ("JVM CPU time (user + system) from process start to up", 6, 1000, "s", 2, "", None),
    ("JVM threads at the idle point", 7, 1, "", 0, "", None),
    ("restart of the same installation (data/ kept, %s plugins installed): process start → all components up"
     % ("the example" if plugins == "0" else "the example and the %s" % plugins), 5, 1000, "s", 2, "", None),
]
print("| Figure | median | min – max | runs | goal | verdict |")
print("|---|---:|---:|---:|---|---|")
if plugins == "0":
    spec = spec[:2] + spec[5:]
# figures.txt of an older version of this script has no CPU or thread columns.
spec = [row for row in spec if row[1] < len(cols)]
if stock == "true":
    spec = [("stock Karaf boot: process start → `service:list` shows BootFinished", 0, 1000, "s", 2, "", None),
            ("stock Karaf idle RSS (%s s idle)" % idle, 1, 1, "MiB", 0, "", None),
            ("stock Karaf JVM CPU time from process start to BootFinished", 6, 1000, "s", 2, "", None),
            ("stock Karaf JVM threads at the idle point", 7, 1, "", 0, "", None),
            ("stock Karaf restart: process start → BootFinished", 5, 1000, "s", 2, "", None)]
for name, i, scale, unit, digits, goal, ok in spec:
    med, rng = fmt(cols[i], scale, unit, digits)
    verdict = "" if ok is None else ("met" if ok(statistics.median(cols[i]) / scale) else "**missed**")
    print("| %s | %s | %s | %d | %s | %s |" % (name, med, rng, len(rows), goal, verdict))
print()
print("Load average (1, 5, 15 min) before: %s; after: %s. %s s in all.%s" % (lb, la, secs,
      (" Extra JVM options: `%s`." % opts) if opts else ""))
EOF
