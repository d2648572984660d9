#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# S3Desk many-files benchmark: `s3desk-cli sync` of a folder of many small files up and down, against
# `aws s3 sync` (awscli v2, defaults) and `rclone copy` (defaults), on a local Ceph RGW this script starts (ports
# 29000/23400/26889, its own server directory) or on an existing server (--endpoint, credentials from the
# environment). Prints a Markdown table on stdout and saves it under bench/results/.
#
#   bench/many-files.sh                      # 10,000 files of 4 KiB in 20 folders, 1 round
#   bench/many-files.sh --count 100000       # 100,000 files
#   options: --count N  --size-kib N  --folders N  --runs N  --clients s3desk,awscli,rclone
#            --endpoint URL (use that server; AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY from the environment)
#            --tls (start the server with https and use it)  --ca-bundle FILE (for an https --endpoint)
#            --s3desk-cli PATH (skip the build)  --s3desk-args "..."  --keep-server  --out FILE  --work-dir DIR
#
# Each timed command runs as `/usr/bin/time -f '%e %U %S %M'`: wall s, user/sys CPU s, max RSS KiB. Within a round
# the clients take turns (up, then down into an empty folder), so drift of a shared machine hits them alike:
# compare ratios within one run. Every download is compared with the source folder (diff -r). Each client uploads
# to its own prefix of a fresh bucket. Everything talks to 127.0.0.1 only.
# Exit status: 0 all measured, 3 some measurement FAILED, 1 a download differed or the set-up failed, 2 bad options.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BENCH=$ROOT/bench

COUNT=10000 SIZE_KIB=4 FOLDERS=20 RUNS=1 CLIENTS="s3desk,awscli,rclone" ENDPOINT="" S3DESK_BIN="" S3DESK_ARGS=""
KEEP_SERVER=0 OUT="" WORK_PARENT=${TMPDIR:-/tmp} TLS=0 CA_BUNDLE=""
usage() { sed -n '2,/^set -euo/p' "${BASH_SOURCE[0]}" | sed '$d; s/^# \{0,1\}//'; }
need_arg() { [[ $# -ge 2 && -n $2 ]] || { echo "many-files.sh: $1 needs a value" >&2; exit 2; }; }
while [[ $# -gt 0 ]]; do
  case $1 in
    --count) need_arg "$@"; COUNT=$2; shift ;;
    --size-kib) need_arg "$@"; SIZE_KIB=$2; shift ;;
    --folders) need_arg "$@"; FOLDERS=$2; shift ;;
    --runs) need_arg "$@"; RUNS=$2; shift ;;
    --clients) need_arg "$@"; CLIENTS=$2; shift ;;
    --endpoint) need_arg "$@"; ENDPOINT=$2; shift ;;
    --s3desk-cli) need_arg "$@"; S3DESK_BIN=$2; shift ;;
    --s3desk-args) [[ $# -ge 2 ]] || { echo "many-files.sh: --s3desk-args needs a value" >&2; exit 2; }; S3DESK_ARGS=$2; shift ;;
    --keep-server) KEEP_SERVER=1 ;;
    --out) need_arg "$@"; OUT=$2; shift ;;
    --work-dir) need_arg "$@"; WORK_PARENT=$2; shift ;;
    --tls) TLS=1 ;;
    --ca-bundle) need_arg "$@"; CA_BUNDLE=$2; shift ;;
    -h|--help) usage; exit 0 ;;
    *) echo "many-files.sh: unknown option '$1' (see --help)" >&2; exit 2 ;;
  esac
  shift
done
for v in COUNT SIZE_KIB FOLDERS RUNS; do
  [[ ${!v} =~ ^[1-9][0-9]*$ ]] || { echo "many-files.sh: $v must be a positive integer (got '${!v}')" >&2; exit 2; }
done
IFS=, read -r -a CLIENT_LIST <<<"$CLIENTS"
for c in "${CLIENT_LIST[@]}"; do
  case $c in s3desk|awscli|rclone) ;; *) echo "many-files.sh: unknown client '$c'" >&2; exit 2 ;; esac
done
# shellcheck source=bench/common.sh
source "$BENCH/common.sh"
bench_check_endpoint many-files.sh
SCHEME=http SUFFIX=
if (( TLS )) || [[ $ENDPOINT == https://* ]]; then SCHEME=https SUFFIX=-https; fi
[[ -n $OUT ]] || OUT=$BENCH/results/many-files-$COUNT$SUFFIX.md

T0=$(date +%s.%N)
LOAD_START=$(cut -d' ' -f1-3 /proc/loadavg)
log() { awk -v t0="$T0" -v t="$(date +%s.%N)" -v m="$*" 'BEGIN{printf "[%6.1fs] many-files: %s\n", t-t0, m}' >&2; }
die() { echo "many-files: error: $*" >&2; exit 1; }

bench_require_tools /usr/bin/time rclone diff timeout awk

mkdir -p "$WORK_PARENT"
need_kib=$(( COUNT * (SIZE_KIB + 4) * (2 + ${#CLIENT_LIST[@]}) + 1024 * 1024 ))
avail_kib=$(df -Pk "$WORK_PARENT" | awk 'NR==2 {print $4}')
(( avail_kib > need_kib )) || die "not enough space in $WORK_PARENT: $((avail_kib / 1024)) MiB free, need ~$((need_kib / 1024)) MiB"
WORK=$(mktemp -d "$WORK_PARENT/s3desk-many.XXXXXX")
mkdir -p "$WORK/logs" "$WORK/home"

cleanup() {
  local rc=$?
  trap - EXIT INT TERM
  bench_stop_server
  rm -rf "$WORK"
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

bench_build_cli
bench_start_server /tmp/s3desk-many-server 29000 "$( (( TLS )) && echo 29443 || echo 0)" 23400 26889
bench_client_env
aws_cmd() { "${CLEAN_ENV[@]}" timeout 600 "$AWS" --endpoint-url "$ENDPOINT" "${AWS_CA[@]}" "$@"; }
BUCKET=many-$(date +%s)-$$
aws_cmd s3api create-bucket --bucket "$BUCKET" >/dev/null || die "cannot create bucket $BUCKET on $ENDPOINT"

# ---------------------------------------------------------------- test files
SRC=$WORK/src
log "creating $COUNT random files of $SIZE_KIB KiB in $FOLDERS folders"
/usr/bin/python3 - "$SRC" "$COUNT" "$SIZE_KIB" "$FOLDERS" <<'EOF'
import os, sys
root, count, size, folders = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]) * 1024, int(sys.argv[4])
for f in range(folders):
    os.makedirs(os.path.join(root, "d%03d" % f), exist_ok=True)
for i in range(count):
    with open(os.path.join(root, "d%03d" % (i % folders), "f%07d.bin" % i), "wb") as out:
        out.write(os.urandom(size))
EOF
sync

# ---------------------------------------------------------------- measurement
RESULTS=$WORK/results.tsv
: >"$RESULTS"
# measure CLIENT DIR RUN CMD...: appends "client dir run wall user sys maxrss status" to $RESULTS
measure() {
  local client=$1 dir=$2 run=$3; shift 3
  local tf=$WORK/time.out lf=$WORK/logs/$client-$dir-$run.log rc=0
  sync
  /usr/bin/time -o "$tf" -f '%e %U %S %M' timeout --foreground -k 10 3600 "$@" >"$lf" 2>&1 || rc=$?
  local e u s m
  read -r e u s m < <(tail -1 "$tf" 2>/dev/null) || true
  if (( rc == 0 )); then
    printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\tok\n' "$client" "$dir" "$run" "$e" "$u" "$s" "$m" >>"$RESULTS"
    log "  $client $dir (run $run): $e s wall, $(awk -v u="$u" -v s="$s" 'BEGIN{print u+s}') s CPU, $((m / 1024)) MiB RSS"
  else
    printf '%s\t%s\t%s\t-\t-\t-\t-\tFAILED (exit %s)\n' "$client" "$dir" "$run" "$rc" >>"$RESULTS"
    log "  $client $dir (run $run): FAILED (exit $rc); last lines of its output:"
    tail -5 "$lf" | sed 's/^/      /' >&2
  fi
  return "$rc"
}
verify() { # CLIENT DIR
  if diff -rq "$SRC" "$2" >"$WORK/logs/diff-$1.log" 2>&1; then log "  $1: the downloaded folder is identical to the source"; return 0; fi
  log "ERROR: $1: the downloaded folder DIFFERS from the source: $(head -3 "$WORK/logs/diff-$1.log")"
  echo "$1" >>"$WORK/corrupt"
}
# shellcheck disable=SC2086
s3desk_up() { measure s3desk up "$1" "${CLEAN_ENV[@]}" "$S3DESK_BIN" --endpoint-url "$ENDPOINT" "${AWS_CA[@]}" sync "$SRC" "s3://$BUCKET/$2" $S3DESK_ARGS; }
# shellcheck disable=SC2086
s3desk_down() { measure s3desk down "$1" "${CLEAN_ENV[@]}" "$S3DESK_BIN" --endpoint-url "$ENDPOINT" "${AWS_CA[@]}" sync "s3://$BUCKET/$2" "$3" $S3DESK_ARGS; }
awscli_up() { measure awscli up "$1" "${CLEAN_ENV[@]}" "$AWS" --endpoint-url "$ENDPOINT" "${AWS_CA[@]}" s3 sync --no-progress --only-show-errors "$SRC" "s3://$BUCKET/$2"; }
awscli_down() { measure awscli down "$1" "${CLEAN_ENV[@]}" "$AWS" --endpoint-url "$ENDPOINT" "${AWS_CA[@]}" s3 sync --no-progress --only-show-errors "s3://$BUCKET/$2" "$3"; }
rclone_up() { measure rclone up "$1" "${CLEAN_ENV[@]}" "${RCLONE_ENV[@]}" rclone "${RCLONE_CA[@]}" copy "$SRC" "bench:$BUCKET/$2"; }
rclone_down() { measure rclone down "$1" "${CLEAN_ENV[@]}" "${RCLONE_ENV[@]}" rclone "${RCLONE_CA[@]}" copy "bench:$BUCKET/$2" "$3"; }

for (( run = 1; run <= RUNS; run++ )); do
  log "round $run of $RUNS: ${CLIENT_LIST[*]}"
  for client in "${CLIENT_LIST[@]}"; do
    prefix=$client-$run
    out=$WORK/down-$client
    rm -rf "$out"
    if "${client}_up" "$run" "$prefix"; then
      "${client}_down" "$run" "$prefix" "$out" && verify "$client" "$out" || true
    fi
    rm -rf "$out"
  done
done

# ---------------------------------------------------------------- report
S3DESK_VERSION=$("$S3DESK_BIN" --version 2>&1 | head -1 || true)
{
  echo "## Many files: $COUNT files of $SIZE_KIB KiB in $FOLDERS folders, sync up and down over $SCHEME"
  echo
  echo "$(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) cores ($(awk -F': *' '/^model name/ {print $2; exit}' /proc/cpuinfo)),"
  echo "$($AWS --version 2>&1 | head -1 | awk '{print $1}'), $(rclone version 2>/dev/null | head -1), $S3DESK_VERSION $S3DESK_ARGS;"
  echo "load average $LOAD_START at the start, $(cut -d' ' -f1-3 /proc/loadavg) at the end. Client and server share the machine."
  echo
  echo "| client | direction | run | wall s | CPU s (user+sys) | max RSS MiB | wall vs awscli |"
  echo "|---|---|---|---|---|---|---|"
  awk -F'\t' '
    { key = $2 "\t" $3; row[NR] = $0 }
    $1 == "awscli" && $8 == "ok" { aws[key] = $4 }
    END {
      for (i = 1; i <= NR; i++) {
        split(row[i], f, "\t"); key = f[2] "\t" f[3]
        if (f[8] != "ok") { printf "| %s | %s | %s | %s | | | |\n", f[1], f[2], f[3], f[8]; continue }
        ratio = (key in aws && aws[key] > 0) ? sprintf("%.2fx", f[4] / aws[key]) : "-"
        printf "| %s | %s | %s | %.1f | %.1f | %.0f | %s |\n", f[1], f[2], f[3], f[4], f[5] + f[6], f[7] / 1024, ratio
      }
    }' "$RESULTS"
} >"$WORK/report.md"
mkdir -p "$(dirname "$OUT")"
cp "$WORK/report.md" "$OUT"
cat "$WORK/report.md"
log "report saved to ${OUT#"$ROOT"/}"
aws_cmd s3 rb --force "s3://$BUCKET" >/dev/null 2>&1 || log "WARNING: could not remove bucket $BUCKET"
if [[ -s $WORK/corrupt ]]; then die "downloaded data differed from the source for: $(paste -sd, "$WORK/corrupt")"; fi
if grep -q $'\tFAILED' "$RESULTS"; then log "some measurements FAILED (see the table); exit status 3"; exit 3; fi
