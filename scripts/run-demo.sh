#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# README command 1: installs dependencies, builds, starts a local S3 server (Ceph RGW on 127.0.0.1:8000) with a
# demo bucket, and opens S3Desk on it. The server keeps running afterwards: stop it with scripts/s3server-down.sh.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
scripts/install-deps.sh
cmake -S . -B build/demo -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DBUILD_TESTING=OFF >/dev/null
cmake --build build/demo -j"$(nproc)"

export S3DESK_SERVER_DIR=${S3DESK_SERVER_DIR:-$HOME/.local/share/s3desk/demo-server}
scripts/s3server-up.sh
# shellcheck disable=SC1091
source "$S3DESK_SERVER_DIR/s3.env"
export AWS_EC2_METADATA_DISABLED=true AWS_CONFIG_FILE=/dev/null AWS_SHARED_CREDENTIALS_FILE=/dev/null
CLI=(build/demo/cli/s3desk-cli --endpoint-url "$S3_ENDPOINT")

if ! "${CLI[@]}" ls s3://demo >/dev/null 2>&1; then
  echo "run-demo: creating the demo bucket"
  "${CLI[@]}" mb s3://demo >/dev/null
  work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
  printf 'Welcome to S3Desk.\nThis bucket lives on a local Ceph RADOS Gateway.\n' > "$work/README.txt"
  "${CLI[@]}" put "$work/README.txt" s3://demo/README.txt >/dev/null
  [[ -f resources/icons/s3desk.svg ]] && "${CLI[@]}" put resources/icons/s3desk.svg s3://demo/images/s3desk.svg >/dev/null
  head -c $((48 * 1024 * 1024)) /dev/urandom > "$work/large.bin"
  "${CLI[@]}" put "$work/large.bin" s3://demo/data/large.bin >/dev/null
  mkdir -p "$work/many"
  for i in $(seq -w 1 2000); do echo "file $i" > "$work/many/file-$i.txt"; done
  # bulk seeding with awscli until s3desk-cli sync lands (transfer engine issue)
  /usr/bin/aws --endpoint-url "$S3_ENDPOINT" s3 cp --recursive --quiet "$work/many" s3://demo/many-files/
fi

if [[ -x build/demo/app/s3desk ]]; then
  exec build/demo/app/s3desk --endpoint-url "$S3_ENDPOINT"
fi
cat <<MSG

The local S3 server is running at $S3_ENDPOINT with the bucket "demo".
The desktop app is not built yet (it arrives with the desktop issue); meanwhile use the CLI:
  source $S3DESK_SERVER_DIR/s3.env
  $ROOT/build/demo/cli/s3desk-cli --endpoint-url \$S3_ENDPOINT ls s3://demo/
Stop the server with: S3DESK_SERVER_DIR=$S3DESK_SERVER_DIR scripts/s3server-down.sh
MSG
