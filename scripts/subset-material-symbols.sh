#!/usr/bin/env bash
# Regenerates the embedded Material Symbols font and Ferry's name table from the pinned font
# package (see scripts/subset-material-symbols.py for the icon list and what it writes):
#
#   bash scripts/subset-material-symbols.sh
#
# Fetches, into a temporary folder removed afterwards, the npm package
# @material-symbols/font-400 (Material Symbols by Google, Apache-2.0) and Python's fontTools
# with brotli (for woff2). Needs npm and python3 with venv. The output is the same bytes on
# every run with these versions.
set -euo pipefail
cd "$(dirname "$0")/.."

PACKAGE=@material-symbols/font-400
PACKAGE_VERSION=0.47.5
FONTTOOLS_VERSION=4.68.0
BROTLI_VERSION=1.2.1

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

npm install --prefix "$tmp/npm" --no-save --no-audit --no-fund --loglevel=error \
  "$PACKAGE@$PACKAGE_VERSION"
python3 -m venv "$tmp/venv"
"$tmp/venv/bin/pip" install --quiet "fonttools==$FONTTOOLS_VERSION" "brotli==$BROTLI_VERSION"
"$tmp/venv/bin/python" scripts/subset-material-symbols.py "$tmp/npm/node_modules/$PACKAGE" .
rustfmt --edition 2021 src/components/icon/material_symbols.rs
