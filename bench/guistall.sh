#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# The GUI thread while a 1 GiB upload and a 1 GiB download run through the real main window (s3desk-guibench
# transfers): longest event-loop gap, p99, gaps over 50 ms; 3 runs as the machine is, then 3 runs with the Ceph
# daemons on CPU 1 and S3Desk on CPU 0 (taskset), which separates the GUI's own work from the co-located
# server's competition for 2 cores. Starts its own Ceph RGW on 127.0.0.1:28000 and stops it at the end.
#   bench/guistall.sh [SIZE_MIB]
# Builds in build/guistall (GUI on; bench/run.sh's build/bench has no GUI); S3DESK_BENCH_BUILD=DIR uses another
# configured build tree with the GUI (e.g. build/rel).
set -euo pipefail
cd "$(dirname "$0")/.."
SIZE_MIB=${1:-1024}
BUILD=${S3DESK_BENCH_BUILD:-build/guistall}
[[ -f $BUILD/build.ninja || -f $BUILD/Makefile ]] ||
  cmake -S . -B "$BUILD" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DS3DESK_BUILD_GUI=ON >/dev/null
cmake --build "$BUILD" -j"$(nproc)" --target s3desk-guibench s3desk-cli >/dev/null
export S3DESK_SERVER_DIR=/tmp/s3desk-guistall-server S3DESK_RGW_PORT=28000 S3DESK_RGW_TLS_PORT=0 \
  S3DESK_MON_V2_PORT=23300 S3DESK_MON_V1_PORT=26789
scripts/s3server-down.sh >/dev/null 2>&1 || true
work=$(mktemp -d)
trap 'scripts/s3server-down.sh --purge >/dev/null 2>&1; rm -rf "$work"' EXIT
scripts/s3server-up.sh >"$work/server.log" 2>&1
# shellcheck disable=SC1091
source "$S3DESK_SERVER_DIR/s3.env"
export AWS_EC2_METADATA_DISABLED=true AWS_CONFIG_FILE=/dev/null AWS_SHARED_CREDENTIALS_FILE=/dev/null
CLI=("$BUILD/cli/s3desk-cli" --endpoint-url "$S3_ENDPOINT")
"${CLI[@]}" mb s3://guistall >/dev/null
head -c $((SIZE_MIB * 1024 * 1024)) /dev/urandom >"$work/file.bin"
ceph_pids() { pgrep -d, -f 'radosgw|ceph-osd|ceph-mon|ceph-mgr'; }
run() {
  QT_QPA_PLATFORM=offscreen "$@" "$BUILD/bench/guibench/s3desk-guibench" transfers "$work/file.bin" guistall 2>"$work/err.log" |
    tr '\n' ' ' || { cat "$work/err.log" >&2; return 1; }
  "${CLI[@]}" rm s3://guistall/guibench/ --recursive >/dev/null
}
echo "GUI-thread gaps while a ${SIZE_MIB} MiB upload and download run together through the main window ($(date -u +%F), $(nproc) cores)"
echo
echo "| placement | run | result |"
echo "|---|---|---|"
for i in 1 2 3; do echo "| shared cores | $i | $(run) |"; done
for pid in $(ceph_pids | tr , ' '); do taskset -a -cp 1 "$pid" >/dev/null; done
for i in 1 2 3; do echo "| Ceph on CPU 1, S3Desk on CPU 0 | $i | $(run taskset -c 0) |"; done
