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
    print(s["session"], d["id"], c)' "$1" "$TMP/pages"
}
SAMPLE=""
TABLE=(); RUN_LINES=()
for m in "${!MODES[@]}"; do
    mode=${MODES[$m]}
    sessions_for "$mode" >"$TMP/sessions.$mode"
    read -r S D C <"$TMP/sessions.$mode"
    answer=$(curl -fsS --max-time 10 -X POST -H 'Content-Type: application/json' \
        -d "{\"session\": \"$S\", \"dependency\": $D, \"trigger\": [$C, \"click\"], \"data\": []}" \
        "$BASE/api/run") || die "POST /api/run failed"
    case $answer in *'"ok"'*) ;; *) die "POST /api/run answered $answer, without \"ok\"" ;; esac
    SAMPLE=$answer
    for n in "${SESSION_COUNTS[@]}"; do
        threads=$THREADS
        [ "$n" -lt "$threads" ] && threads=$n
        head -n "$n" "$TMP/sessions.$mode" >"$TMP/sessions.$mode.$n"
        say "== (a) ${MODE_NAMES[$m]}: wrk -t$threads -c$n -d${SECONDS_PER_RUN}s, $n session(s), x $RUNS"
        timeout 30 wrk -t"$threads" -c"$n" -d2s -s "$TMP/run.lua" "$BASE" -- \
            "$TMP/sessions.$mode.$n" $((n / threads)) >/dev/null 2>&1 || true
        RPS=(); P50=(); P99=()
        for i in $(seq 1 "$RUNS"); do
            out=$(timeout $((SECONDS_PER_RUN + 30)) wrk -t"$threads" -c"$n" -d"${SECONDS_PER_RUN}s" \
                --latency -s "$TMP/run.lua" "$BASE" -- "$TMP/sessions.$mode.$n" $((n / threads)) 2>&1) \
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
            RUN_LINES+=("$(printf '%-52s %4d sessions  %s' "${MODE_NAMES[$m]}" "$n" "$(sed 's/ *$//' <<<"$line")")")
            say "   $line"
        done
        read -r RPS_MED RPS_BEST < <(printf '%s\n' "${RPS[@]}" | med_best)
        read -r P50_MED _ < <(printf '%s\n' "${P50[@]}" | med_best low)
        read -r P99_MED _ < <(printf '%s\n' "${P99[@]}" | med_best low)
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
    read -r S D C < <(sessions_for 3 | tail -n 1)
    rm -f "$TMP/ready.$i"
    timeout 90 python3 "$TMP/read_stream.py" "$BASE/api/stream/$S" "$TMP/ready.$i" >"$TMP/stream.$i" &
    READER_PID=$!
    PIDS+=("$READER_PID")
    for _ in $(seq 1 100); do [ -e "$TMP/ready.$i" ] && break; sleep 0.05; done
    [ -e "$TMP/ready.$i" ] || die "could not open the session's stream"
    T0=$(date +%s.%N)
    curl -fsS --max-time 120 -X POST -H 'Content-Type: application/json' \
        -d "{\"session\": \"$S\", \"dependency\": $D, \"trigger\": [$C, \"click\"], \"data\": []}" \
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
