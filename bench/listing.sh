#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# The browser's listing of a huge prefix: builds s3desk-guibench and runs its listing mode for 1,000,000 keys (or $1), served
# by the in-process fake S3 on its own thread (a million PUTs into the local Ceph would take most of an hour;
# the fake answers pages the way Ceph does). Prints a Markdown table and writes bench/results/listing.md.
#   bench/listing.sh [KEYS]
# Environment: S3DESK_BENCH_BUILD_DIR (default build/bench; any RelWithDebInfo build folder will do).
set -euo pipefail
cd "$(dirname "$0")/.."
KEYS=${1:-1000000}
BUILD=${S3DESK_BENCH_BUILD_DIR:-build/bench}
cmake -S . -B "$BUILD" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build "$BUILD" -j"$(nproc)" --target s3desk-guibench >/dev/null
out=$(QT_QPA_PLATFORM=offscreen /usr/bin/time -f 'max_rss_kib=%M' "$BUILD"/bench/guibench/s3desk-guibench listing "$KEYS" 2>&1)
get() { sed -n "s/^$1=\\([^ ]*\\).*/\\1/p" <<<"$out" | head -1; }
report=$(cat <<MD
Listing of one prefix with $(get keys) keys in the browser (ObjectListModel + QTableView, offscreen), pages of 1,000
from an in-process fake S3 on another thread; $(date -u +%F), $(nproc) cores.

| measure | value |
|---|---|
| one bare ListObjectsV2 page (request + server + parse) | $(get first_page_server_ms) ms |
| first rows in the view after the listing starts | $(get first_rows_ms) ms |
| whole listing ($(get keys) rows) | $(get all_rows_ms) ms |
| longest GUI-thread stall during the listing | $(get max_stall_ms) ms (p99 $(get p99_ms) ms) |
| memory per row (heap growth / rows) | $(get bytes_per_row) bytes |
| type a filter on all rows: GUI thread busy / rows there | $(get filter_call_ms) ms / $(get filter_done_ms) ms ($(get filtered_rows) rows) |
| clear the filter (rows set aside come back) | $(get clear_filter_call_ms) ms |
| typing "object-00123" one key at a time, worst key: GUI-thread CPU / longest wall-clock stall | $(get typing_max_gui_cpu_ms) ms / $(get typing_max_stall_ms) ms |
| erasing it again, worst key: GUI-thread CPU / longest wall-clock stall | $(get erasing_max_gui_cpu_ms) ms / $(get erasing_max_stall_ms) ms |
| sort all rows by size: GUI thread busy / rows there | $(get sort_call_ms) ms / $(get sort_done_ms) ms |
| max RSS of the process (server + its keys included) | $(( $(get max_rss_kib) / 1024 )) MiB |
MD
)
echo "$report"
mkdir -p bench/results
echo "$report" > bench/results/listing.md
