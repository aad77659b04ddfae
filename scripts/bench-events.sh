#!/usr/bin/env bash
# Event benchmark (examples/bench_events): (a) how many events per second the server runs
# (POST /api/run of a trivial handler) and at what latency, with 1, 32 and 256 concurrent
# sessions (one keep-alive connection each), with the queue in three states: on with no limit
# (Ferry's default), on with concurrency_limit(1) (Gradio's default: every run in turn), and
# queue(false); (b) what one session costs in server memory (RSS after creating 10,000 sessions
# minus RSS after start, divided by 10,000); (c) how many streamed updates per second a streaming
# handler's items reach the page at (its session's stream, read with curl).
#
#   scripts/bench-events.sh            # figures on stdout and in benches/results/events.txt
#
# Figures, not pass/fail: the script exits 0 whenever it could measure. Every figure is measured
# BENCH_RUNS times and given as median and best, each run with the load average (uptime) at its
# end beside it: wrk and the server share this machine's CPUs, so the figures are only comparable
# between runs on an otherwise idle machine. Everything runs on 127.0.0.1; every step has a time
# limit; temp files and the servers it starts are removed on exit.
#
# Load: wrk -t2 -cN (-t1 for one session) for BENCH_SECONDS; a Lua script gives thread t its own
# N/2 sessions and rotates through them request by request, so no two threads share one.
# Needs curl, wrk, python3. Env: BENCH_RUNS (3), BENCH_SECONDS (10), BENCH_SESSION_COUNTS
# ("1 32 256"), BENCH_SESSIONS (10000, for the memory figure), CARGO_TARGET_DIR (where the
# release binary is, default target).
set -euo pipefail

cd "$(dirname "$0")/.."
ROOT=$PWD
OUT="${BENCH_OUT:-$ROOT/benches/results/events.txt}"
RUNS=${BENCH_RUNS:-3}
SECONDS_PER_RUN=${BENCH_SECONDS:-10}
MANY=${BENCH_SESSIONS:-10000}
THREADS=2
TARGET_DIR=${CARGO_TARGET_DIR:-target}
case $TARGET_DIR in /*) ;; *) TARGET_DIR="$ROOT/$TARGET_DIR" ;; esac
BIN="$TARGET_DIR/release/examples/bench_events"

BENCH_NAME=events
# shellcheck source=lib/bench-common.sh
. "$ROOT/scripts/lib/bench-common.sh"

# --- build ------------------------------------------------------------------------------------
say "== building examples/bench_events (release)"
timeout 1800 cargo build --release --quiet --example bench_events || die "cargo build failed or timed out"
[ -x "$BIN" ] || die "$BIN is missing after the build (CARGO_TARGET_DIR?)"

# --- (a) events per second --------------------------------------------------------------------
# One figure set per queue mode and session count: mode is the dependency of examples/bench_events
# (0 no limit, 1 concurrency_limit(1), 2 queue(false)); one keep-alive connection per session.
MODES=(0 1 2)
MODE_NAMES=("queue on, no limit (Ferry's default)" "queue on, concurrency_limit(1) (Gradio's default)" "queue(false)")
SESSION_COUNTS=(${BENCH_SESSION_COUNTS:-1 32 256})
LOAD_BEFORE=$(load)
start_server "$TMP/server.log"
MAX_SESSIONS=0
for n in "${SESSION_COUNTS[@]}"; do [ "$n" -gt "$MAX_SESSIONS" ] && MAX_SESSIONS=$n; done
: >"$TMP/pages"
for i in $(seq 1 "$MAX_SESSIONS"); do
    new_session >>"$TMP/pages"
    printf '\n' >>"$TMP/pages"
done
# "SESSION DEPENDENCY COMPONENT" lines for dependency $1, one per session.
sessions_for() {
    python3 -c '
import json, sys
dep = int(sys.argv[1])
for line in open(sys.argv[2]):
    if not line.strip():
        continue
    s = json.loads(line)
    d = s["dependencies"][dep]
    c, e = d["triggers"][0]
    print(json.dumps({"session": s["session"], "dependency": d["id"], "trigger": [c, e], "data": []}))' "$1" "$TMP/pages"
}
SAMPLE=""
TABLE=(); RUN_LINES=()
for m in "${!MODES[@]}"; do
    mode=${MODES[$m]}
    sessions_for "$mode" >"$TMP/sessions.$mode"
    answer=$(curl -fsS --max-time 10 -X POST -H 'Content-Type: application/json' \
        -d "$(head -n 1 "$TMP/sessions.$mode")" "$BASE/api/run") || die "POST /api/run failed"
    case $answer in *'"ok"'*) ;; *) die "POST /api/run answered $answer, without \"ok\"" ;; esac
    SAMPLE=$answer
    for n in "${SESSION_COUNTS[@]}"; do
        head -n "$n" "$TMP/sessions.$mode" >"$TMP/sessions.$mode.$n"
        wrk_measure "${MODE_NAMES[$m]}" "$TMP/sessions.$mode.$n" "$n" events
        TABLE+=("$(printf '%-52s %4d sessions: %8.0f events/s median (best %.0f), p50 %s ms, p99 %s ms' \
            "${MODE_NAMES[$m]}" "$n" "$RPS_MED" "$RPS_BEST" "$P50_MED" "$P99_MED")")
    done
done
EVENTS_RSS=$(status_kib "$SERVER_PID" VmRSS)

# --- (c) streamed updates per second ----------------------------------------------------------
# Dependency 3 streams 20,000 items as fast as it can; a reader (python3) holds the session's
# stream open, counts the `partial` messages and times them from the POST to the one with the
# last but one item (the last one is the run's answer, as for every streaming handler). The session's stream keeps the newest messages when the reader is slower than the
# handler (as the page wants: the newest value), so the count can be below 20,000.
cat >"$TMP/read_stream.py" <<'PYEOF'
import sys, time, urllib.request
url, ready = sys.argv[1], sys.argv[2]
stream = urllib.request.urlopen(url, timeout=60)
open(ready, "w").close()
count = 0
while True:
    line = stream.readline()
    if not line:
        sys.exit("the stream ended before the last item")
    if line.startswith(b"data:") and b'"kind":"partial"' in line:
        count += 1
        if b'"value":"19999"' in line:
            break
print(count, time.time())
PYEOF
say "== (c) a streaming handler's 20,000 items on the session's stream, x $RUNS"
STREAM_LINES=(); UPS=()
for i in $(seq 1 "$RUNS"); do
    # A fresh session each run, with a stream of its own.
    new_session >>"$TMP/pages"
    printf '\n' >>"$TMP/pages"
    BODY=$(sessions_for 3 | tail -n 1)
    S=$(python3 -c 'import json, sys; print(json.loads(sys.argv[1])["session"])' "$BODY")
    rm -f "$TMP/ready.$i"
    timeout 90 python3 "$TMP/read_stream.py" "$BASE/api/stream/$S" "$TMP/ready.$i" >"$TMP/stream.$i" &
    READER_PID=$!
    PIDS+=("$READER_PID")
    for _ in $(seq 1 100); do [ -e "$TMP/ready.$i" ] && break; sleep 0.05; done
    [ -e "$TMP/ready.$i" ] || die "could not open the session's stream"
    T0=$(date +%s.%N)
    curl -fsS --max-time 120 -X POST -H 'Content-Type: application/json' -d "$BODY" \
        "$BASE/api/run" >"$TMP/stream-answer.$i" || die "the streaming run failed"
    wait "$READER_PID" || die "the stream reader failed: $(cat "$TMP/stream.$i")"
    read -r got T1 <"$TMP/stream.$i"
    took=$(awk -v a="$T0" -v b="$T1" 'BEGIN { printf "%.3f", b - a }')
    ups=$(awk -v n="$got" -v t="$took" 'BEGIN { printf "%.0f", n / t }')
    UPS+=("$ups")
    line=$(printf 'run %d: %d of 19999 partial updates reached the reader, the last one %s s after the click: %s updates/s  load %s' \
        "$i" "$got" "$took" "$ups" "$(load)")
    STREAM_LINES+=("$line")
    say "   $line"
done
read -r UPS_MED UPS_BEST < <(printf '%s\n' "${UPS[@]}" | med_best)
stop_server

# --- (b) memory per session -------------------------------------------------------------------
session_memory "$MANY" "$RUNS"

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
app             examples/bench_events: b.on(button.click(), (), out, || "ok").trigger_mode(TriggerMode::Multiple),
                with no limit / .concurrency_limit(1) / .concurrency_limit(1).queue(false); a stream of 20,000 items
client          wrk and the server share this machine's $(nproc) CPUs over loopback
load            load average (1, 5, 15 min) before the start: $LOAD_BEFORE; per run below

(a) POST /api/run, wrk --latency, keep-alive, one connection per session (rotated per request
    within a thread, -t2 or -t1 for one session), ${SECONDS_PER_RUN} s per run after a 2 s warm-up; answer: $SAMPLE
$(printf '    %s\n' "${TABLE[@]}")
    runs:
$(printf '    %s\n' "${RUN_LINES[@]}")
    server RSS after the runs: $EVENTS_RSS KiB
(c) streamed updates: a handler returning a stream of 20,000 items as fast as it can, read on the
    session's stream (which keeps the newest when the reader is slower); from the click to the last item
    updates/s      median $UPS_MED, best $UPS_BEST
$(printf '    %s\n' "${STREAM_LINES[@]}")
(b) memory per session: (VmRSS after $MANY x POST /api/session - VmRSS after start and one session) / $MANY,
    a fresh server each run, RSS read 1 s after the last answer
    KiB/session    median $KIB_MED, best $KIB_BEST
$(printf '    %s\n' "${MEM_LINES[@]}")
EOF
)
mkdir -p "$(dirname "$OUT")"
printf '%s\n' "$FIGURES" | tee "$OUT"
say "(written to ${OUT#"$ROOT"/})"
