#!/usr/bin/env bash
# Streams, spools and zips benchmark: (a) time to first byte and throughput of a 1 GiB stream
# sent as it is produced (`stream_directly`), (b) a 1 GiB reader spooled to disk when the session
# starts, then downloaded, (c) a 1 GiB zip of 100 files, stored; the server's peak RSS for each
# (one fresh server per step, so VmHWM is that step's alone).
#
#   scripts/bench-deferred.sh            # figures on stdout and in benches/results/deferred.txt
#
# Figures, not pass/fail: the script exits 0 whenever it could measure (aims are marked
# "met"/"MISSED"). Everything runs on 127.0.0.1; every step has a time limit; temp files and the
# servers it starts are removed on exit. Env: BENCH_SIZE_MIB (default 1024; the zip's 100 files
# share it), BENCH_RUNS (3), BENCH_OUT (the results file, default benches/results/deferred.txt),
# CARGO_TARGET_DIR (where the release binary is, default target).
set -euo pipefail

cd "$(dirname "$0")/.."
ROOT=$PWD
OUT="${BENCH_OUT:-$ROOT/benches/results/deferred.txt}"
SIZE_MIB=${BENCH_SIZE_MIB:-1024}
RUNS=${BENCH_RUNS:-3}
ZIP_FILES=100
TARGET_DIR=${CARGO_TARGET_DIR:-target}
[[ $TARGET_DIR == /* ]] || TARGET_DIR="$ROOT/$TARGET_DIR"
BIN="$TARGET_DIR/release/examples/bench_streams"

TMP=$(mktemp -d "${TMPDIR:-/tmp}/ferry-bench-deferred.XXXXXX")
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
loadavg() { uptime | sed 's/.*load average: //'; }
gbps() { awk -v x="$1" 'BEGIN { printf "%.3f", x / 1e9 }'; }
ms() { awk -v x="$1" 'BEGIN { printf "%.1f", x * 1000 }'; }
mib() { awk -v x="$1" 'BEGIN { printf "%.1f", x / 1024 }'; }
status_kib() { awk -v k="$2:" '$1 == k { print $2 }' "/proc/$1/status"; }
verdict() { if awk "BEGIN { exit !($1) }"; then echo met; else echo MISSED; fi; }

# The first download button's file URL in an /api/session answer (python3, or node).
json_download_url() {
    if command -v python3 >/dev/null; then
        python3 -c '
import json, sys
def walk(n):
    if n.get("type") == "download_button" and (n.get("props") or {}).get("value"):
        return n["props"]["value"]["url"]
    for c in n.get("children") or []:
        u = walk(c)
        if u:
            return u
print(walk(json.load(sys.stdin)["root"]) or "")'
    else
        node -e '
let s = ""; process.stdin.on("data", d => s += d).on("end", () => {
  const walk = n => { if (n.type === "download_button" && n.props && n.props.value) return n.props.value.url;
    for (const c of n.children || []) { const u = walk(c); if (u) return u; } return ""; };
  console.log(walk(JSON.parse(s).root)); });'
    fi
}

# Starts the bench server in MODE (and FOLDER); sets SERVER_PID and BASE.
start_server() {
    local log=$TMP/server-$1.log i
    FERRY_SERVER_NAME=127.0.0.1 FERRY_SERVER_PORT=0 RUST_LOG=warn FERRY_BENCH_SIZE_MIB=$SIZE_MIB \
        "$BIN" "$@" >"$log" 2>&1 &
    SERVER_PID=$!
    PIDS+=("$SERVER_PID")
    BASE=""
    for i in $(seq 1 200); do
        BASE=$(sed -n 's/^Running on local URL:  \(http:[^ ]*\).*/\1/p' "$log" | head -n1)
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
# Starts a session; prints the seconds it took and the file URL.
session_url() {
    local answer took url
    answer=$(curl -fsS --max-time 600 -X POST -H 'content-type: application/json' -d '{}' \
        -w '\n%{time_total}' "$BASE/api/session")
    took=$(tail -n1 <<<"$answer")
    url=$(sed '$d' <<<"$answer" | json_download_url)
    [ -n "$url" ] || die "no download_button value in /api/session"
    printf '%s %s/%s\n' "$took" "$BASE" "${url#/}"
}
median() { sort -g | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

# --- build ------------------------------------------------------------------------------------
say "== building examples/bench_streams (release)"
cargo build --release --quiet --example bench_streams
[ -x "$BIN" ] || die "$BIN does not exist after cargo build"
BYTES=$((SIZE_MIB * 1024 * 1024))
LOAD_BEFORE=$(loadavg)

# --- (a) direct stream ------------------------------------------------------------------------
say "== (a) a ${SIZE_MIB} MiB stream sent as produced x $RUNS"
start_server direct
TTFBS=(); SPEEDS=()
for i in $(seq 1 "$RUNS"); do
    read -r _ url < <(session_url)
    read -r code size ttfb speed < <(curl -s -o /dev/null --max-time 300 \
        -w '%{http_code} %{size_download} %{time_starttransfer} %{speed_download}\n' "$url")
    [ "$code" = 200 ] && [ "$size" = "$BYTES" ] || die "direct run $i: HTTP $code, $size bytes"
    TTFBS+=("$ttfb"); SPEEDS+=("$speed")
    say "   run $i: first byte $(ms "$ttfb") ms, $(gbps "$speed") GB/s"
done
DIRECT_TTFB=$(printf '%s\n' "${TTFBS[@]}" | median)
DIRECT_SPEED=$(printf '%s\n' "${SPEEDS[@]}" | median)
DIRECT_HWM=$(status_kib "$SERVER_PID" VmHWM)
stop_server

# --- (b) spooled reader -----------------------------------------------------------------------
say "== (b) a ${SIZE_MIB} MiB reader, spooled when the session starts, then downloaded x $RUNS"
start_server spooled
SPOOLS=(); SPOOLED=()
for i in $(seq 1 "$RUNS"); do
    read -r took url < <(session_url)
    read -r code size speed < <(curl -s -o /dev/null --max-time 300 \
        -w '%{http_code} %{size_download} %{speed_download}\n' "$url")
    [ "$code" = 200 ] && [ "$size" = "$BYTES" ] || die "spooled run $i: HTTP $code, $size bytes"
    spool=$(awk -v b="$BYTES" -v t="$took" 'BEGIN { printf "%.0f", (t > 0) ? b / t : 0 }')
    SPOOLS+=("$spool"); SPOOLED+=("$speed")
    say "   run $i: spooled at $(gbps "$spool") GB/s (session ${took} s), served at $(gbps "$speed") GB/s"
done
SPOOL_SPEED=$(printf '%s\n' "${SPOOLS[@]}" | median)
SPOOLED_SPEED=$(printf '%s\n' "${SPOOLED[@]}" | median)
SPOOL_HWM=$(status_kib "$SERVER_PID" VmHWM)
stop_server

# --- (c) zip of 100 files, stored -------------------------------------------------------------
say "== (c) a zip of $ZIP_FILES files, ${SIZE_MIB} MiB in all, stored x $RUNS"
mkdir "$TMP/files"
PER_FILE=$((BYTES / ZIP_FILES))
head -c "$PER_FILE" /dev/urandom >"$TMP/files/f000.bin"
for i in $(seq 1 $((ZIP_FILES - 1))); do
    cp "$TMP/files/f000.bin" "$TMP/files/f$(printf '%03d' "$i").bin"
done
cat "$TMP/files"/* >/dev/null # warm the page cache
start_server zip "$TMP/files"
read -r _ url < <(session_url)
ZIP_SPEEDS=()
for i in $(seq 1 "$RUNS"); do
    # To /dev/null, as the other steps: writing 1 GiB to this disk would time the disk.
    read -r code size speed < <(curl -s -o /dev/null --max-time 300 \
        -w '%{http_code} %{size_download} %{speed_download}\n' "$url")
    [ "$code" = 200 ] || die "zip run $i: HTTP $code"
    ZIP_SPEEDS+=("$speed")
    say "   run $i: $(gbps "$speed") GB/s ($size bytes)"
done
# One more download, saved and tested (not timed).
ZIP_OK="not checked (no unzip)"
if command -v unzip >/dev/null; then
    code=$(curl -s -o "$TMP/bench.zip" --max-time 600 -w '%{http_code}' "$url")
    if [ "$code" = 200 ] && unzip -tq "$TMP/bench.zip" >/dev/null; then
        ZIP_OK="unzip -t of a saved copy: ok"
    else
        ZIP_OK="unzip -t of a saved copy: FAILED (HTTP $code)"
    fi
fi
rm -f "$TMP/bench.zip"
ZIP_SPEED=$(printf '%s\n' "${ZIP_SPEEDS[@]}" | median)
ZIP_HWM=$(status_kib "$SERVER_PID" VmHWM)
stop_server
LOAD_AFTER=$(loadavg)

# --- figures ----------------------------------------------------------------------------------
FIGURES=$(cat <<EOF
Ferry streams, spools and zips benchmark
========================================
date            $(date -u '+%Y-%m-%d %H:%M:%S UTC')
git             $(git rev-parse --short HEAD 2>/dev/null || echo '?')$(git diff --quiet HEAD -- src 2>/dev/null || echo ' (src/ has uncommitted changes)')
machine         $(nproc) CPUs ($(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo)), $(awk '/^MemTotal/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo) RAM
kernel          $(uname -sr)
toolchain       $(rustc --version), curl $(curl --version | awk 'NR == 1 { print $2 }')
cargo profile   release (examples/bench_streams)
size            $SIZE_MIB MiB per step; medians of $RUNS runs; curl and the server share the CPUs over loopback
load            load average before: $LOAD_BEFORE; after: $LOAD_AFTER

(a) direct stream   first byte $(ms "$DIRECT_TTFB") ms after the request [aim <= 50 ms: $(verdict "$DIRECT_TTFB <= 0.05")]
                    $(gbps "$DIRECT_SPEED") GB/s; server peak RSS $(mib "$DIRECT_HWM") MiB [aim < 40 MiB: $(verdict "$DIRECT_HWM < 40 * 1024")]
(b) spooled reader  spooled at $(gbps "$SPOOL_SPEED") GB/s (the session's start), served at $(gbps "$SPOOLED_SPEED") GB/s
                    server peak RSS $(mib "$SPOOL_HWM") MiB [aim < 40 MiB: $(verdict "$SPOOL_HWM < 40 * 1024")]
(c) zip, stored     $ZIP_FILES files of $PER_FILE bytes: $(gbps "$ZIP_SPEED") GB/s [aim >= 1 GB/s: $(verdict "$ZIP_SPEED >= 1e9")]; $ZIP_OK
                    server peak RSS $(mib "$ZIP_HWM") MiB [aim < 40 MiB: $(verdict "$ZIP_HWM < 40 * 1024")]
EOF
)
mkdir -p "$(dirname "$OUT")"
printf '%s\n' "$FIGURES" | tee "$OUT"
say "(written to ${OUT#"$ROOT"/})"
