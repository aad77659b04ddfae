#!/usr/bin/env bash
# Event benchmark: how many events per second the server runs (POST /api/run of a trivial handler,
# examples/bench_events), at what latency, from 32 concurrent keep-alive connections with one
# session each; and what one session costs in server memory (RSS after creating 10,000 sessions
# minus RSS after start, divided by 10,000).
#
#   scripts/bench-events.sh            # figures on stdout and in benches/results/events.txt
#
# Figures, not pass/fail: the script exits 0 whenever it could measure. Every figure is measured
# BENCH_RUNS times and given as median and best, each run with the load average (uptime) at its
# end beside it: wrk and the server share this machine's CPUs, so the figures are only comparable
# between runs on an otherwise idle machine. Everything runs on 127.0.0.1; every step has a time
# limit; temp files and the servers it starts are removed on exit.
#
# Load: wrk -t2 -c32 (2 threads x 16 connections) for BENCH_SECONDS; a Lua script gives thread t
# sessions 16t+1 .. 16t+16 and rotates through them request by request, so each of a thread's 16
# connections carries, in turn, a different session's events and no two threads share one.
# Needs curl, wrk, python3 (or node). Env: BENCH_RUNS (3), BENCH_SECONDS (10), BENCH_SESSIONS
# (10000, for the memory figure), CARGO_TARGET_DIR (where the release binary is, default target).
set -euo pipefail

cd "$(dirname "$0")/.."
ROOT=$PWD
OUT="${BENCH_OUT:-$ROOT/benches/results/events.txt}"
RUNS=${BENCH_RUNS:-3}
SECONDS_PER_RUN=${BENCH_SECONDS:-10}
MANY=${BENCH_SESSIONS:-10000}
THREADS=2
CONNECTIONS=32
TARGET_DIR=${CARGO_TARGET_DIR:-target}
case $TARGET_DIR in /*) ;; *) TARGET_DIR="$ROOT/$TARGET_DIR" ;; esac
BIN="$TARGET_DIR/release/examples/bench_events"

TMP=$(mktemp -d "${TMPDIR:-/tmp}/ferry-bench-events.XXXXXX")
PIDS=()
cleanup() {
    local pid
    for pid in "${PIDS[@]}"; do
        kill "$pid" 2>/dev/null || true
    done
    for pid in "${PIDS[@]}"; do
        wait "$pid" 2>/dev/null || true
    done
    rm -rf "$TMP"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

say() { printf '%s\n' "$*" >&2; }
die() { say "error: $*"; exit 1; }

command -v wrk >/dev/null || die "wrk is not installed (apt-get install wrk)"
command -v curl >/dev/null || die "curl is not installed"

# The load averages (1, 5, 15 min) of uptime, for beside every figure.
load() { uptime | sed 's/.*load average: //'; }

# JSON of POST /api/session on stdin -> "SESSION DEPENDENCY COMPONENT" of the first dependency
# triggered by a click. python3, or node when python3 is missing.
json_click() {
    if command -v python3 >/dev/null; then
        python3 -c '
import json, sys
s = json.load(sys.stdin)
for d in s["dependencies"]:
    for c, e in d["triggers"]:
        if e == "click":
            print(s["session"], d["id"], c)
            sys.exit(0)
sys.exit("no click dependency in /api/session")'
    else
        node -e '
let s = ""; process.stdin.on("data", d => s += d).on("end", () => {
  const j = JSON.parse(s);
  for (const d of j.dependencies) for (const [c, e] of d.triggers)
    if (e === "click") { console.log(j.session, d.id, c); return; }
  console.error("no click dependency in /api/session"); process.exit(1); });'
    fi
}

# Starts the server; sets SERVER_PID and BASE (http://127.0.0.1:PORT).
start_server() {
    local log=$1 i
    FERRY_SERVER_NAME=127.0.0.1 FERRY_SERVER_PORT=0 RUST_LOG=warn "$BIN" >"$log" 2>&1 &
    SERVER_PID=$!
    PIDS+=("$SERVER_PID")
    BASE=""
    for i in $(seq 1 200); do
        BASE=$(sed -n 's/^Running on local URL:  \(http:[^ ]*\).*/\1/p' "$log" | head -n1)
        BASE=${BASE%/}
        [ -n "$BASE" ] && return 0
        kill -0 "$SERVER_PID" 2>/dev/null || { cat "$log" >&2; die "server exited"; }
        sleep 0.05
    done
    die "server did not print its URL within 10 s"
}
stop_server() {
    kill "$SERVER_PID" 2>/dev/null || true
    wait "$SERVER_PID" 2>/dev/null || true
}
new_session() {
    curl -fsS --max-time 10 -X POST -H 'Content-Type: application/json' -d '{}' "$BASE/api/session"
}
status_kib() { awk -v k="$2:" '$1 == k { print $2 }' "/proc/$1/status"; }
# Median and best of numbers on stdin: "MEDIAN BEST"; best is the largest, or with "low" the
# smallest.
med_best() {
    sort -g | awk -v low="${1:-}" '{ v[NR] = $1 } END {
        m = (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2
        print m, (low ? v[1] : v[NR]) }'
}
# wrk's latency ("383.00us", "2.69ms", "1.01s") in ms.
to_ms() {
    awk -v x="$1" 'BEGIN {
        if (x ~ /us$/) v = substr(x, 1, length(x) - 2) / 1000
        else if (x ~ /ms$/) v = substr(x, 1, length(x) - 2)
        else if (x ~ /m$/) v = substr(x, 1, length(x) - 1) * 60000
        else if (x ~ /s$/) v = substr(x, 1, length(x) - 1) * 1000
        else v = x
        printf "%.3f", v }'
}

# --- build ------------------------------------------------------------------------------------
say "== building examples/bench_events (release)"
timeout 1800 cargo build --release --quiet --example bench_events || die "cargo build failed or timed out"
[ -x "$BIN" ] || die "$BIN is missing after the build (CARGO_TARGET_DIR?)"

# --- wrk script -------------------------------------------------------------------------------
# Thread t (0-based, numbered in setup) builds the requests of sessions PER*t+1 .. PER*t+PER of
# the file in init and returns them in turn, one per request.
cat >"$TMP/run.lua" <<'EOF'
local count = 0
function setup(thread)
    thread:set("tid", count)
    count = count + 1
end

function init(args)
    local file, per = args[1], tonumber(args[2])
    local all = {}
    for line in io.lines(file) do all[#all + 1] = line end
    reqs = {}
    for i = 1, per do
        local s, d, c = all[tid * per + i]:match("^(%S+) (%S+) (%S+)$")
        local body = string.format(
            '{"session": "%s", "dependency": %s, "trigger": [%s, "click"], "data": []}', s, d, c)
        reqs[i] = wrk.format("POST", "/api/run", { ["Content-Type"] = "application/json" }, body)
    end
    n = 0
end

function request()
    n = n % #reqs + 1
    return reqs[n]
end
EOF

# --- (a) events per second --------------------------------------------------------------------
say "== (a) POST /api/run: wrk -t$THREADS -c$CONNECTIONS -d${SECONDS_PER_RUN}s, $CONNECTIONS sessions, x $RUNS"
LOAD_BEFORE=$(load)
start_server "$TMP/server.log"
: >"$TMP/sessions"
for i in $(seq 1 "$CONNECTIONS"); do
    new_session | json_click >>"$TMP/sessions"
done
[ "$(wc -l <"$TMP/sessions")" = "$CONNECTIONS" ] || die "could not create $CONNECTIONS sessions"
read -r S D C <"$TMP/sessions"
SAMPLE=$(curl -fsS --max-time 10 -X POST -H 'Content-Type: application/json' \
    -d "{\"session\": \"$S\", \"dependency\": $D, \"trigger\": [$C, \"click\"], \"data\": []}" \
    "$BASE/api/run") || die "POST /api/run failed"
case $SAMPLE in *'"ok"'*) ;; *) die "POST /api/run answered $SAMPLE, without \"ok\"" ;; esac
# Warm-up, not counted.
timeout 30 wrk -t"$THREADS" -c"$CONNECTIONS" -d2s -s "$TMP/run.lua" "$BASE" -- \
    "$TMP/sessions" $((CONNECTIONS / THREADS)) >/dev/null 2>&1 || true
RPS=(); P50=(); P99=(); RUN_LINES=()
for i in $(seq 1 "$RUNS"); do
    out=$(timeout $((SECONDS_PER_RUN + 30)) wrk -t"$THREADS" -c"$CONNECTIONS" -d"${SECONDS_PER_RUN}s" \
        --latency -s "$TMP/run.lua" "$BASE" -- "$TMP/sessions" $((CONNECTIONS / THREADS)) 2>&1) \
        || die "wrk failed or timed out: $out"
    l=$(load)
    rps=$(awk '/^Requests\/sec:/ { print $2 }' <<<"$out")
    total=$(awk '/requests in/ { print $1 }' <<<"$out")
    p50=$(awk '$1 == "50%" { print $2 }' <<<"$out")
    p99=$(awk '$1 == "99%" { print $2 }' <<<"$out")
    errs=$(awk '/Non-2xx|Socket errors/ { $1 = $1; printf "%s; ", $0 }' <<<"$out")
    [ -n "$rps" ] && [ -n "$p50" ] && [ -n "$p99" ] || die "could not read wrk's output: $out"
    RPS+=("$rps"); P50+=("$(to_ms "$p50")"); P99+=("$(to_ms "$p99")")
    line=$(printf 'run %d: %9.0f events/s  p50 %-9s p99 %-9s (%s events)  load %s  %s' \
        "$i" "$rps" "$p50" "$p99" "$total" "$l" "$errs")
    line=$(sed 's/ *$//' <<<"$line")
    RUN_LINES+=("$line")
    say "   $line"
done
EVENTS_RSS=$(status_kib "$SERVER_PID" VmRSS)
stop_server
read -r RPS_MED RPS_BEST < <(printf '%s\n' "${RPS[@]}" | med_best)
read -r P50_MED P50_BEST < <(printf '%s\n' "${P50[@]}" | med_best low)
read -r P99_MED P99_BEST < <(printf '%s\n' "${P99[@]}" | med_best low)

# --- (b) memory per session -------------------------------------------------------------------
say "== (b) server RSS after start and after $MANY sessions (POST /api/session), x $RUNS"
# One curl, one keep-alive connection, MANY POSTs from a config file.
{
    printf 'silent\nshow-error\nrequest = "POST"\nheader = "Content-Type: application/json"\n'
    printf 'data = "{}"\nmax-time = 300\n'
} >"$TMP/many.conf"
KIB=(); MEM_LINES=()
for i in $(seq 1 "$RUNS"); do
    start_server "$TMP/mem$i.log"
    new_session >/dev/null   # let the server settle: its first request allocates once
    rss0=$(status_kib "$SERVER_PID" VmRSS)
    cp "$TMP/many.conf" "$TMP/many$i.conf"
    for _ in $(seq 1 "$MANY"); do printf 'url = "%s/api/session"\n' "$BASE"; done >>"$TMP/many$i.conf"
    T0=$(date +%s.%N)
    made=$(timeout 330 curl -K "$TMP/many$i.conf" | grep -o '"session":' | wc -l) || die "creating sessions timed out"
    T1=$(date +%s.%N)
    [ "$made" -ge "$MANY" ] || die "created $made sessions, not $MANY"
    sleep 1
    rss1=$(status_kib "$SERVER_PID" VmRSS)
    hwm=$(status_kib "$SERVER_PID" VmHWM)
    l=$(load)
    stop_server
    kib=$(awk -v a="$rss0" -v b="$rss1" -v n="$MANY" 'BEGIN { printf "%.2f", (b - a) / n }')
    KIB+=("$kib")
    line=$(printf 'run %d: RSS %6d KiB after start, %6d KiB after %d sessions (VmHWM %d KiB): %s KiB/session; %.0f sessions/s  load %s' \
        "$i" "$rss0" "$rss1" "$MANY" "$hwm" "$kib" "$(awk -v n="$MANY" -v a="$T0" -v b="$T1" 'BEGIN { print n / (b - a) }')" "$l")
    MEM_LINES+=("$line")
    say "   $line"
done
read -r KIB_MED KIB_BEST < <(printf '%s\n' "${KIB[@]}" | med_best low)

# --- figures ----------------------------------------------------------------------------------
FIGURES=$(cat <<EOF
Ferry event benchmark
=====================
date            $(date -u '+%Y-%m-%d %H:%M:%S UTC')
git             $(git rev-parse --short HEAD 2>/dev/null || echo '?')$(git diff --quiet HEAD -- src 2>/dev/null || echo ' (src/ has uncommitted changes)')
machine         $(nproc) CPUs ($(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo)), $(awk '/^MemTotal/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo) RAM
kernel          $(uname -sr)
toolchain       $(rustc --version), $(wrk -v 2>&1 | awk 'NR == 1 { print $1, $2 }')
cargo profile   release (examples/bench_events; [profile.release] of Cargo.toml)
app             one Button, one Textbox, b.on(go.click(), (), out, || "ok").trigger_mode(TriggerMode::Multiple)
client          wrk and the server share this machine's $(nproc) CPUs over loopback
load            load average (1, 5, 15 min) before the start: $LOAD_BEFORE; per run below

(a) POST /api/run, wrk -t$THREADS -c$CONNECTIONS -d${SECONDS_PER_RUN}s --latency, keep-alive, $CONNECTIONS sessions (one per
    connection slot, rotated per request within a thread), after a 2 s warm-up; answer: $SAMPLE
    events/s       median $RPS_MED, best $RPS_BEST
    latency p50    median $P50_MED ms, best $P50_BEST ms
    latency p99    median $P99_MED ms, best $P99_BEST ms
$(printf '    %s\n' "${RUN_LINES[@]}")
    server RSS after the runs: $EVENTS_RSS KiB
(b) memory per session: (VmRSS after $MANY x POST /api/session - VmRSS after start and one session) / $MANY,
    a fresh server each run, RSS read 1 s after the last answer
    KiB/session    median $KIB_MED, best $KIB_BEST
$(printf '    %s\n' "${MEM_LINES[@]}")
EOF
)
mkdir -p "$(dirname "$OUT")"
printf '%s\n' "$FIGURES" | tee "$OUT"
say "(written to ${OUT#"$ROOT"/})"
