#!/usr/bin/env bash
# Upload benchmark: one-stream throughput of POST /api/upload/{session}/{component} (curl -F, a
# real file), next to two references (a plain file copy, and a minimal python3 HTTP receiver that
# writes the raw body to a file), with the page cache growing and with it reused; peak server
# memory during one and during 4 concurrent uploads; and what is left on disk (after the run,
# after a cancelled upload, after Ctrl-C).
#
#   scripts/bench-upload.sh            # figures on stdout and in benches/results/upload.txt
#
# Figures, not pass/fail: the script exits 0 whenever it could measure (the checks of (c) are
# marked "ok"/"FAIL"). Everything runs on 127.0.0.1; every step has a time limit; temp files and
# the processes it starts are removed on exit. The server gets TMPDIR=<the script's temp dir>, so
# its ferry-uploads-* folder is created there and is known for sure. Every measured write starts
# after a (machine-wide) sync.
#
# Env: BENCH_SIZE_MIB (default 1024; lowered when the disk is short), BENCH_RUNS (3),
#      BENCH_CONCURRENT (4), BENCH_DATA (zero | urandom: the test file's bytes, default zero),
#      BENCH_TMPDIR (where the temp dir goes, default $TMPDIR or /tmp).
# Disk: the test file, two references per run, and at most CONCURRENT + 1 uploads at once (each
# upload into the button replaces the one before, and the server removes that one; the session's
# upload quota, 8 GiB by default, must hold CONCURRENT + 1 of them): about 12 x BENCH_SIZE_MIB
# with the defaults.
set -euo pipefail

cd "$(dirname "$0")/.."
ROOT=$PWD
OUT="$ROOT/benches/results/upload.txt"
SIZE_MIB=${BENCH_SIZE_MIB:-1024}
RUNS=${BENCH_RUNS:-3}
CONCURRENT=${BENCH_CONCURRENT:-4}
DATA=${BENCH_DATA:-zero}
PARENT=${BENCH_TMPDIR:-${TMPDIR:-/tmp}}
# Where cargo builds: $CARGO_TARGET_DIR when set (relative to the repository root), else target/.
TARGET_DIR=${CARGO_TARGET_DIR:-target}
[[ $TARGET_DIR == /* ]] || TARGET_DIR="$ROOT/$TARGET_DIR"
BIN="$TARGET_DIR/release/examples/upload_and_download"

say() { printf '%s\n' "$*" >&2; }
die() { say "error: $*"; exit 1; }

case "$DATA" in zero | urandom) ;; *) die "BENCH_DATA must be zero or urandom" ;; esac
command -v python3 >/dev/null || die "python3 is needed to read the JSON answers"

TMP=$(mktemp -d "$PARENT/ferry-bench-upload.XXXXXX")
SRV_TMP="$TMP/server-tmp"
mkdir "$SRV_TMP"
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

# Waits for a child (already exited or about to) and forgets its pid, so that cleanup never
# signals a pid the system may have handed to someone else since.
reap() {
    local pid=$1 rc=0 kept=() p
    wait "$pid" 2>/dev/null || rc=$?
    for p in "${PIDS[@]}"; do [ "$p" = "$pid" ] || kept+=("$p"); done
    PIDS=("${kept[@]}")
    return "$rc"
}

gbps() { awk -v x="$1" 'BEGIN { printf "%.3f", x / 1e9 }'; }
status_kib() { awk -v k="$2:" '$1 == k { print $2 }' "/proc/$1/status"; }
mib() { awk -v x="$1" 'BEGIN { printf "%.1f", x / 1024 }'; }
# utime + stime of a process, in clock ticks (the command name has no spaces here).
cpu_ticks() { awk '{ print $14, $15 }' "/proc/$1/stat"; }
TCK=$(getconf CLK_TCK)
# Writes every dirty page to the disk, so that each measured step starts with none pending.
flush() { timeout 120 sync || say "   (sync took more than 120 s)"; }
# best and median of the numbers on stdin
best_median() {
    sort -g | awk '{ v[NR] = $1 } END { m = (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2; print v[NR], m }'
}

# --- build ------------------------------------------------------------------------------------
say "== building examples/upload_and_download (release)"
cargo build --release --quiet --example upload_and_download
[ -x "$BIN" ] || die "$BIN does not exist after cargo build"

# --- disk -------------------------------------------------------------------------------------
# source + two references per run + (a) + (b) one + (b) concurrent + one file at a time for (a');
# the cancelled upload is removed by the server and the 1 MiB files are in the margin.
FACTOR=$((1 + 2 * RUNS + RUNS + 1 + CONCURRENT + 1))
MARGIN_MIB=512
AVAIL_MIB=$(df -Pm "$TMP" | awk 'NR == 2 { print $4 }')
FS_TYPE=$(findmnt -n -o FSTYPE -T "$TMP" 2>/dev/null || stat -f -c %T "$TMP")
SIZE_NOTE=""
if [ $((SIZE_MIB * FACTOR + MARGIN_MIB)) -gt "$AVAIL_MIB" ]; then
    NEW=$(((AVAIL_MIB - MARGIN_MIB) / FACTOR / 64 * 64))
    [ "$NEW" -ge 64 ] || die "only $AVAIL_MIB MiB free in $TMP: not enough for $FACTOR files of 64 MiB"
    SIZE_NOTE=" (reduced from $SIZE_MIB MiB: only $AVAIL_MIB MiB free, $FACTOR files needed)"
    say "== only $AVAIL_MIB MiB free in $TMP: file size reduced from $SIZE_MIB to $NEW MiB"
    SIZE_MIB=$NEW
fi

# --- test files -------------------------------------------------------------------------------
BIG="$TMP/big.bin"
RANDOM_FILE="$TMP/random.bin"
say "== writing a ${SIZE_MIB} MiB test file (real blocks, from /dev/$DATA) and warming the page cache"
dd if="/dev/$DATA" of="$BIG" bs=1M count="$SIZE_MIB" iflag=fullblock conv=fsync status=none
cat "$BIG" >/dev/null
head -c 1048576 /dev/urandom >"$RANDOM_FILE"
BIG_BYTES=$(stat -c %s "$BIG")
BIG_ALLOC=$(($(stat -c %b "$BIG") * $(stat -c %B "$BIG")))
SPARSE=no; [ "$BIG_ALLOC" -lt "$BIG_BYTES" ] && SPARSE=yes

# CPU time used by everything on the machine over one second, before the server starts: the
# figures are only comparable between runs on an otherwise idle machine.
cpu_sample() { awk '/^cpu / { print $2 + $3 + $4 + $7 + $8, $9, $2 + $3 + $4 + $5 + $6 + $7 + $8 + $9 }' /proc/stat; }
read -r b0 s0 t0 < <(cpu_sample); sleep 1; read -r b1 s1 t1 < <(cpu_sample)
BUSY_BEFORE=$(awk -v b=$((b1 - b0)) -v t=$((t1 - t0)) 'BEGIN { printf "%.0f", t ? 100 * b / t : 0 }')
read -r RUN_B0 RUN_S0 RUN_T0 < <(cpu_sample)
# CPU time of the other processes on the machine (not this script's), to tell a quiet run from
# one that shared the CPUs: a snapshot now, compared with one at the end.
others_cpu() {
    python3 - "$$" "$@" <<'PY'
import os, sys
me, before = int(sys.argv[1]), sys.argv[2:]
procs = {}
for d in os.listdir("/proc"):
    try:
        if not d.isdigit() or not open(f"/proc/{d}/cmdline", "rb").read():
            continue  # kernel threads have no command line
        stat = open(f"/proc/{d}/stat").read()
    except OSError:
        continue
    name, f = stat[stat.index("(") + 1:stat.rindex(")")], stat[stat.rindex(")") + 2:].split()
    procs[int(d)] = (int(f[1]), f[19], int(f[11]) + int(f[12]), name)
def ours(p):
    while p in procs:
        if p == me:
            return True
        p = procs[p][0]
    return False
now = {f"{p}/{v[1]}": (v[2], v[3]) for p, v in procs.items() if not ours(p)}
if not before:
    print(" ".join(f"{k}={t}" for k, (t, _) in now.items()))
    sys.exit()
start = dict(kv.split("=") for kv in before)
used = {}
for k, (t, name) in now.items():
    used[name] = used.get(name, 0) + t - int(start.get(k, 0))
hz = os.sysconf("SC_CLK_TCK")
top = sorted(((t, n) for n, t in used.items() if t >= hz / 10), reverse=True)[:3]
print("%.1f s" % (sum(used.values()) / hz) + (" (%s)" % ", ".join("%s %.1f s" % (n, t / hz) for t, n in top) if top else ""))
PY
}
OTHERS_BEFORE=$(others_cpu)
RUN_START=$(date +%s.%N)

# --- minimal receiver (reference) -------------------------------------------------------------
# The floor for an HTTP upload on this machine: one python3 thread that reads the request's raw
# body (multipart framing included, not parsed) with 1 MiB recv_into calls and writes it to a new
# file, then answers {"size": N}. No Ferry, no multipart parser, no async runtime.
SINK_DIR="$TMP/sink"
mkdir "$SINK_DIR"
cat >"$TMP/sink.py" <<'PY'
import os, socket, sys
out = sys.argv[1]
srv = socket.socket()
srv.bind(("127.0.0.1", 0))
srv.listen(8)
print(srv.getsockname()[1], flush=True)
buf = memoryview(bytearray(1 << 20))
n = 0
while True:
    conn, _ = srv.accept()
    conn.settimeout(300)
    head = b""
    while b"\r\n\r\n" not in head:
        data = conn.recv(65536)
        if not data:
            break
        head += data
    head, _, body = head.partition(b"\r\n\r\n")
    fields = dict(l.split(":", 1) for l in head.decode("latin-1").split("\r\n")[1:] if ":" in l)
    fields = {k.strip().lower(): v.strip() for k, v in fields.items()}
    length = int(fields.get("content-length", "0"))
    if fields.get("expect", "").lower() == "100-continue":
        conn.sendall(b"HTTP/1.1 100 Continue\r\n\r\n")
    n += 1
    fd = os.open(os.path.join(out, "sink%d.bin" % n), os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    os.write(fd, body)
    got = len(body)
    while got < length:
        k = conn.recv_into(buf, min(len(buf), length - got))
        if not k:
            break
        os.write(fd, buf[:k])
        got += k
    os.close(fd)
    answer = b'{"size": %d}' % got
    conn.sendall(b"HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: %d\r\n"
                 b"connection: close\r\n\r\n%s" % (len(answer), answer))
    conn.close()
PY
python3 "$TMP/sink.py" "$SINK_DIR" >"$TMP/sink.port" 2>"$TMP/sink.log" &
SINK_PID=$!
PIDS+=("$SINK_PID")
SINK_URL=""
for _ in $(seq 1 100); do
    SINK_URL=$(head -n1 "$TMP/sink.port")
    [ -n "$SINK_URL" ] && break
    sleep 0.05
done
[ -n "$SINK_URL" ] || die "the python3 reference receiver did not start: $(cat "$TMP/sink.log")"
SINK_URL="http://127.0.0.1:$SINK_URL/"

# --- server -----------------------------------------------------------------------------------
say "== starting the server"
LOG="$TMP/server.log"
TMPDIR="$SRV_TMP" FERRY_SERVER_NAME=127.0.0.1 FERRY_SERVER_PORT=0 RUST_LOG=warn "$BIN" >"$LOG" 2>&1 &
PID=$!
PIDS+=("$PID")
BASE=""
for _ in $(seq 1 200); do
    BASE=$(sed -n 's/^Running on local URL:  \(http:[^ ]*\).*/\1/p' "$LOG" | head -n1)
    [ -n "$BASE" ] && break
    kill -0 "$PID" 2>/dev/null || { cat "$LOG" >&2; die "server exited"; }
    sleep 0.05
done
[ -n "$BASE" ] || die "server did not print its URL within 10 s"
BASELINE_RSS=$(status_kib "$PID" VmRSS)

# The session id, and the id of the node whose props.elem_id is "upload".
read -r SID COMP COMP_TYPE < <(curl -fsS --max-time 10 -X POST -H 'content-type: application/json' \
    -d '{}' "$BASE/api/session" | python3 -c '
import json, sys
doc = json.load(sys.stdin)
def walk(n):
    if (n.get("props") or {}).get("elem_id") == "upload":
        return n
    for c in n.get("children") or []:
        f = walk(c)
        if f:
            return f
node = walk(doc["root"]) or {}
print(doc["session"], node.get("id", ""), node.get("type", ""))')
[ -n "${COMP:-}" ] || die "no node with elem_id \"upload\" in /api/session"
UPLOAD_URL="$BASE/api/upload/$SID/$COMP"

# The server's upload folder: the only ferry-uploads-* in the TMPDIR it was given.
shopt -s nullglob
DIRS=("$SRV_TMP"/ferry-uploads-*)
shopt -u nullglob
[ "${#DIRS[@]}" = 1 ] || die "expected one ferry-uploads-* folder in $SRV_TMP, found ${#DIRS[@]}"
UPLOAD_DIR=${DIRS[0]}
SESSION_DIR="$UPLOAD_DIR/$SID"

# upload FILE NAME ANSWER: one POST; prints "http_code size_upload speed_upload time_total".
upload() {
    curl -s -o "$3" --max-time 300 -F "files=@$1;filename=$2" \
        -w '%{http_code} %{size_upload} %{speed_upload} %{time_total}\n' "$UPLOAD_URL"
}
# answer_of ANSWER: "count size file_name url" of {"files": [FileValue]}.
answer_of() {
    python3 -c '
import json, sys
try:
    files = json.load(open(sys.argv[1]))["files"]
    f = files[0]
    print(len(files), f.get("size"), f.get("file_name"), f.get("url"))
except Exception as e:
    print(0, "-", "-", "-")' "$1"
}
# check_upload WHAT CODE ANSWER NAME: dies unless HTTP 200 with one file of BIG_BYTES named NAME.
check_upload() {
    local what=$1 code=$2 n size name url
    read -r n size name url < <(answer_of "$3")
    [ "$code" = 200 ] && [ "$n" = 1 ] && [ "$size" = "$BIG_BYTES" ] && [ "$name" = "$4" ] ||
        die "$what: HTTP $code, answer $(head -c 300 "$3")"
}

# Polls the server's VmRSS every 50 ms while the given curls run; sets MAX_RSS (KiB).
watch_rss() {
    local running c rss
    MAX_RSS=0
    while :; do
        running=0
        for c in "$@"; do kill -0 "$c" 2>/dev/null && running=1; done
        rss=$(status_kib "$PID" VmRSS)
        [ "${rss:-0}" -gt "$MAX_RSS" ] && MAX_RSS=$rss
        [ "$running" = 0 ] && break
        sleep 0.05
    done
}
# Resets the peak-RSS counter (Linux >= 4.0) so that VmHWM covers the next step alone.
hwm_reset() { if echo 5 >"/proc/$PID/clear_refs" 2>/dev/null; then echo yes; else echo no; fi; }

# --- (a) one stream ---------------------------------------------------------------------------
# One series of RUNS uploads, each right after the two references (after sync, into new files):
# curl writes the file to a new file (no HTTP, no socket), and curl -F posts it to the minimal
# receiver. Mode "keep": every reference file stays, so the page cache grows all the time, as on
# a server that keeps its uploads (Ferry's own copy is removed by the server when the next upload
# into the button replaces it, as in an app). Mode "reuse": each file is deleted right after its measurement (the
# upload's folder too, behind the server's back), so that the next write reuses memory the
# kernel has just freed (the first copy reuses the references of the series before): on a VM
# that hands freed memory back to its host this takes the host's page faults out of the figures
# and leaves the software's cost.
# Appends the figures to SERIES_TEXT.
SERIES_TEXT=""
series() {
    local mode=$1 title=$2 i ref sink code speed total u0 k0 u1 k1 before new
    local speeds=() refs=() sinks=() ratios=() lines=() cpu_u=0 cpu_s=0
    local best median ref_best ref_median sink_best sink_median ratio
    if [ "$mode" = reuse ]; then
        # Frees memory for the first run's copy as well: the references of the series before.
        rm -f "$TMP"/ref-*.bin "$SINK_DIR"/sink*.bin
    fi
    for i in $(seq 1 "$RUNS"); do
        flush
        ref=$(curl -s --max-time 300 -T "$BIG" -w '%{speed_upload}' "file://$TMP/ref-$mode$i.bin")
        if [ "$mode" = reuse ]; then rm -f "$TMP/ref-$mode$i.bin"; fi
        flush
        read -r code sink < <(curl -s -o "$TMP/sink.json" --max-time 300 -F "files=@$BIG;filename=big.bin" \
            -w '%{http_code} %{speed_upload}\n' "$SINK_URL")
        [ "$code" = 200 ] || die "reference receiver, $mode run $i: HTTP $code"
        if [ "$mode" = reuse ]; then rm -f "$SINK_DIR"/sink*.bin; fi
        flush
        before=$(find "$SESSION_DIR" -type f -name big.bin | sort)
        read -r u0 k0 < <(cpu_ticks "$PID")
        read -r code _ speed total < <(upload "$BIG" big.bin "$TMP/a.json")
        read -r u1 k1 < <(cpu_ticks "$PID")
        check_upload "$mode run $i" "$code" "$TMP/a.json" big.bin
        if [ "$mode" = reuse ]; then
            new=$(comm -13 <(printf '%s\n' "$before") <(find "$SESSION_DIR" -type f -name big.bin | sort))
            [ -n "$new" ] || die "reuse run $i: the upload is not in $SESSION_DIR"
            rm -rf "$(dirname "$new")"
        fi
        cpu_u=$((cpu_u + u1 - u0)); cpu_s=$((cpu_s + k1 - k0))
        speeds+=("$speed"); refs+=("$ref"); sinks+=("$sink")
        ratios+=("$(awk -v a="$speed" -v b="$sink" 'BEGIN { printf "%.2f", b ? a / b : 0 }')")
        lines+=("$(printf 'run %d: Ferry %s GB/s (%s s; server CPU %.2f s user + %.2f s system); receiver %s, copy %s GB/s' \
            "$i" "$(gbps "$speed")" "$total" \
            "$(awk -v t=$((u1 - u0)) -v h="$TCK" 'BEGIN { print t / h }')" \
            "$(awk -v t=$((k1 - k0)) -v h="$TCK" 'BEGIN { print t / h }')" "$(gbps "$sink")" "$(gbps "$ref")")")
        say "   $mode ${lines[-1]}"
    done
    read -r best median < <(printf '%s\n' "${speeds[@]}" | best_median)
    read -r ref_best ref_median < <(printf '%s\n' "${refs[@]}" | best_median)
    read -r sink_best sink_median < <(printf '%s\n' "${sinks[@]}" | best_median)
    read -r _ ratio < <(printf '%s\n' "${ratios[@]}" | best_median)
    SERIES_TEXT+="$title
                Ferry              best $(gbps "$best") GB/s, median $(gbps "$median") GB/s; server CPU per GiB $(awk -v u="$cpu_u" -v s="$cpu_s" -v h="$TCK" -v n="$RUNS" -v b="$BIG_BYTES" \
        'BEGIN { g = n * b / 1073741824; printf "%.2f s user + %.2f s system", u / h / g, s / h / g }')
                minimal receiver   best $(gbps "$sink_best") GB/s, median $(gbps "$sink_median") GB/s
                copy               best $(gbps "$ref_best") GB/s, median $(gbps "$ref_median") GB/s
                Ferry / minimal receiver, median of the per-run ratios: $ratio
$(printf '                %s\n' "${lines[@]}")
"
}

say "== (a) one ${SIZE_MIB} MiB upload x $RUNS, twice (files kept; files deleted), each after two references"
read -r code _ < <(upload "$RANDOM_FILE" warmup.bin "$TMP/warmup.json")   # warm-up, not counted
[ "$code" = 200 ] || die "warm-up upload: HTTP $code, answer $(head -c 300 "$TMP/warmup.json")"
AFTER_SESSION_RSS=$(status_kib "$PID" VmRSS)
series keep "(a) one stream, $RUNS runs, page cache growing (reference files kept; each upload replaces the one before):"
series reuse "(a') one stream, $RUNS runs, page cache reused (each file deleted after its run; see the vm line):"
kill "$SINK_PID" 2>/dev/null || true
reap "$SINK_PID" || true

# --- (b) peak memory --------------------------------------------------------------------------
say "== (b) server memory during one ${SIZE_MIB} MiB upload"
flush
HWM_RESET=$(hwm_reset)
ONE_BEFORE=$(status_kib "$PID" VmRSS)
upload "$BIG" big.bin "$TMP/b1.json" >"$TMP/b1.out" &
C=$!
PIDS+=("$C")
watch_rss "$C"
reap "$C" || true
read -r code _ speed total <"$TMP/b1.out"
check_upload "(b) single upload" "$code" "$TMP/b1.json" big.bin
ONE_HWM=$(status_kib "$PID" VmHWM)
ONE_MAX=$MAX_RSS
ONE_SPEED=$speed

say "== (b) server memory during $CONCURRENT concurrent ${SIZE_MIB} MiB uploads"
flush
hwm_reset >/dev/null
CONC_BEFORE=$(status_kib "$PID" VmRSS)
CURLS=()
T0=$(date +%s.%N)
for i in $(seq 1 "$CONCURRENT"); do
    upload "$BIG" big.bin "$TMP/c$i.json" >"$TMP/c$i.out" &
    CURLS+=($!)
    PIDS+=($!)
done
watch_rss "${CURLS[@]}"
T1=$(date +%s.%N)
for c in "${CURLS[@]}"; do reap "$c" || true; done
for i in $(seq 1 "$CONCURRENT"); do
    read -r code _ <"$TMP/c$i.out"
    check_upload "concurrent upload $i" "$code" "$TMP/c$i.json" big.bin
done
CONC_HWM=$(status_kib "$PID" VmHWM)
CONC_MAX=$MAX_RSS
CONC_AFTER=$(status_kib "$PID" VmRSS)
AGG=$(awk -v n="$CONCURRENT" -v b="$BIG_BYTES" -v t0="$T0" -v t1="$T1" 'BEGIN { printf "%.3f", n * b / (t1 - t0) / 1e9 }')

# --- (c) files on disk ------------------------------------------------------------------------
say "== (c) files on disk, a cancelled upload, Ctrl-C"
SANITY=()
check() { if [ "$2" = "$3" ]; then SANITY+=("ok    $1"); else SANITY+=("FAIL  $1: got '$2', want '$3'"); fi; }
mode_of() { stat -c %a "$1"; }

check "upload folder ${UPLOAD_DIR#"$TMP"/} is private (0700, ours)" \
    "$(mode_of "$UPLOAD_DIR") $(stat -c %u "$UPLOAD_DIR")" "700 $(id -u)"

# The last of the concurrent uploads replaced the others: one stored copy, equal to the original.
n_big=$(find "$SESSION_DIR" -type f -name big.bin -size "${BIG_BYTES}c" | wc -l)
check "${SIZE_MIB} MiB file: each upload replaced the one before, one stored copy left" "$n_big" 1
stored=$(find "$SESSION_DIR" -type f -name big.bin | head -n1)
if [ -n "$stored" ] && cmp -s "$stored" "$BIG"; then r=same; else r=differs; fi
check "${SIZE_MIB} MiB file: its stored copy equals the original" "$r" same

# Random bytes, round trip: stored copy and download equal the original.
read -r code _ < <(upload "$RANDOM_FILE" random.bin "$TMP/r.json")
read -r n size name url < <(answer_of "$TMP/r.json")
check "1 MiB random file: HTTP 200, one file of 1048576 bytes" "$code $n $size" "200 1 1048576"
stored=$(find "$SESSION_DIR" -type f -name random.bin | head -n1)
if [ -n "$stored" ] && cmp -s "$stored" "$RANDOM_FILE"; then r=same; else r=differs; fi
check "1 MiB random file: stored copy equals the original" "$r" same
curl -s --max-time 30 -o "$TMP/r.back" "$BASE/${url#/}" || true
if cmp -s "$TMP/r.back" "$RANDOM_FILE"; then r=same; else r=differs; fi
check "1 MiB random file: downloaded from its FileValue url equals the original" "$r" same

# A client that goes away half way: its partial file must go.
curl -s -o /dev/null --max-time 60 --limit-rate 20M -F "files=@$BIG;filename=cancel.bin" "$UPLOAD_URL" &
C=$!
PIDS+=("$C")
partial=""
for _ in $(seq 1 100); do
    partial=$(find "$SESSION_DIR" -type f -name cancel.bin -size +0 2>/dev/null | head -n1)
    [ -n "$partial" ] && break
    sleep 0.05
done
sleep 0.5
kill "$C" 2>/dev/null || true
reap "$C" || true
T_CANCEL=$(date +%s.%N)
left=yes
for _ in $(seq 1 100); do
    [ -z "$(find "$SESSION_DIR" -name cancel.bin 2>/dev/null)" ] && { left=no; break; }
    sleep 0.05
done
GONE_AFTER=$(awk -v a="$T_CANCEL" -v b="$(date +%s.%N)" 'BEGIN { printf "%.2f", b - a }')
check "cancelled upload: a partial file was being written" "$([ -n "$partial" ] && echo yes || echo no)" yes
check "cancelled upload: partial file removed within 5 s of the client leaving (${GONE_AFTER} s)" "$left" no

# What the button holds now is there, private, and nothing else: random.bin replaced big.bin.
n_all=$(find "$SESSION_DIR" -type f | wc -l)
n_random=$(find "$SESSION_DIR" -type f -name random.bin | wc -l)
bad_modes=$(find "$SESSION_DIR" \( -type f ! -perm 600 \) -o \( -type d ! -perm 700 \) | wc -l)
STORED_BYTES=$(find "$SESSION_DIR" -type f -printf '%s\n' | awk '{ s += $1 } END { print s + 0 }')
check "session folder holds only the button's current upload (random.bin)" "$n_all $n_random" "1 1"
check "session folder: files 0600, folders 0700" "$bad_modes" 0
FINAL_RSS=$(status_kib "$PID" VmRSS)

# Ctrl-C: the server stops and removes its upload folder.
kill -INT "$PID"
T_INT=$(date +%s.%N)
for _ in $(seq 1 900); do
    kill -0 "$PID" 2>/dev/null || break
    sleep 0.05
done
if kill -0 "$PID" 2>/dev/null; then
    STOPPED=no
    kill "$PID" 2>/dev/null || true
fi
rc=0; reap "$PID" || rc=$?
STOP_TIME=$(awk -v a="$T_INT" -v b="$(date +%s.%N)" 'BEGIN { printf "%.2f", b - a }')
check "SIGINT: server exits within 45 s with status 0 (${STOP_TIME} s)" "${STOPPED:-yes} $rc" "yes 0"
check "SIGINT: server printed \"Stopped.\"" "$(grep -c '^Stopped\.$' "$LOG" || true)" 1
check "SIGINT: its upload folder is gone" "$([ -e "$UPLOAD_DIR" ] && echo present || echo gone)" gone
shopt -s nullglob
LEFT=("$SRV_TMP"/ferry-uploads-*)
shopt -u nullglob
check "SIGINT: no ferry-uploads-* left in its TMPDIR" "${#LEFT[@]}" 0
WARNINGS=$(grep -c -i -E 'warn|error' "$LOG" || true)

read -r RUN_B1 RUN_S1 RUN_T1 < <(cpu_sample)
# shellcheck disable=SC2086 # one argument per process
OTHERS=$(others_cpu $OTHERS_BEFORE)
RUN_WALL=$(awk -v a="$RUN_START" -v b="$(date +%s.%N)" 'BEGIN { printf "%.0f", b - a }')
read -r b0 s0 t0 < <(cpu_sample); sleep 1; read -r b1 s1 t1 < <(cpu_sample)
BUSY_AFTER=$(awk -v b=$((b1 - b0)) -v t=$((t1 - t0)) 'BEGIN { printf "%.0f", t ? 100 * b / t : 0 }')
STEAL=$(awk -v s=$((RUN_S1 - RUN_S0)) -v t=$((RUN_T1 - RUN_T0)) 'BEGIN { printf "%.1f", t ? 100 * s / t : 0 }')

# --- figures ----------------------------------------------------------------------------------
VM_NOTE="no virtio balloon"
if [ -d /sys/bus/virtio/drivers/virtio_balloon ] && ls /sys/bus/virtio/drivers/virtio_balloon | grep -q '^virtio'; then
    VM_NOTE="virtio balloon present"
    [ -d /sys/module/page_reporting ] && VM_NOTE="$VM_NOTE, free page reporting on (memory freed to the host is faulted back in when the page cache grows)"
fi
FIGURES=$(cat <<EOF
Ferry upload benchmark
======================
date            $(date -u '+%Y-%m-%d %H:%M:%S UTC')
git             $(git rev-parse --short HEAD 2>/dev/null || echo '?')$(git diff --quiet HEAD -- src 2>/dev/null || echo ' (src/ has uncommitted changes)')
machine         $(nproc) CPUs ($(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo)), $(awk '/^MemTotal/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo) RAM
vm              $VM_NOTE
kernel          $(uname -sr); vm.dirty_background_ratio $(cat /proc/sys/vm/dirty_background_ratio)%, vm.dirty_ratio $(cat /proc/sys/vm/dirty_ratio)%
toolchain       $(rustc --version), curl $(curl --version | awk 'NR == 1 { print $2 }')
cargo profile   release (examples/upload_and_download; [profile.release] of Cargo.toml)
disk            $FS_TYPE under $PARENT, $AVAIL_MIB MiB free at the start; the server's TMPDIR is the script's temp dir
test file       $SIZE_MIB MiB$SIZE_NOTE written with dd from /dev/$DATA (sparse: $SPARSE), read once to warm the page cache;
                every upload and reference writes a new file and starts after sync (no dirty pages);
                the figures are bounded by how fast this machine takes new data into its page cache
client          curl -F (multipart) and the server share this machine's $(nproc) CPUs over loopback
load            CPU busy in the second before the start: $BUSY_BEFORE%, in the second after the end: $BUSY_AFTER%
                (both should be ~0: other work on the machine skews every figure); CPU steal during the run: $STEAL%
                CPU used by other processes during the ${RUN_WALL} s run (short-lived ones not counted): $OTHERS

${SERIES_TEXT}(b) server peak RSS (VmHWM, reset before each step: $HWM_RESET)
                one upload:          $(mib "$ONE_HWM") MiB (max VmRSS sampled every 50 ms $(mib "$ONE_MAX") MiB; before $(mib "$ONE_BEFORE") MiB); $(gbps "$ONE_SPEED") GB/s
                $CONCURRENT concurrent uploads: $(mib "$CONC_HWM") MiB (max VmRSS sampled every 50 ms $(mib "$CONC_MAX") MiB; before $(mib "$CONC_BEFORE") MiB, after $(mib "$CONC_AFTER") MiB); aggregate $AGG GB/s
    server RSS  after start $(mib "$BASELINE_RSS") MiB, after the session and a 1 MiB warm-up upload $(mib "$AFTER_SESSION_RSS") MiB, before Ctrl-C $(mib "$FINAL_RSS") MiB
(c) files on disk: the session folder held $(awk -v b="$STORED_BYTES" 'BEGIN { printf "%.2f GiB", b / 1073741824 }') in $n_all files before Ctrl-C
$(printf '    %s\n' "${SANITY[@]}")
    server log: $WARNINGS warning/error lines
EOF
)
mkdir -p "$(dirname "$OUT")"
printf '%s\n' "$FIGURES" | tee "$OUT"
say "(written to ${OUT#"$ROOT"/})"
