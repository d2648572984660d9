#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Saves current screenshots of the app into docs/: builds, starts a throw-away local Ceph RGW (its own ports and
# folder: a dev server on 8000 is left alone) with the demo bucket, runs the real app under Xvfb with
# --screenshot twice, stops the server.   scripts/screenshots.sh [OUTPUT_DIR]
#   1. first start (an empty --config-dir, no connection): first-start.png, connection-failed.png (a Test
#      connection with a wrong secret)
#   2. connected to the demo bucket: browser.png (the README's hero), browser-1024.png, browser-1920.png,
#      folder.png, filtered.png, deep-folder.png, delete-prompt.png (closed with Cancel), properties.png,
#      presign.png, preferences.png, sync.png (the Synchronize… preview, nothing run), versions.png, transfers.png (a download paused and resumed)
# S3DESK_BUILD_JOBS limits the build's parallel jobs (default: every core); ccache is used when installed.
set -euo pipefail
cd "$(dirname "$0")/.."
OUT=$(realpath -m "${1:-docs}")
scripts/install-deps.sh
launcher=()
if command -v ccache >/dev/null; then launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache -DCMAKE_C_COMPILER_LAUNCHER=ccache); fi
cmake -S . -B build/shots -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DBUILD_TESTING=OFF "${launcher[@]}" >/dev/null
cmake --build build/shots -j"${S3DESK_BUILD_JOBS:-$(nproc)}" --target s3desk s3desk-cli

export S3DESK_SERVER_DIR=/tmp/s3desk-shots-server
export S3DESK_RGW_PORT=28000 S3DESK_RGW_TLS_PORT=28443 S3DESK_MON_V2_PORT=23300 S3DESK_MON_V1_PORT=26789
scripts/s3server-down.sh >/dev/null 2>&1 || true
config=$(mktemp -d)
# The tour downloads data/large.bin into $TMPDIR/s3desk-screenshot.
trap 'scripts/s3server-down.sh --purge >/dev/null; rm -rf "$config" "${TMPDIR:-/tmp}/s3desk-screenshot"' EXIT
scripts/s3server-up.sh
# shellcheck disable=SC1091
source "$S3DESK_SERVER_DIR/s3.env"
export AWS_EC2_METADATA_DISABLED=true AWS_CONFIG_FILE=/dev/null AWS_SHARED_CREDENTIALS_FILE=/dev/null
# The README's pictures are in English, whatever the language of the machine that makes them.
export LANGUAGE=en
S3DESK_DEMO_LARGE_MIB=768 scripts/demo-data.sh build/shots/cli/s3desk-cli "$S3_ENDPOINT" demo
mkdir -p "$OUT"
# The screen holds the largest window size the tour sets (1920x1080); every image is of one window or dialog.
app() {
  rm -rf "$config" && mkdir -p "$config"
  timeout 300 xvfb-run -a -s "-screen 0 1920x1080x24" build/shots/app/s3desk --config-dir "$config" --screenshot "$OUT" "$@"
}
app
app --endpoint-url "$S3_ENDPOINT" --path-style --bucket demo
ls -l "$OUT"/*.png
