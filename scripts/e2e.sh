#!/usr/bin/env bash
# Browser tests: headless Debian Chromium (driven by playwright-core) against the real gallery
# example, Gradio's upload_and_download demo, the upload gallery and the hostile-names page
# (e2e/tests/*.test.mjs, run by node's own test runner, one file at a time). FERRY_E2E_BIN /
# FERRY_E2E_UPLOAD_BIN / FERRY_E2E_UPLOAD_GALLERY_BIN / FERRY_E2E_HOSTILE_NAMES_BIN use other,
# prebuilt binaries.
# Needs /usr/bin/chromium (scripts/test.sh installs it) and Node 20+. Exits non-zero on failure.
# Screenshots go to e2e/test-results/ferry-e2e-*.png (FERRY_E2E_SCREENSHOTS overrides the folder).
set -euo pipefail
cd "$(dirname "$0")/.."

if [ ! -x "${FERRY_E2E_CHROMIUM:-/usr/bin/chromium}" ]; then
  echo "e2e: ${FERRY_E2E_CHROMIUM:-/usr/bin/chromium} is missing (apt-get install chromium, or run scripts/test.sh)" >&2
  exit 1
fi
if [ ! -d e2e/node_modules ]; then
  (cd e2e && npm ci --no-audit --no-fund --loglevel=error)
fi
# The binaries embed assets/ at build time: cargo rebuilds them when the bundle changed.
# They go to $CARGO_TARGET_DIR/release/examples/ when CARGO_TARGET_DIR is set, else to
# target/release/examples/, where e2e/lib/server.mjs looks for them; a relative CARGO_TARGET_DIR
# is made absolute here so that cargo (run here) and node (run in e2e/) mean the same folder.
if [ -n "${CARGO_TARGET_DIR:-}" ] && [[ $CARGO_TARGET_DIR != /* ]]; then
  export CARGO_TARGET_DIR="$PWD/$CARGO_TARGET_DIR"
fi
examples=()
if [ -z "${FERRY_E2E_BIN:-}" ]; then examples+=(--example download_gallery); fi
if [ -z "${FERRY_E2E_UPLOAD_BIN:-}" ]; then examples+=(--example upload_and_download); fi
if [ -z "${FERRY_E2E_UPLOAD_GALLERY_BIN:-}" ]; then examples+=(--example upload_gallery); fi
examples+=(--example custom_component --example mount_in_axum --example events_gallery --example script_hello)
examples+=(--example zip_download --example deferred_download)
examples+=(--example widgets_gallery --example widgets_script --example st_download_csv --example button_icons)
examples+=(--example st_download_file --example st_download_text --example st_download_options --example script_feedback --example script_fragment)
examples+=(--example st_deferred --example big_table --example gradio_values)
if [ -z "${FERRY_E2E_HOSTILE_NAMES_BIN:-}" ]; then examples+=(--example hostile_names); fi
if [ "${#examples[@]}" -gt 0 ]; then
  cargo build --release --quiet "${examples[@]}"
fi

cd e2e
exec node --test --test-concurrency=1 --test-timeout=180000 tests/
