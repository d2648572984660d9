#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Saves current screenshots of the main views into docs/ (browser, folder, properties, presign, transfers):
# builds, starts a throw-away local Ceph RGW with the demo bucket, runs the real app under Xvfb with
# --screenshot, stops the server.   scripts/screenshots.sh [OUTPUT_DIR]
set -euo pipefail
cd "$(dirname "$0")/.."
OUT=$(realpath -m "${1:-docs}")
scripts/install-deps.sh
cmake -S . -B build/shots -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DBUILD_TESTING=OFF >/dev/null
cmake --build build/shots -j"$(nproc)" --target s3desk s3desk-cli

export S3DESK_SERVER_DIR=/tmp/s3desk-shots-server
export S3DESK_RGW_PORT=28000 S3DESK_RGW_TLS_PORT=28443 S3DESK_MON_V2_PORT=23300 S3DESK_MON_V1_PORT=26789
scripts/s3server-down.sh >/dev/null 2>&1 || true
trap 'scripts/s3server-down.sh --purge >/dev/null' EXIT
scripts/s3server-up.sh
# shellcheck disable=SC1091
source "$S3DESK_SERVER_DIR/s3.env"
export AWS_EC2_METADATA_DISABLED=true AWS_CONFIG_FILE=/dev/null AWS_SHARED_CREDENTIALS_FILE=/dev/null
scripts/demo-data.sh build/shots/cli/s3desk-cli "$S3_ENDPOINT" demo
config=$(mktemp -d)
xvfb-run -a -s "-screen 0 1280x800x24" build/shots/app/s3desk --config-dir "$config" \
  --endpoint-url "$S3_ENDPOINT" --path-style --bucket demo --screenshot "$OUT"
rm -rf "$config"
ls -l "$OUT"/*.png
