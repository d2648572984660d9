#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# README command 1: installs dependencies, builds, starts a local S3 server (Ceph RGW on 127.0.0.1:8000) with a
# demo bucket, and opens S3Desk on it. The server keeps running afterwards: stop it with scripts/s3server-down.sh.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
cmake -S . -B build/demo -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DBUILD_TESTING=OFF >/dev/null
cmake --build build/demo -j"$(nproc)"

export S3DESK_SERVER_DIR=${S3DESK_SERVER_DIR:-$HOME/.local/share/s3desk/demo-server}
scripts/s3server-up.sh
# shellcheck disable=SC1091
source "$S3DESK_SERVER_DIR/s3.env"
export AWS_EC2_METADATA_DISABLED=true AWS_CONFIG_FILE=/dev/null AWS_SHARED_CREDENTIALS_FILE=/dev/null
CLI=(build/demo/cli/s3desk-cli --endpoint-url "$S3_ENDPOINT")

scripts/demo-data.sh build/demo/cli/s3desk-cli "$S3_ENDPOINT" demo

cat <<MSG
S3Desk opens on s3://demo at $S3_ENDPOINT (a local Ceph RGW; it keeps running after you close the app).
Stop the server with: S3DESK_SERVER_DIR=$S3DESK_SERVER_DIR scripts/s3server-down.sh
MSG
exec build/demo/app/s3desk --endpoint-url "$S3_ENDPOINT" --path-style --bucket demo
