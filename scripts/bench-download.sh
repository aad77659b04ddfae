#!/usr/bin/env bash
# Download benchmark: one-stream throughput, peak server memory under 8 concurrent 1 GiB
# downloads, Range/resume sanity, and (with wrk) small-request throughput and latency.
#
#   scripts/bench-download.sh            # figures on stdout and in benches/results/download.txt
#
# Figures, not pass/fail: the script exits 0 whenever it could measure (targets are marked
# "met"/"MISSED"). Everything runs on 127.0.0.1; every step has a time limit; temp files and the
# servers it starts are removed on exit. Env: BENCH_SIZE_MIB (default 1024), BENCH_RUNS (3),
# BENCH_OUT (the results file, default benches/results/download.txt), CARGO_TARGET_DIR (where the
# release binary is, default target).
set -euo pipefail

cd "$(dirname "$0")/.."
ROOT=$PWD
OUT="${BENCH_OUT:-$ROOT/benches/results/download.txt}"
SIZE_MIB=${BENCH_SIZE_MIB:-1024}
RUNS=${BENCH_RUNS:-3}
CONCURRENT=8
# Where cargo builds: $CARGO_TARGET_DIR when set (relative to the repository root), else target/.
TARGET_DIR=${CARGO_TARGET_DIR:-target}
[[ $TARGET_DIR == /* ]] || TARGET_DIR="$ROOT/$TARGET_DIR"
BIN="$TARGET_DIR/release/examples/bench_server"

TMP=$(mktemp -d "${TMPDIR:-/tmp}/ferry-bench.XXXXXX")
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
# The load averages (1, 5, 15 min) of uptime, for beside the figures.
loadavg() { uptime | sed 's/.*load average: //'; }

# JSON: python3, or node when python3 is missing.
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
gbps() { awk -v x="$1" 'BEGIN { printf "%.3f", x / 1e9 }'; }

# Starts the bench server on a file; sets SERVER_PID and BASE (http://127.0.0.1:PORT).
start_server() {
    local file=$1 log=$2 i
    FERRY_SERVER_NAME=127.0.0.1 FERRY_SERVER_PORT=0 RUST_LOG=warn "$BIN" "$file" >"$log" 2>&1 &
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
download_url() {
    local url
    url=$(curl -fsS --max-time 10 -X POST -H 'content-type: application/json' -d '{}' "$1/api/session" \
        | json_download_url)
    [ -n "$url" ] || die "no download_button value in /api/session"
    # File values are relative to the page (`file/…`); older servers answered `/file/…`.
    printf '%s/%s\n' "$1" "${url#/}"
}
status_kib() { awk -v k="$2:" '$1 == k { print $2 }' "/proc/$1/status"; }
mib() { awk -v x="$1" 'BEGIN { printf "%.1f", x / 1024 }'; }

# --- build ------------------------------------------------------------------------------------
say "== building examples/bench_server (release)"
cargo build --release --quiet --example bench_server
[ -x "$BIN" ] || die "$BIN does not exist after cargo build"

# --- test files -------------------------------------------------------------------------------
BIG="$TMP/big.bin"
SMALL="$TMP/small.bin"
say "== writing a ${SIZE_MIB} MiB test file (real blocks, from /dev/zero) and warming the page cache"
dd if=/dev/zero of="$BIG" bs=1M count="$SIZE_MIB" conv=fsync status=none
cat "$BIG" >/dev/null
head -c 1024 /dev/urandom >"$SMALL"
BIG_BYTES=$(stat -c %s "$BIG")
BIG_ALLOC=$(( $(stat -c %b "$BIG") * $(stat -c %B "$BIG") ))
SPARSE=no; [ "$BIG_ALLOC" -lt "$BIG_BYTES" ] && SPARSE=yes

# Reference: what curl itself takes from the page cache, without HTTP or sockets.
REF=$(curl -s -o /dev/null --max-time 60 -w '%{speed_download}' "file://$BIG")

# CPU time used by everything on the machine over one second, before the server starts: the
# figures are only comparable between runs on an otherwise idle machine.
cpu_sample() { awk '/^cpu / { print $2 + $3 + $4 + $7 + $8, $9, $2 + $3 + $4 + $5 + $6 + $7 + $8 + $9 }' /proc/stat; }
read -r b0 s0 t0 < <(cpu_sample); sleep 1; read -r b1 s1 t1 < <(cpu_sample)
BUSY_BEFORE=$(awk -v b=$((b1 - b0)) -v t=$((t1 - t0)) 'BEGIN { printf "%.0f", t ? 100 * b / t : 0 }')
read -r RUN_B0 RUN_S0 RUN_T0 < <(cpu_sample)
LOAD_BEFORE=$(loadavg)

# --- server -----------------------------------------------------------------------------------
say "== starting the server"
start_server "$BIG" "$TMP/server.log"
PID=$SERVER_PID
URL=$(download_url "$BASE")
BASELINE_RSS=$(status_kib "$PID" VmRSS)
curl -fsS --max-time 10 -o /dev/null "$URL" -r 0-0
AFTER_SESSION_RSS=$(status_kib "$PID" VmRSS)

# --- (a) one stream ---------------------------------------------------------------------------
say "== (a) one ${SIZE_MIB} MiB download x $RUNS"
curl -fsS -o /dev/null --max-time 120 "$URL"   # warm-up, not counted
SPEEDS=()
for i in $(seq 1 "$RUNS"); do
    read -r code size speed total < <(curl -s -o /dev/null --max-time 120 \
        -w '%{http_code} %{size_download} %{speed_download} %{time_total}\n' "$URL")
    [ "$code" = 200 ] && [ "$size" = "$BIG_BYTES" ] || die "run $i: HTTP $code, $size bytes"
    SPEEDS+=("$speed")
    say "   run $i: $(gbps "$speed") GB/s, ${total} s  load $(loadavg)"
done
read -r BEST MEDIAN < <(printf '%s\n' "${SPEEDS[@]}" | sort -g | awk '
    { v[NR] = $1 } END { m = (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2; print v[NR], m }')
SINGLE_HWM=$(status_kib "$PID" VmHWM)
LOAD_A=$(loadavg)

# --- (b) eight streams at once ----------------------------------------------------------------
say "== (b) $CONCURRENT concurrent ${SIZE_MIB} MiB downloads"
# Reset the peak-RSS counter (Linux >= 4.0) so VmHWM covers this step alone.
HWM_RESET=no
if echo 5 >"/proc/$PID/clear_refs" 2>/dev/null; then HWM_RESET=yes; fi
BEFORE_RSS=$(status_kib "$PID" VmRSS)
CURLS=()
T0=$(date +%s.%N)
for i in $(seq 1 "$CONCURRENT"); do
    curl -s -o /dev/null --max-time 300 -w '%{http_code} %{size_download}\n' "$URL" >"$TMP/c$i.out" &
    CURLS+=($!)
    PIDS+=($!)
done
MAX_RSS=0
while :; do
    running=0
    for c in "${CURLS[@]}"; do kill -0 "$c" 2>/dev/null && running=1; done
    rss=$(status_kib "$PID" VmRSS)
    [ "${rss:-0}" -gt "$MAX_RSS" ] && MAX_RSS=$rss
    [ "$running" = 0 ] && break
    sleep 0.05
done
T1=$(date +%s.%N)
for c in "${CURLS[@]}"; do wait "$c" || true; done
for i in $(seq 1 "$CONCURRENT"); do
    read -r code size <"$TMP/c$i.out"
    [ "$code" = 200 ] && [ "$size" = "$BIG_BYTES" ] || die "concurrent download $i: HTTP $code, $size bytes"
done
CONC_HWM=$(status_kib "$PID" VmHWM)
LOAD_B=$(loadavg)
AFTER_RSS=$(status_kib "$PID" VmRSS)
AGG=$(awk -v n="$CONCURRENT" -v b="$BIG_BYTES" -v t0="$T0" -v t1="$T1" 'BEGIN { printf "%.3f", n * b / (t1 - t0) / 1e9 }')

# --- (c) Range and resume ---------------------------------------------------------------------
say "== (c) Range and resume"
SANITY=()
check() { if [ "$2" = "$3" ]; then SANITY+=("ok    $1"); else SANITY+=("FAIL  $1: got '$2', want '$3'"); fi; }
# A tail range on the big file.
TAIL_FROM=$((BIG_BYTES - 1000))
r=$(curl -s -o "$TMP/tail" -D "$TMP/tail.h" --max-time 10 -r "$TAIL_FROM-" -w '%{http_code} %{size_download}' "$URL")
check "big file, Range: bytes=$TAIL_FROM-  -> 206, 1000 bytes" "$r" "206 1000"
cr=$(tr -d '\r' <"$TMP/tail.h" | awk -F': ' 'tolower($1) == "content-range" { print $2 }')
check "big file, Content-Range" "$cr" "bytes $TAIL_FROM-$((BIG_BYTES - 1))/$BIG_BYTES"
# Resume a big download broken at half way (curl -C - sends Range: bytes=N-).
HALF=$((BIG_BYTES / 2))
curl -s -o "$TMP/resumed" --max-time 60 -r "0-$((HALF - 1))" "$URL"
r=$(curl -s -C - -o "$TMP/resumed" --max-time 60 -w '%{http_code} %{size_download}' "$URL")
check "big file, resumed at $HALF -> 206, $((BIG_BYTES - HALF)) bytes" "$r" "206 $((BIG_BYTES - HALF))"
if cmp -s "$TMP/resumed" "$BIG"; then check "big file, resumed copy equals the original" same same
else check "big file, resumed copy equals the original" differs same; fi
rm -f "$TMP/resumed"
# Content check with random bytes: a second server on the 1 KiB file.
start_server "$SMALL" "$TMP/small.log"
SMALL_PID=$SERVER_PID
SMALL_URL=$(download_url "$BASE")
curl -s -o "$TMP/part" --max-time 10 -r 100-199 "$SMALL_URL"
if cmp -s "$TMP/part" <(tail -c +101 "$SMALL" | head -c 100); then check "1 KiB random file, bytes 100-199 match" same same
else check "1 KiB random file, bytes 100-199 match" differs same; fi
curl -s -o "$TMP/small.resumed" --max-time 10 -r 0-499 "$SMALL_URL"
curl -s -C - -o "$TMP/small.resumed" --max-time 10 "$SMALL_URL"
if cmp -s "$TMP/small.resumed" "$SMALL"; then check "1 KiB random file, resumed at 500 equals the original" same same
else check "1 KiB random file, resumed at 500 equals the original" differs same; fi

# --- (d) small requests -----------------------------------------------------------------------
WRK_LINES=()
if command -v wrk >/dev/null; then
    say "== (d) wrk -t2 -c16 -d5s"
    run_wrk() {
        local name=$1 url=$2 out rps p50 p99 errs
        out=$(timeout 30 wrk -t2 -c16 -d5s --latency "$url" 2>&1 || true)
        rps=$(awk '/^Requests\/sec:/ { print $2 }' <<<"$out")
        p50=$(awk '$1 == "50%" { print $2 }' <<<"$out")
        p99=$(awk '$1 == "99%" { print $2 }' <<<"$out")
        errs=$(awk '/Non-2xx|Socket errors/ { $1 = $1; printf "%s; ", $0 }' <<<"$out")
        WRK_LINES+=("$(printf '%-26s %10s req/s   p50 %-9s p99 %-9s load %s  %s' "$name" "${rps:-?}" "${p50:-?}" "${p99:-?}" "$(loadavg)" "$errs" | sed 's/ *$//')")
    }
    run_wrk "GET 1 KiB file" "$SMALL_URL"
    run_wrk "GET / (HTML shell)" "$BASE/"
else
    WRK_LINES+=("skipped: wrk is not installed (apt-get install wrk)")
fi
kill "$SMALL_PID" 2>/dev/null || true

read -r RUN_B1 RUN_S1 RUN_T1 < <(cpu_sample)
LOAD_AFTER=$(loadavg)
STEAL=$(awk -v s=$((RUN_S1 - RUN_S0)) -v t=$((RUN_T1 - RUN_T0)) 'BEGIN { printf "%.1f", t ? 100 * s / t : 0 }')

# --- figures ----------------------------------------------------------------------------------
BEST_GB=$(gbps "$BEST")
MEDIAN_GB=$(gbps "$MEDIAN")
verdict() { if awk "BEGIN { exit !($1) }"; then echo met; else echo MISSED; fi; }
FIGURES=$(cat <<EOF
Ferry download benchmark
========================
date            $(date -u '+%Y-%m-%d %H:%M:%S UTC')
git             $(git rev-parse --short HEAD 2>/dev/null || echo '?')$(git diff --quiet HEAD -- src 2>/dev/null || echo ' (src/ has uncommitted changes)')
machine         $(nproc) CPUs ($(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo)), $(awk '/^MemTotal/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo) RAM
kernel          $(uname -sr)
toolchain       $(rustc --version), curl $(curl --version | awk 'NR == 1 { print $2 }')
cargo profile   release (examples/bench_server; [profile.release] of Cargo.toml)
test file       $SIZE_MIB MiB written with dd from /dev/zero (sparse: $SPARSE), read once to warm the page cache;
                every figure below is served from the page cache, not from the disk
client          curl and the server share this machine's $(nproc) CPUs over loopback
load            CPU busy in the second before the start: $BUSY_BEFORE% (should be ~0); CPU steal during the run: $STEAL%
                load average (1, 5, 15 min) before the server starts: $LOAD_BEFORE; after (d): $LOAD_AFTER
reference       curl file:// of the same file (no HTTP, no socket): $(gbps "$REF") GB/s

(a) one stream, best of $RUNS runs after a warm-up: $BEST_GB GB/s, median $MEDIAN_GB GB/s
                [target >= 2 GB/s, on the median: $(verdict "$MEDIAN >= 2e9")]   load after (a): $LOAD_A
(b) $CONCURRENT concurrent streams: server peak RSS (VmHWM) $(mib "$CONC_HWM") MiB
                [target < 40 MB: $(verdict "$CONC_HWM * 1024 < 40e6")]
                max VmRSS sampled every 50 ms $(mib "$MAX_RSS") MiB; RSS before $(mib "$BEFORE_RSS") MiB, after $(mib "$AFTER_RSS") MiB
                aggregate $AGG GB/s; VmHWM reset before the step: $HWM_RESET; load after (b): $LOAD_B
    server RSS  after start $(mib "$BASELINE_RSS") MiB, after the first session $(mib "$AFTER_SESSION_RSS") MiB, VmHWM after (a) $(mib "$SINGLE_HWM") MiB
(c) sanity
$(printf '    %s\n' "${SANITY[@]}")
(d) small requests (wrk -t2 -c16 -d5s, keep-alive)
$(printf '    %s\n' "${WRK_LINES[@]}")
EOF
)
mkdir -p "$(dirname "$OUT")"
printf '%s\n' "$FIGURES" | tee "$OUT"
say "(written to ${OUT#"$ROOT"/})"
