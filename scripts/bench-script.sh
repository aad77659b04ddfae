#!/usr/bin/env bash
# Script benchmark (examples/bench_script: 20 widgets): (a) reruns per second and the latency of
# click -> rerun -> the new page answered (POST /api/run of a button's click, with the five text
# fields' values), with 1 and 32 concurrent sessions (one keep-alive connection each); (b) what an
# idle script session costs in server memory (RSS after 10,000 sessions, each having run the
# script once, minus RSS after start, divided by 10,000).
#
#   scripts/bench-script.sh            # figures on stdout and in benches/results/script.txt
#
# Figures, not pass/fail, as scripts/bench-events.sh (whose helpers it shares): every figure
# BENCH_RUNS times, median and best, the load average beside each run; (c) click -> page updated
# timed in headless Chromium for this app and for its Streamlit twin
# (scripts/bench/streamlit_twenty.py, Streamlit installed with pip into a venv under the build
# folder; skipped with a message when that cannot be done); (d) that twin's reruns per second
# with the same session counts as (a), over Streamlit's WebSocket protocol.
# Needs curl, wrk, python3; for (c) /usr/bin/chromium and e2e's npm packages. Env: BENCH_RUNS
# (3), BENCH_SECONDS (10), BENCH_SESSION_COUNTS ("1 32"), BENCH_SESSIONS (10000), BENCH_CLICKS
# (50), CARGO_TARGET_DIR.
set -euo pipefail

cd "$(dirname "$0")/.."
ROOT=$PWD
OUT="${BENCH_OUT:-$ROOT/benches/results/script.txt}"
RUNS=${BENCH_RUNS:-3}
SECONDS_PER_RUN=${BENCH_SECONDS:-10}
MANY=${BENCH_SESSIONS:-10000}
THREADS=2
TARGET_DIR=${CARGO_TARGET_DIR:-target}
case $TARGET_DIR in /*) ;; *) TARGET_DIR="$ROOT/$TARGET_DIR" ;; esac
BIN="$TARGET_DIR/release/examples/bench_script"
BENCH_NAME=script
# shellcheck source=lib/bench-common.sh
. "$ROOT/scripts/lib/bench-common.sh"

say "== building examples/bench_script (release)"
timeout 1800 cargo build --release --quiet --example bench_script || die "cargo build failed or timed out"
[ -x "$BIN" ] || die "$BIN is missing after the build (CARGO_TARGET_DIR?)"

# --- (a) reruns per second --------------------------------------------------------------------
SESSION_COUNTS=(${BENCH_SESSION_COUNTS:-1 32})
LOAD_BEFORE=$(load)
start_server "$TMP/server.log"
MAX_SESSIONS=0
for n in "${SESSION_COUNTS[@]}"; do [ "$n" -gt "$MAX_SESSIONS" ] && MAX_SESSIONS=$n; done
: >"$TMP/bodies"
for i in $(seq 1 "$MAX_SESSIONS"); do
    # The click of "Button 1", with the five fields' values, for a new session.
    new_session | python3 -c '
import json, sys
s = json.load(sys.stdin)
widgets = s["root"]["children"]
button = next(w["id"] for w in widgets if w["props"].get("value") == "Button 1")
fields = [w for w in widgets if w["type"] == "textbox"]
print(json.dumps({"session": s["session"], "dependency": button, "trigger": [button, "click"],
                  "data": ["typed %d" % n for n in range(len(fields))]}))' >>"$TMP/bodies"
done
SAMPLE=$(curl -fsS --max-time 10 -X POST -H 'Content-Type: application/json' \
    -d "$(head -n 1 "$TMP/bodies")" "$BASE/api/run") || die "POST /api/run failed"
case $SAMPLE in *'"page"'*'Line 9'*) ;; *) die "the rerun answered without its page: $SAMPLE" ;; esac
ANSWER_BYTES=${#SAMPLE}
# The same click again, saying which drawing the page shows (`shown`): unchanged nodes come back
# `kept`, without their props.
KEPT_SAMPLE=$(python3 -c '
import json, sys
body = json.loads(sys.argv[1]); answer = json.loads(sys.argv[2])
body["shown"] = answer["page"]["seq"]
print(json.dumps(body))' "$(head -n 1 "$TMP/bodies")" "$SAMPLE" \
    | curl -fsS --max-time 10 -X POST -H 'Content-Type: application/json' -d @- "$BASE/api/run") \
    || die "POST /api/run with shown failed"
KEPT_BYTES=${#KEPT_SAMPLE}
KEPT_NODES=$(grep -o '"kept":true' <<<"$KEPT_SAMPLE" | wc -l)
TABLE=(); RUN_LINES=()
for n in "${SESSION_COUNTS[@]}"; do
    head -n "$n" "$TMP/bodies" >"$TMP/bodies.$n"
    wrk_measure "reruns of a 20-widget script" "$TMP/bodies.$n" "$n" reruns
    TABLE+=("$(printf '%4d sessions: %8.0f reruns/s median (best %.0f), p50 %s ms, p99 %s ms' \
        "$n" "$RPS_MED" "$RPS_BEST" "$P50_MED" "$P99_MED")")
done
stop_server

# --- (b) memory per idle script session -------------------------------------------------------
session_memory "$MANY" "$RUNS"

# --- (c) click -> page updated in Chromium, Ferry and Streamlit ----------------------------------
# The same harness times both in the browser (e2e/bench/script_clicks.mjs): from the click to the
# page showing the new count. Streamlit comes from a venv under the build folder; without it
# (pip cannot reach it, no Chromium) this part says why and the rest stands.
CLICKS=${BENCH_CLICKS:-50}
BROWSER_LINES=()
ST_RERUNS=()
if [ -x /usr/bin/chromium ] && [ -d "$ROOT/e2e/node_modules/playwright-core" ]; then
    start_server "$TMP/server-browser.log"
    FERRY_CLICKS=$(cd "$ROOT/e2e" && timeout 600 node bench/script_clicks.mjs "$BASE/" "$CLICKS") \
        || FERRY_CLICKS="failed"
    stop_server
    BROWSER_LINES+=("Ferry      $FERRY_CLICKS")
    VENV="$TARGET_DIR/streamlit-venv"
    if [ ! -x "$VENV/bin/streamlit" ]; then
        say "== installing streamlit into $VENV"
        { python3 -m venv "$VENV" && timeout 600 "$VENV/bin/pip" install -q streamlit; } >"$TMP/pip.log" 2>&1 \
            || say "(pip could not install streamlit: $(tail -n 1 "$TMP/pip.log"))"
    fi
    if [ -x "$VENV/bin/streamlit" ]; then
        PORT=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
        "$VENV/bin/streamlit" run "$ROOT/scripts/bench/streamlit_twenty.py" --server.address 127.0.0.1 \
            --server.port "$PORT" --server.headless true --browser.gatherUsageStats false \
            >"$TMP/streamlit.log" 2>&1 &
        PIDS+=("$!")
        for _ in $(seq 1 300); do curl -fsS "http://127.0.0.1:$PORT/_stcore/health" >/dev/null 2>&1 && break; sleep 0.1; done
        ST_CLICKS=$(cd "$ROOT/e2e" && timeout 900 node bench/script_clicks.mjs "http://127.0.0.1:$PORT/" "$CLICKS") \
            || ST_CLICKS="failed"
        BROWSER_LINES+=("Streamlit  $ST_CLICKS ($("$VENV/bin/python" -c 'import streamlit; print("streamlit", streamlit.__version__)'))")
        # (d) the same app's reruns per second, over Streamlit's own WebSocket protocol.
        for n in "${SESSION_COUNTS[@]}"; do
            say "== (d) Streamlit reruns, $n session(s), ${SECONDS_PER_RUN} s"
            line=$(timeout $((SECONDS_PER_RUN + 300)) "$VENV/bin/python" "$ROOT/scripts/bench/streamlit_reruns.py" \
                "http://127.0.0.1:$PORT" "$n" "$SECONDS_PER_RUN") || line="$n sessions: failed"
            ST_RERUNS+=("$line  load $(load)")
        done
    else
        BROWSER_LINES+=("Streamlit  not measured: it could not be installed")
    fi
else
    BROWSER_LINES+=("not measured: needs /usr/bin/chromium and e2e/node_modules (npm ci in e2e/)")
fi

FIGURES=$(cat <<EOF2
Ferry script benchmark
======================
date            $(date -u '+%Y-%m-%d %H:%M:%S UTC')
git             $(git rev-parse --short HEAD 2>/dev/null || echo '?')$(git diff --quiet HEAD -- src 2>/dev/null || echo ' (src/ has uncommitted changes)')
machine         $(nproc) CPUs ($(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo)), $(awk '/^MemTotal/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo) RAM
toolchain       $(rustc --version), $(wrk -v 2>&1 | awk 'NR == 1 { print $1, $2 }')
app             examples/bench_script: a title, 5 text fields, 5 buttons, 9 lines of Markdown
client          wrk and the server share this machine's $(nproc) CPUs over loopback
load            load average before the start: $LOAD_BEFORE; per run below

(a) POST /api/run of "Button 1"'s click with the five fields' values; the answer is the whole new
    page ($ANSWER_BYTES bytes; $KEPT_BYTES bytes, $KEPT_NODES nodes sent kept, when the click says the
    drawing the page shows); keep-alive, one connection per session, ${SECONDS_PER_RUN} s per run after a 2 s warm-up
$(printf '    %s\n' "${TABLE[@]}")
$(printf '    %s\n' "${RUN_LINES[@]}")
(b) memory per idle script session (each ran the script once and holds its 20 widgets):
    (VmRSS after $MANY x POST /api/session - VmRSS after start and one session) / $MANY
    KiB/session    median $KIB_MED, best $KIB_BEST
$(printf '    %s\n' "${MEM_LINES[@]}")
(c) click on "Button 1" -> the page shows the new count, timed in headless Chromium inside the
    page ($CLICKS clicks, one after another; milliseconds)
$(printf '    %s\n' "${BROWSER_LINES[@]}")
(d) Streamlit beside (a): the same app (scripts/bench/streamlit_twenty.py), each session clicking
    "Button 1" and waiting for the script to finish, over Streamlit's own WebSocket protocol
    (scripts/bench/streamlit_reruns.py), ${SECONDS_PER_RUN} s per count, one run
$(if [ ${#ST_RERUNS[@]} -gt 0 ]; then printf '    %s\n' "${ST_RERUNS[@]}"; else echo "    not measured: Streamlit could not be installed or started"; fi)
EOF2
)
mkdir -p "$(dirname "$OUT")"
printf '%s\n' "$FIGURES" | tee "$OUT"
say "(written to ${OUT#"$ROOT"/})"
