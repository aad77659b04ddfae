#!/usr/bin/env bash
# The Gradio API compatibility tests: the official Python gradio_client (pinned) against the
# upload_and_download, download_gallery, events_gallery and gradio_values examples, each on a free port
# (tests/gradio_client/*.py, plain unittest). The JavaScript client's test is e2e/tests/gradio_client.test.mjs.
# Installs the client into a virtual environment under the build folder when it is missing.
set -euo pipefail
cd "$(dirname "$0")/.."

GRADIO_CLIENT_VERSION=2.7.2
target="$(realpath -m "${CARGO_TARGET_DIR:-target}")"
venv="$target/gradio-venv"
python="$venv/bin/python"

if ! "$python" -c "import gradio_client, sys; sys.exit(gradio_client.__version__ != '$GRADIO_CLIENT_VERSION')" 2>/dev/null; then
  echo "installing gradio_client==$GRADIO_CLIENT_VERSION into $venv"
  if ! python3 -m venv "$venv"; then
    # Debian's python3 keeps venv in a package of its own.
    if [ "$(id -u)" -eq 0 ]; then apt-get install -y -qq python3-venv >/dev/null; else sudo apt-get install -y -qq python3-venv >/dev/null; fi
    python3 -m venv "$venv"
  fi
  "$venv/bin/pip" install --quiet --disable-pip-version-check "gradio_client==$GRADIO_CLIENT_VERSION"
fi

examples=(upload_and_download download_gallery events_gallery gradio_values)
cargo build --quiet $(printf -- '--example %s ' "${examples[@]}")

logs="$(mktemp -d)"
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  rm -rf "$logs"
}
trap cleanup EXIT

for example in "${examples[@]}"; do
  FERRY_SERVER_NAME=127.0.0.1 FERRY_SERVER_PORT=0 "$target/debug/examples/$example" \
    >"$logs/$example.log" 2>&1 &
  pids+=($!)
  url=""
  for _ in $(seq 100); do
    url="$(grep -o 'http://127.0.0.1:[0-9]*' "$logs/$example.log" | head -n1 || true)"
    [ -n "$url" ] && break
    sleep 0.1
  done
  if [ -z "$url" ]; then
    echo "$example did not start:" >&2
    cat "$logs/$example.log" >&2
    exit 1
  fi
  export "FERRY_$(echo "$example" | tr '[:lower:]' '[:upper:]')_URL=$url/"
done

# No telemetry and no hub: the tests talk to 127.0.0.1 only.
export GRADIO_ANALYTICS_ENABLED=False HF_HUB_DISABLE_TELEMETRY=1 HF_HUB_OFFLINE=1 PYTHONDONTWRITEBYTECODE=1
export NO_PROXY=127.0.0.1,localhost no_proxy=127.0.0.1,localhost
cd tests/gradio_client
"$python" -m unittest -v test_upload_and_download test_download_gallery test_events_gallery test_gradio_values
