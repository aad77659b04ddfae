#!/usr/bin/env bash
# API benchmark: predictions per second and p50/p99 latency of the official Python gradio_client
# (pinned, as scripts/gradio-client-tests.sh) calling a trivial endpoint (`/trivial`,
# examples/bench_events) with 1 and 16 concurrent clients, each a thread with its own Client
# (benches/api/client.py); and the same endpoint in Gradio (benches/api/gradio_app.py, Gradio's
# default queue), installed with pip into the same virtual environment, skipped with a message
# when pip cannot install it (BENCH_GRADIO=0 skips it too).
#
#   scripts/bench-api.sh            # figures on stdout and in benches/results/api.txt
#
# Figures, not pass/fail; clients and servers share this machine's CPUs over loopback. Env:
# BENCH_SECONDS (10), BENCH_CLIENTS ("1 16"), BENCH_GRADIO (1), CARGO_TARGET_DIR.
set -euo pipefail

cd "$(dirname "$0")/.."
ROOT=$PWD
OUT="${BENCH_OUT:-$ROOT/benches/results/api.txt}"
SECONDS_PER_RUN=${BENCH_SECONDS:-10}
CLIENTS=(${BENCH_CLIENTS:-1 16})
GRADIO_CLIENT_VERSION=2.7.2
TARGET_DIR=${CARGO_TARGET_DIR:-target}
case $TARGET_DIR in /*) ;; *) TARGET_DIR="$ROOT/$TARGET_DIR" ;; esac
BIN="$TARGET_DIR/release/examples/bench_events"
VENV="$TARGET_DIR/gradio-venv"
PY="$VENV/bin/python"
BENCH_NAME=api
# shellcheck source=lib/bench-common.sh
. "$ROOT/scripts/lib/bench-common.sh"

if ! "$PY" -c "import gradio_client, sys; sys.exit(gradio_client.__version__ != '$GRADIO_CLIENT_VERSION')" 2>/dev/null; then
    say "== installing gradio_client==$GRADIO_CLIENT_VERSION into $VENV"
    python3 -m venv "$VENV" || die "python3 -m venv failed (apt-get install python3-venv)"
    "$VENV/bin/pip" install --quiet --disable-pip-version-check "gradio_client==$GRADIO_CLIENT_VERSION" \
        || die "pip could not install gradio_client"
fi
export GRADIO_ANALYTICS_ENABLED=False HF_HUB_DISABLE_TELEMETRY=1 HF_HUB_OFFLINE=1 PYTHONDONTWRITEBYTECODE=1
export NO_PROXY=127.0.0.1,localhost no_proxy=127.0.0.1,localhost

say "== building examples/bench_events (release)"
timeout 1800 cargo build --release --quiet --example bench_events || die "cargo build failed or timed out"

# Runs the load against $1 for each client count; appends lines to LINES.
LINES=()
measure() {
    local name=$1 url=$2 n out
    for n in "${CLIENTS[@]}"; do
        say "== $name: $n client(s), ${SECONDS_PER_RUN}s"
        out=$(timeout $((SECONDS_PER_RUN + 120)) "$PY" "$ROOT/benches/api/client.py" "$url" "$n" "$SECONDS_PER_RUN" 2>&1 | tail -n 1) \
            || die "the $name load failed: $out"
        LINES+=("$(printf '%-8s %3d client(s): %s  load %s' "$name" "$n" "$out" "$(load)")")
        say "   ${LINES[-1]}"
    done
}

LOAD_BEFORE=$(load)
start_server "$TMP/ferry.log"
measure Ferry "$BASE/"
stop_server

GRADIO_NOTE=""
if [ "${BENCH_GRADIO:-1}" = 1 ]; then
    if ! "$PY" -c "import gradio" 2>/dev/null; then
        say "== installing gradio into $VENV (for the comparison)"
        "$VENV/bin/pip" install --quiet --disable-pip-version-check gradio >"$TMP/pip.log" 2>&1 \
            || GRADIO_NOTE="Gradio: skipped, pip could not install it ($(tail -n 1 "$TMP/pip.log"))"
    fi
    if [ -z "$GRADIO_NOTE" ]; then
        PORT=$("$PY" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
        "$PY" "$ROOT/benches/api/gradio_app.py" "$PORT" >"$TMP/gradio.log" 2>&1 &
        GRADIO_PID=$!
        PIDS+=("$GRADIO_PID")
        for _ in $(seq 1 600); do
            curl -fsS --max-time 1 "http://127.0.0.1:$PORT/config" >/dev/null 2>&1 && break
            sleep 0.1
        done
        curl -fsS --max-time 2 "http://127.0.0.1:$PORT/config" >/dev/null || die "Gradio did not start: $(tail -n 5 "$TMP/gradio.log")"
        measure Gradio "http://127.0.0.1:$PORT/"
        GRADIO_NOTE="Gradio: $("$PY" -c 'import gradio; print(gradio.__version__)'), its default queue"
        kill "$GRADIO_PID" 2>/dev/null || true
    fi
else
    GRADIO_NOTE="Gradio: skipped (BENCH_GRADIO=0)"
fi

FIGURES=$(cat <<EOF2
Ferry API benchmark (gradio_client)
===================================
date            $(date -u '+%Y-%m-%d %H:%M:%S UTC')
git             $(git rev-parse --short HEAD 2>/dev/null || echo '?')
machine         $(nproc) CPUs ($(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo))
client          gradio_client $GRADIO_CLIENT_VERSION, one thread and one Client per concurrent client, ${SECONDS_PER_RUN} s after a warm-up call
endpoint        /trivial: a handler returning "ok" (examples/bench_events; benches/api/gradio_app.py)
$GRADIO_NOTE
load            load average before the start: $LOAD_BEFORE

$(printf '%s\n' "${LINES[@]}")
EOF2
)
mkdir -p "$(dirname "$OUT")"
printf '%s\n' "$FIGURES" | tee "$OUT"
say "(written to ${OUT#"$ROOT"/})"
