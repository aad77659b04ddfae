#!/usr/bin/env bash
# The one test command (README, .ci/run): installs what is missing on a fresh machine, then runs
# the format and lint checks, the docs, the front-end checks, every Rust test, the Gradio client
# compatibility tests and the browser tests.
set -euo pipefail
cd "$(dirname "$0")/.."

step() { printf '\n==> %s\n' "$*"; }
as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

if [ ! -x /usr/bin/chromium ]; then
  step "Installing Debian's chromium for the browser tests"
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
fi
for dir in frontend e2e; do
  if [ ! -d "$dir/node_modules" ]; then
    step "npm ci in $dir"
    (cd "$dir" && npm ci --no-audit --no-fund --loglevel=error)
  fi
done

step "cargo fmt --check"
cargo fmt --all --check
step "cargo clippy -D warnings"
cargo clippy --all-targets --quiet -- -D warnings
step "cargo doc -D warnings"
RUSTDOCFLAGS="-D warnings" cargo doc --no-deps --quiet

step "front end: type check, and the committed bundle matches a fresh build"
(cd frontend && npm run --silent check && npm run --silent check-assets)

step "cargo test"
cargo test --quiet

step "Gradio API: the official gradio_client against the examples"
scripts/gradio-client-tests.sh

step "browser tests (headless Chromium)"
scripts/e2e.sh
