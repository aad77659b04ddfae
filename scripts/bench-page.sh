#!/usr/bin/env bash
# Page benchmark: first paint of a download button in headless Chromium, Ferry's page
# (examples/bench_server: one DownloadButton labelled "Download the benchmark file") next to a
# static HTML page with the same button as a plain <a download> served by nginx.
#
#   scripts/bench-page.sh            # figures on stdout and in benches/results/page.txt
#
# Figures, not pass/fail: the script exits 0 whenever it could measure (the aims are marked
# "met"/"MISSED"). Everything runs on 127.0.0.1; every step has a time limit; temp files and the
# servers it starts are removed on exit.
#
# How (e2e/lib/bench-page.mjs): Debian's chromium through playwright-core, a fresh
# browser context (empty cache) for every load. A script injected with page.addInitScript, run in
# the page before its own scripts, checks on every DOM mutation (MutationObserver) and every
# animation frame (requestAnimationFrame) whether an element with the text "Download the benchmark
# file" is visible, and records performance.now() (ms since navigation start) in the next
# animation frame after it first is: the frame that paints it. The page's own clock, not
# Playwright's polling, gives the figure. Requests and bytes: page.on("requestfinished") and
# request.sizes() (headers both ways, request body, encoded response body), counted until the
# button is visible and the network has been quiet for 300 ms.
# BENCH_RUNS rounds of BENCH_LOADS loads of each page, alternating, after one warm-up load each;
# per round the medians and the load average; over the rounds the median and best of the round
# medians, and of the per-round ratios Ferry/static (a round's loads alternate between the pages,
# so its ratio is the least sensitive to the machine's load changing). Needs node (npm ci in e2e/), chromium, nginx. Env: BENCH_RUNS (3), BENCH_LOADS (5),
# CARGO_TARGET_DIR (where the release binary is, default target), FERRY_E2E_CHROMIUM (the browser,
# default chromium on PATH), NGINX (default nginx on PATH).
set -euo pipefail

cd "$(dirname "$0")/.."
ROOT=$PWD
OUT="${BENCH_OUT:-$ROOT/benches/results/page.txt}"
RUNS=${BENCH_RUNS:-3}
LOADS=${BENCH_LOADS:-5}
LABEL="Download the benchmark file"
TARGET_DIR=${CARGO_TARGET_DIR:-target}
case $TARGET_DIR in /*) ;; *) TARGET_DIR="$ROOT/$TARGET_DIR" ;; esac
BIN="$TARGET_DIR/release/examples/bench_server"
NGINX=${NGINX:-$(command -v nginx || true)}
CHROMIUM=${FERRY_E2E_CHROMIUM:-$(command -v chromium || true)}

TMP=$(mktemp -d "${TMPDIR:-/tmp}/ferry-bench-page.XXXXXX")
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
load() { uptime | sed 's/.*load average: //'; }

command -v node >/dev/null || die "node is not installed"
[ -n "$NGINX" ] && [ -x "$NGINX" ] || die "nginx is not installed (apt-get install nginx-light)"
[ -n "$CHROMIUM" ] && [ -x "$CHROMIUM" ] || die "chromium is not installed (apt-get install chromium)"
[ -d e2e/node_modules/playwright-core ] || die "playwright-core is missing: run npm ci in e2e/"

# Waits up to 10 s for a URL to answer 200.
wait_http() {
    local i
    for i in $(seq 1 200); do
        curl -fsS --max-time 1 -o /dev/null "$1" 2>/dev/null && return 0
        sleep 0.05
    done
    die "$1 did not answer within 10 s"
}

# --- build ------------------------------------------------------------------------------------
say "== building examples/bench_server (release)"
timeout 1800 cargo build --release --quiet --example bench_server || die "cargo build failed or timed out"
[ -x "$BIN" ] || die "$BIN is missing after the build (CARGO_TARGET_DIR?)"

# --- (a) Ferry --------------------------------------------------------------------------------
say "== starting the Ferry server"
head -c 1048576 /dev/zero >"$TMP/bench.bin"
FERRY_SERVER_NAME=127.0.0.1 FERRY_SERVER_PORT=0 RUST_LOG=warn "$BIN" "$TMP/bench.bin" >"$TMP/ferry.log" 2>&1 &
PIDS+=($!)
FERRY=""
for i in $(seq 1 200); do
    FERRY=$(sed -n 's/^Running on local URL:  \(http:[^ ]*\).*/\1/p' "$TMP/ferry.log" | head -n1)
    FERRY=${FERRY%/}
    [ -n "$FERRY" ] && break
    kill -0 "${PIDS[-1]}" 2>/dev/null || { cat "$TMP/ferry.log" >&2; die "server exited"; }
    sleep 0.05
done
[ -n "$FERRY" ] || die "server did not print its URL within 10 s"
wait_http "$FERRY/"

# --- (b) static page under nginx --------------------------------------------------------------
say "== starting nginx on a static page"
mkdir -p "$TMP/static" "$TMP/nginx"
cp "$TMP/bench.bin" "$TMP/static/bench.bin"
cat >"$TMP/static/index.html" <<'EOF'
<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Download</title>
<style>
  body { font-family: system-ui, sans-serif; margin: 2rem; }
  a.button { display: inline-block; padding: 0.5rem 1rem; border-radius: 0.5rem;
             background: #f97316; color: #fff; text-decoration: none; }
</style>
</head>
<body>
<a class="button" href="bench.bin" download>Download the benchmark file</a>
</body>
</html>
EOF
# Every directory nginx's workers read must be reachable by their user (nobody when run as root).
chmod 755 "$TMP" "$TMP/static"
chmod 644 "$TMP/static/"*
PORT=$(node -e 'const s = require("net").createServer().listen(0, "127.0.0.1", () => { console.log(s.address().port); s.close(); });')
cat >"$TMP/nginx/nginx.conf" <<EOF
daemon off;
master_process on;
worker_processes 1;
pid $TMP/nginx/nginx.pid;
error_log $TMP/nginx/error.log warn;
events { worker_connections 256; }
http {
    access_log off;
    types { text/html html; }
    default_type application/octet-stream;
    sendfile on;
    keepalive_timeout 30;
    client_body_temp_path $TMP/nginx/body;
    proxy_temp_path $TMP/nginx/proxy;
    fastcgi_temp_path $TMP/nginx/fastcgi;
    uwsgi_temp_path $TMP/nginx/uwsgi;
    scgi_temp_path $TMP/nginx/scgi;
    server {
        listen 127.0.0.1:$PORT;
        root $TMP/static;
        index index.html;
    }
}
EOF
timeout 10 "$NGINX" -e "$TMP/nginx/error.log" -p "$TMP/nginx" -c "$TMP/nginx/nginx.conf" -t >"$TMP/nginx/t.log" 2>&1 \
    || { cat "$TMP/nginx/t.log" >&2; die "nginx rejected its config"; }
"$NGINX" -e "$TMP/nginx/error.log" -p "$TMP/nginx" -c "$TMP/nginx/nginx.conf" >"$TMP/nginx/out.log" 2>&1 &
PIDS+=($!)
STATIC="http://127.0.0.1:$PORT"
wait_http "$STATIC/"

# --- loads ------------------------------------------------------------------------------------
say "== $RUNS rounds of $LOADS loads of each page in Chromium"
LOAD_BEFORE=$(load)
FERRY_E2E_CHROMIUM="$CHROMIUM" timeout $((120 + RUNS * LOADS * 2 * 20)) node e2e/lib/bench-page.mjs \
    --label "$LABEL" --loads "$LOADS" --rounds "$RUNS" "ferry=$FERRY/" "static=$STATIC/" >"$TMP/page.json" \
    || die "the browser benchmark failed or timed out"
LOAD_AFTER=$(load)

# --- figures ----------------------------------------------------------------------------------
REPORT=$(node -e '
const s = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
const med = (xs) => { const v = [...xs].sort((a, b) => a - b), m = v.length >> 1; return v.length % 2 ? v[m] : (v[m - 1] + v[m]) / 2; };
const f = (x) => x.toFixed(1);
const out = [];
for (const r of s.rounds) {
  const F = r.targets.ferry, S = r.targets.static;
  out.push(`    round ${r.round}: ratio ${(F.frame / S.frame).toFixed(2)}  load ${r.load}`);
  for (const [name, T] of [["Ferry ", F], ["static", S]]) {
    out.push(`      ${name}  painted ${f(T.frame)} ms (visible ${f(T.visible)}, fcp ${f(T.fcp)}); HTML in ${f(T.html)}` +
      (T.script ? `, last script in ${f(T.script)}` : "") + (T.fetch ? `, last fetch in ${f(T.fetch)}` : "") +
      ` ms; ${T.requests} requests, ${T.bytes} B`);
  }
}
const pick = (name, key) => s.rounds.map((r) => r.targets[name][key]);
const fm = med(pick("ferry", "frame")), fb = Math.min(...pick("ferry", "frame"));
const sm = med(pick("static", "frame")), sb = Math.min(...pick("static", "frame"));
const fr = med(pick("ferry", "requests")), sr = med(pick("static", "requests"));
const fB = med(pick("ferry", "bytes")), sB = med(pick("static", "bytes"));
const ratios = s.rounds.map((r) => r.targets.ferry.frame / r.targets.static.frame);
const ratio = med(ratios), ratioBest = Math.min(...ratios);
const verdict = (ok) => (ok ? "met" : "MISSED");
const last = s.rounds[s.rounds.length - 1].targets;
console.log([
  `button painted (ms from navigation start; median of ${s.loads} loads per round; over ${s.rounds.length} rounds median, best)`,
  `    Ferry          ${f(fm)} ms, best ${f(fb)} ms`,
  `    static         ${f(sm)} ms, best ${f(sb)} ms`,
  `    ratio          ${ratio.toFixed(2)}, best ${ratioBest.toFixed(2)} (Ferry / static in each round; the loads of a round alternate)   [aim <= 1.5: ${verdict(ratio <= 1.5)}]`,
  `                   ${(fm / sm).toFixed(2)} (median Ferry / median static, over the rounds)`,
  `    difference     ${f(fm - sm)} ms (Ferry - static, medians)`,
  `requests          Ferry ${fr}, static ${sr}   [aim Ferry <= 4: ${verdict(fr <= 4)}]`,
  `bytes             Ferry ${fB} B, static ${sB} B (headers both ways, request bodies, encoded response bodies)`,
  `per round (medians of its ${s.loads} loads; HTML, script, fetch: responseEnd from Resource Timing, ms since navigation start)`,
  ...out,
  `requests of the last load`,
  ...last.ferry.list.map((l) => `    Ferry   ${l}`),
  ...last.static.list.map((l) => `    static  ${l}`),
].join("\n"));
' "$TMP/page.json")

FIGURES=$(cat <<EOF
Ferry page benchmark
====================
date            $(date -u '+%Y-%m-%d %H:%M:%S UTC')
git             $(git rev-parse --short HEAD 2>/dev/null || echo '?')$(git diff --quiet HEAD -- src frontend assets 2>/dev/null || echo ' (src/, frontend/ or assets/ has uncommitted changes)')
machine         $(nproc) CPUs ($(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo)), $(awk '/^MemTotal/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo) RAM
kernel          $(uname -sr)
browser         $("$CHROMIUM" --version 2>/dev/null | head -n1), headless, through playwright-core $(node -p 'require("./e2e/node_modules/playwright-core/package.json").version'); node $(node --version)
servers         Ferry: examples/bench_server (release) on a 1 MiB file; static: $("$NGINX" -v 2>&1 | sed 's/.*: //'),
                one index.html with <a class="button" download>, inline CSS; both on 127.0.0.1
method          fresh context per load; performance.now() in the animation frame after the label is
                first visible (MutationObserver + requestAnimationFrame, injected by addInitScript)
load            load average (1, 5, 15 min) before: $LOAD_BEFORE; after: $LOAD_AFTER; per round below

$REPORT
EOF
)
mkdir -p "$(dirname "$OUT")"
printf '%s\n' "$FIGURES" | tee "$OUT"
say "(written to ${OUT#"$ROOT"/})"
