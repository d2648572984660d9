#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# S3Desk app-engine memory with many files pending: the transfer queue holding N files that have not started,
# as one folder job (compact pending records, what the app's folder transfers use: walked by the engine, or
# planned first as the app's upload planner does and handed over as a list) and as one TransferTask per file (the
# way before folder jobs), measured by s3desk-pendingbench (no server: everything stays paused). Also one save
# of the queue file with those files pending: its time and size.
# Prints a Markdown table on stdout and saves it under bench/results/.
#
#   bench/many-files-app.sh                   # 100,000 files (empty, in 20 folders)
#   bench/many-files-app.sh --count 10000
#   options: --count N  --folders N  --bench PATH (s3desk-pendingbench; default: build/test's)  --out FILE
#            --work-dir DIR
#
# RSS is the process's resident memory after the files are queued (VmRSS), HWM its peak (VmHWM), both minus the
# queue's baseline; per file = (RSS - baseline) / N.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)

COUNT=100000 FOLDERS=20 BENCH_BIN="" OUT="" WORK_PARENT=${TMPDIR:-/tmp}
usage() { sed -n '2,/^set -euo/p' "${BASH_SOURCE[0]}" | sed '$d; s/^# \{0,1\}//'; }
need_arg() { [[ $# -ge 2 && -n $2 ]] || { echo "many-files-app.sh: $1 needs a value" >&2; exit 2; }; }
while [[ $# -gt 0 ]]; do
  case $1 in
    --count) need_arg "$@"; COUNT=$2; shift ;;
    --folders) need_arg "$@"; FOLDERS=$2; shift ;;
    --bench) need_arg "$@"; BENCH_BIN=$2; shift ;;
    --out) need_arg "$@"; OUT=$2; shift ;;
    --work-dir) need_arg "$@"; WORK_PARENT=$2; shift ;;
    -h|--help) usage; exit 0 ;;
    *) echo "many-files-app.sh: unknown option $1" >&2; usage >&2; exit 2 ;;
  esac
  shift
done
[[ $COUNT =~ ^[1-9][0-9]*$ && $FOLDERS =~ ^[1-9][0-9]*$ ]] || { echo "many-files-app.sh: --count and --folders are positive numbers" >&2; exit 2; }

if [[ -z $BENCH_BIN ]]; then
  BENCH_BIN=$ROOT/build/test/bench/pendingbench/s3desk-pendingbench
  [[ -x $BENCH_BIN ]] || cmake --build "$ROOT/build/test" -j1 --target s3desk-pendingbench >&2
fi
[[ -x $BENCH_BIN ]] || { echo "many-files-app.sh: no $BENCH_BIN" >&2; exit 1; }

WORK=$(mktemp -d "$WORK_PARENT/s3desk-many-files-app.XXXXXX")
trap 'rm -rf "$WORK"' EXIT
# Empty files: what is measured is the queue's record of a file, not its content.
for ((f = 0; f < FOLDERS; f++)); do mkdir -p "$WORK/src/d$f"; done
( cd "$WORK/src" && for ((i = 0; i < COUNT; i++)); do echo "d$((i % FOLDERS))/file-$i.bin"; done | xargs touch )

row() {
  local mode=$1 line
  line=$("$BENCH_BIN" "$mode" "$WORK/src")
  echo "$line" >&2
  local files tasks ms rss hwm base save bytes
  files=$(sed -n 's/.*files=\([0-9]*\).*/\1/p' <<<"$line")
  tasks=$(sed -n 's/.*tasks_alive=\([0-9]*\).*/\1/p' <<<"$line")
  ms=$(sed -n 's/.*enqueue_ms=\([0-9]*\).*/\1/p' <<<"$line")
  rss=$(sed -n 's/.*rss_kib=\([0-9]*\) hwm.*/\1/p' <<<"$line")
  hwm=$(sed -n 's/.*hwm_kib=\([0-9]*\).*/\1/p' <<<"$line")
  base=$(sed -n 's/.*baseline_rss_kib=\([0-9]*\).*/\1/p' <<<"$line")
  save=$(sed -n 's/.*save_ms=\([0-9]*\).*/\1/p' <<<"$line")
  bytes=$(sed -n 's/.*queue_file_bytes=\([0-9-]*\).*/\1/p' <<<"$line")
  awk -v m="$mode" -v n="$files" -v t="$tasks" -v ms="$ms" -v r="$rss" -v h="$hwm" -v b="$base" -v s="$save" -v q="$bytes" 'BEGIN {
    name = m == "group" ? "one folder job (engine walks)" : m == "planned" ? "one folder job (app: planned list, 0.1 % Keep both keys)" : "one task per file (before)"
    printf "| %s | %d | %d | %d | %.1f | %.1f | %.0f | %d | %.1f |\n", name,
      n, t, ms, (r - b) / 1024, (h - b) / 1024, (n > 0 ? (r - b) * 1024 / n : 0), s, q / 1048576 }'
}

{
  echo "Transfer queue with $COUNT files pending ($(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores)"
  echo
  echo "| queue holds | files | TransferTasks alive | enqueue ms | RSS MiB | peak MiB | bytes per file | one save ms | queue file MiB |"
  echo "|---|---|---|---|---|---|---|---|---|"
  row group
  row planned
  row tasks
} | tee "${OUT:-$ROOT/bench/results/many-files-app-$COUNT-$(date -u +%Y%m%dT%H%M%SZ).md}"
