# Shared by scripts/bench-events.sh and scripts/bench-script.sh: temp folder and cleanup, the
# server's start and stop, sessions, /proc readings, and the median/best and latency helpers.
# Source it after setting BIN (the server binary) and BENCH_NAME; it sets TMP and PIDS.

TMP=$(mktemp -d "${TMPDIR:-/tmp}/ferry-bench-${BENCH_NAME:-run}.XXXXXX")
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


# --- wrk script -------------------------------------------------------------------------------
# The requests: a file with one POST /api/run body per line (one per session). Thread t (0-based,
# numbered in setup) builds those of lines PER*t+1 .. PER*t+PER in init and sends them in turn,
# one per request.
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
        local body = all[tid * per + i]
        reqs[i] = wrk.format("POST", "/api/run", { ["Content-Type"] = "application/json" }, body)
    end
    n = 0
end

function request()
    n = n % #reqs + 1
    return reqs[n]
end
EOF


# Memory per session: (VmRSS after $1 x POST /api/session - VmRSS after start and one session)
# / $1, on a fresh server each of $2 runs; sets KIB_MED, KIB_BEST and MEM_LINES.
session_memory() {
    local many=$1 runs=$2 i rss0 rss1 hwm l kib made T0 T1 line
say "== (b) server RSS after start and after $many sessions (POST /api/session), x $runs"
    # One curl, one keep-alive connection, MANY POSTs from a config file.
    {
        printf 'silent\nshow-error\nrequest = "POST"\nheader = "Content-Type: application/json"\n'
        printf 'data = "{}"\nmax-time = 300\n'
    } >"$TMP/many.conf"
    KIB=(); MEM_LINES=()
    for i in $(seq 1 "$runs"); do
        start_server "$TMP/mem$i.log"
        new_session >/dev/null   # let the server settle: its first request allocates once
        rss0=$(status_kib "$SERVER_PID" VmRSS)
        cp "$TMP/many.conf" "$TMP/many$i.conf"
        for _ in $(seq 1 "$many"); do printf 'url = "%s/api/session"\n' "$BASE"; done >>"$TMP/many$i.conf"
        T0=$(date +%s.%N)
        made=$(timeout 330 curl -K "$TMP/many$i.conf" | grep -o '"session":' | wc -l) || die "creating sessions timed out"
        T1=$(date +%s.%N)
        [ "$made" -ge "$many" ] || die "created $made sessions, not $many"
        sleep 1
        rss1=$(status_kib "$SERVER_PID" VmRSS)
        hwm=$(status_kib "$SERVER_PID" VmHWM)
        l=$(load)
        stop_server
        kib=$(awk -v a="$rss0" -v b="$rss1" -v n="$many" 'BEGIN { printf "%.2f", (b - a) / n }')
        KIB+=("$kib")
        line=$(printf 'run %d: RSS %6d KiB after start, %6d KiB after %d sessions (VmHWM %d KiB): %s KiB/session; %.0f sessions/s  load %s' \
            "$i" "$rss0" "$rss1" "$many" "$hwm" "$kib" "$(awk -v n="$many" -v a="$T0" -v b="$T1" 'BEGIN { print n / (b - a) }')" "$l")
        MEM_LINES+=("$line")
        say "   $line"
    done
    read -r KIB_MED KIB_BEST < <(printf '%s\n' "${KIB[@]}" | med_best low)
}

# Measures POST /api/run with wrk: the bodies in file $2 (one session each, $3 of them: one
# connection each), after a 2 s warm-up, RUNS times for SECONDS_PER_RUN; $1 labels the lines,
# $4 names what a request is ("events", "reruns"). Sets RPS_MED, RPS_BEST, P50_MED, P99_MED and
# appends one line per run to RUN_LINES.
wrk_measure() {
    local label=$1 bodies=$2 n=$3 what=$4 threads=$THREADS i out l rps total p50 p99 errs line
    local RPS=() P50=() P99=()
    [ "$n" -lt "$threads" ] && threads=$n
    say "== (a) $label: wrk -t$threads -c$n -d${SECONDS_PER_RUN}s, $n session(s), x $RUNS"
    timeout 30 wrk -t"$threads" -c"$n" -d2s -s "$TMP/run.lua" "$BASE" -- \
        "$bodies" $((n / threads)) >/dev/null 2>&1 || true
    for i in $(seq 1 "$RUNS"); do
        out=$(timeout $((SECONDS_PER_RUN + 30)) wrk -t"$threads" -c"$n" -d"${SECONDS_PER_RUN}s" \
            --latency -s "$TMP/run.lua" "$BASE" -- "$bodies" $((n / threads)) 2>&1) \
            || die "wrk failed or timed out: $out"
        l=$(load)
        rps=$(awk '/^Requests\/sec:/ { print $2 }' <<<"$out")
        total=$(awk '/requests in/ { print $1 }' <<<"$out")
        p50=$(awk '$1 == "50%" { print $2 }' <<<"$out")
        p99=$(awk '$1 == "99%" { print $2 }' <<<"$out")
        errs=$(awk '/Non-2xx|Socket errors/ { $1 = $1; printf "%s; ", $0 }' <<<"$out")
        [ -n "$rps" ] && [ -n "$p50" ] && [ -n "$p99" ] || die "could not read wrk's output: $out"
        RPS+=("$rps"); P50+=("$(to_ms "$p50")"); P99+=("$(to_ms "$p99")")
        line=$(printf '%-52s %4d sessions  run %d: %9.0f %s/s  p50 %-9s p99 %-9s (%s)  load %s  %s' \
            "$label" "$n" "$i" "$rps" "$what" "$p50" "$p99" "$total" "$l" "$errs")
        RUN_LINES+=("$(sed 's/ *$//' <<<"$line")")
        say "   $line"
    done
    read -r RPS_MED RPS_BEST < <(printf '%s\n' "${RPS[@]}" | med_best)
    read -r P50_MED _ < <(printf '%s\n' "${P50[@]}" | med_best low)
    read -r P99_MED _ < <(printf '%s\n' "${P99[@]}" | med_best low)
}
