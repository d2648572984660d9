#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Sync of an unchanged folder: the cost of finding out that nothing needs to move. Makes N files of 1 byte in
# folders of 1,000, uploads them once with s3desk-cli into a fresh bucket, then runs each client's sync of the
# same folder onto the same prefix ROUNDS times, in turns: `s3desk-cli sync`, `aws s3 sync` (awscli v2),
# `rclone sync --checksum` and `rclone sync` (defaults: its first run rewrites every object's mtime metadata by
# server-side copies, later runs HEAD every object). Needs an existing server: S3_ENDPOINT, AWS_ACCESS_KEY_ID,
# AWS_SECRET_ACCESS_KEY in the environment (`source /tmp/s3desk-dev/s3.env`). Prints a Markdown table.
#
#   bench/sync-unchanged.sh [--count N] [--rounds N] [--s3desk-cli PATH]
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
COUNT=10000 ROUNDS=3 S3DESK_BIN=$ROOT/build/cli/s3desk-cli AWS=/usr/bin/aws
while [[ $# -gt 0 ]]; do
  case $1 in
    --count) COUNT=$2; shift ;;
    --rounds) ROUNDS=$2; shift ;;
    --s3desk-cli) S3DESK_BIN=$2; shift ;;
    -h|--help) sed -n '2,/^set -euo/p' "${BASH_SOURCE[0]}" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
    *) echo "sync-unchanged.sh: unknown option $1" >&2; exit 2 ;;
  esac
  shift
done
: "${S3_ENDPOINT:?source the server environment first}"
unset AWS_CA_BUNDLE
export AWS_EC2_METADATA_DISABLED=true AWS_PAGER=
export RCLONE_CONFIG_BENCH_TYPE=s3 RCLONE_CONFIG_BENCH_PROVIDER=Ceph RCLONE_CONFIG_BENCH_ENDPOINT=$S3_ENDPOINT \
  RCLONE_CONFIG_BENCH_ACCESS_KEY_ID=$AWS_ACCESS_KEY_ID RCLONE_CONFIG_BENCH_SECRET_ACCESS_KEY=$AWS_SECRET_ACCESS_KEY
WORK=$(mktemp -d)
BUCKET=bench-sync-unchanged-$$
CLI=("$S3DESK_BIN" --endpoint-url "$S3_ENDPOINT")
cleanup() { "${CLI[@]}" rm "s3://$BUCKET/" --recursive >/dev/null 2>&1 || true; "${CLI[@]}" rb "s3://$BUCKET" >/dev/null 2>&1 || true; rm -rf "$WORK"; }
trap cleanup EXIT
python3 - "$WORK/src" "$COUNT" <<'PY'
import os, sys
root, count = sys.argv[1], int(sys.argv[2])
for i in range(count):
    folder = os.path.join(root, f"d{i // 1000:03}")
    os.makedirs(folder, exist_ok=True)
    with open(os.path.join(folder, f"f{i % 1000:04}.txt"), "w") as f:
        f.write("x")
PY
"${CLI[@]}" mb "s3://$BUCKET" >/dev/null
"${CLI[@]}" sync "$WORK/src" "s3://$BUCKET/p" >/dev/null
measure() { # name command...: wall, CPU, RSS and the number of output lines (0: nothing moved)
  local name=$1; shift
  /usr/bin/time -o "$WORK/time" -f '%e %U %S %M' "$@" >"$WORK/out" 2>&1 || true
  read -r wall user sys rss <"$WORK/time"
  printf '| %s | %s | %s | %.2f | %d | %d |\n' "$name" "$round" "$wall" "$(echo "$user + $sys" | bc)" "$((rss / 1024))" \
    "$(grep -cv 'NOTICE: Config file' "$WORK/out" || true)"
}
echo "## Sync of $COUNT unchanged files of 1 byte ($(date -u '+%Y-%m-%d %H:%M UTC'), load $(cut -d' ' -f1-3 /proc/loadavg))"
echo
echo "| client | round | wall s | CPU s | max RSS MiB | output lines |"
echo "|---|---|---|---|---|---|"
for round in $(seq "$ROUNDS"); do
  measure "s3desk-cli sync" "${CLI[@]}" sync "$WORK/src" "s3://$BUCKET/p"
  measure "aws s3 sync" "$AWS" --endpoint-url "$S3_ENDPOINT" s3 sync "$WORK/src" "s3://$BUCKET/p" --no-progress
  measure "rclone sync --checksum" rclone sync --checksum "$WORK/src" "bench:$BUCKET/p"
  measure "rclone sync" rclone sync "$WORK/src" "bench:$BUCKET/p"
done
