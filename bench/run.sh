#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# S3Desk benchmark: upload and download of the same random file with s3desk-cli, awscli v2 (/usr/bin/aws,
# defaults), rclone (defaults), a "ceiling" client (presigned URLs + 8 parallel curl processes) and a
# "curl-multi" client (the same presigned URLs in ONE `curl -Z --parallel-max 8` process), side by side, on a
# local Ceph RGW that this script starts (and stops) itself: http on 127.0.0.1:28000, https on 127.0.0.1:28443
# (its own self-signed CA, given to every client). Prints a Markdown report on stdout and saves it.
#
#   bench/run.sh                       # http, 1 GiB file, 3 runs per client, plus s3desk-cli with a 4 GiB file (RSS)
#   bench/run.sh --tls                 # the same, every client over https
#   bench/run.sh --schemes http,https  # both, one table each (the reference run; clients and schemes take turns)
#   bench/run.sh --quick               # smoke test: 256 MiB, 1 run, no 4 GiB file (options after it still apply)
#   options: --runs N  --size-mib N  --no-4g  --keep-server  --no-deps  --s3desk-args "--concurrency 8 ..."
#            --s3desk-cli PATH (skip the build)  --clients s3desk,awscli,rclone,ceiling,curl-multi  --out FILE
#            (client s3desk-qt: s3desk-cli --qt-http, the bulk data through Qt's HTTP stack, for comparison)
#            --no-warmup  --ceiling-inflight N (8)  --ceiling-part-mib N (64)  --work-dir DIR (default: a temp dir in /tmp)
#            --tls (= --schemes https)  --schemes http|https|http,https
#            --server-dir DIR   use the server already running from DIR (scripts/s3server-up.sh with
#                               S3DESK_SERVER_DIR=DIR): neither started nor stopped; its bucket "bench" is used
#
# Each timed command runs as `/usr/bin/time -f '%e %U %S %M' timeout 900 CMD`: wall s, user/sys CPU s (the client
# and its children), max RSS KiB. Clients take turns within each round (round 1: every client, round 2: ...), so
# drift of the machine hits every client alike. The source file is in the page cache for every client alike (it
# is read before the first round); no caches are dropped. Between runs the object is deleted and Ceph's garbage
# collector is run so the 20 GiB OSD does not fill; `sync` runs (untimed) after each command so write-back of one
# download does not land in the next measurement, and each command waits until the Ceph daemons are idle.
# A client that fails is reported as FAILED; the others go on.
# Progress goes to stderr; stdout carries only the report. Everything talks to 127.0.0.1 only.
# Exit status: 0 all measured, 3 some measurement FAILED (the report is still printed and saved), 1 the downloaded
# data differed from the source or the set-up failed, 2 bad options.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BENCH=$ROOT/bench

# ---------------------------------------------------------------- options
RUNS=3 SIZE_MIB=1024 DO_4G=1 KEEP_SERVER=0 EXISTING_SERVER_DIR="" DO_DEPS=1 S3DESK_ARGS="" S3DESK_BIN="" QUICK=0 OUT=""
WARMUP=1 CLIENTS="s3desk,awscli,rclone,ceiling,curl-multi" SCHEMES=http CEIL_INFLIGHT=8 CEIL_PART_MIB=64 WORK_PARENT=${TMPDIR:-/tmp}
usage() { sed -n '2,/^set -euo/p' "${BASH_SOURCE[0]}" | sed '$d; s/^# \{0,1\}//'; }
need_arg() { [[ $# -ge 2 && -n $2 ]] || { echo "run.sh: $1 needs a value" >&2; exit 2; }; }
while [[ $# -gt 0 ]]; do
  case $1 in
    --runs) need_arg "$@"; RUNS=$2; shift ;;
    --size-mib) need_arg "$@"; SIZE_MIB=$2; shift ;;
    --no-4g) DO_4G=0 ;;
    --quick) QUICK=1 SIZE_MIB=256 RUNS=1 DO_4G=0 ;;  # later options still apply
    --keep-server) KEEP_SERVER=1 ;;
    --server-dir) need_arg "$@"; EXISTING_SERVER_DIR=$2; shift ;;
    --no-deps) DO_DEPS=0 ;;
    --no-warmup) WARMUP=0 ;;
    --s3desk-args) [[ $# -ge 2 ]] || { echo "run.sh: --s3desk-args needs a value" >&2; exit 2; }; S3DESK_ARGS=$2; shift ;;
    --s3desk-cli) need_arg "$@"; S3DESK_BIN=$2; shift ;;
    --clients) need_arg "$@"; CLIENTS=$2; shift ;;
    --tls) SCHEMES=https ;;
    --schemes) need_arg "$@"; SCHEMES=$2; shift ;;
    --out) need_arg "$@"; OUT=$2; shift ;;
    --ceiling-inflight) need_arg "$@"; CEIL_INFLIGHT=$2; shift ;;
    --ceiling-part-mib) need_arg "$@"; CEIL_PART_MIB=$2; shift ;;
    --work-dir) need_arg "$@"; WORK_PARENT=$2; shift ;;
    -h|--help) usage; exit 0 ;;
    *) echo "run.sh: unknown option '$1' (see --help)" >&2; exit 2 ;;
  esac
  shift
done
for v in RUNS SIZE_MIB CEIL_INFLIGHT CEIL_PART_MIB; do
  [[ ${!v} =~ ^[1-9][0-9]*$ ]] || { echo "run.sh: $v must be a positive integer (got '${!v}')" >&2; exit 2; }
done
[[ -n $OUT ]] || { if (( QUICK )); then OUT=$BENCH/results/quick.md; else OUT=$BENCH/results/latest.md; fi; }
IFS=, read -r -a CLIENT_LIST <<<"$CLIENTS"
for c in "${CLIENT_LIST[@]}"; do
  case $c in s3desk|s3desk-qt|awscli|rclone|ceiling|curl-multi) ;; *) echo "run.sh: unknown client '$c'" >&2; exit 2 ;; esac
done
IFS=, read -r -a SCHEME_LIST <<<"$SCHEMES"
for c in "${SCHEME_LIST[@]}"; do
  case $c in http|https) ;; *) echo "run.sh: unknown scheme '$c' (http, https)" >&2; exit 2 ;; esac
done
has_client() { local c; for c in "${CLIENT_LIST[@]}"; do [[ $c == "$1" ]] && return 0; done; return 1; }

T0=$(date +%s.%N)
LOAD_START=$(cut -d' ' -f1-3 /proc/loadavg)
log() { awk -v t0="$T0" -v t="$(date +%s.%N)" -v m="$*" 'BEGIN{printf "[%6.1fs] bench: %s\n", t-t0, m}' >&2; }
die() { echo "bench: error: $*" >&2; exit 1; }

# ---------------------------------------------------------------- dependencies
cd "$ROOT"
if (( DO_DEPS )); then
  log "scripts/install-deps.sh"
  scripts/install-deps.sh >&2 || die "scripts/install-deps.sh failed"
fi
AWS=/usr/bin/aws
for tool in "$AWS" /usr/bin/time /usr/bin/python3 rclone curl cmp fallocate split timeout xargs awk dd sync \
            radosgw-admin ceph-mon cmake ninja; do
  command -v "$tool" >/dev/null 2>&1 ||
    die "'$tool' is missing (awscli v2 at /usr/bin/aws, package 'time' for /usr/bin/time, rclone, curl, ceph...); run scripts/install-deps.sh"
done
/usr/bin/python3 -c 'import awscli.botocore.session' 2>/dev/null || /usr/bin/python3 -c 'import botocore.session' 2>/dev/null ||
  die "botocore is not importable from /usr/bin/python3 (the ceiling client presigns URLs with it)"

# ---------------------------------------------------------------- work dir, cleanup
SIZE=$(( SIZE_MIB * 1024 * 1024 ))
SIZE_4G=$(( 4096 * 1024 * 1024 ))
mkdir -p "$WORK_PARENT"
need_kib=$(( (SIZE * 4 + (DO_4G ? SIZE_4G * 2 : 0)) / 1024 + 1024 * 1024 ))
avail_kib=$(df -Pk "$WORK_PARENT" | awk 'NR==2 {print $4}')
(( avail_kib > need_kib )) || die "not enough space in $WORK_PARENT: $((avail_kib / 1024)) MiB free, need ~$((need_kib / 1024)) MiB"
WORK=$(mktemp -d "$WORK_PARENT/s3desk-bench.XXXXXX")
mkdir -p "$WORK/logs" "$WORK/home"

export S3DESK_SERVER_DIR=${EXISTING_SERVER_DIR:-/tmp/s3desk-bench-server}
SERVER_ENV=(S3DESK_SERVER_DIR=$S3DESK_SERVER_DIR S3DESK_RGW_PORT=28000 S3DESK_RGW_TLS_PORT=28443
            S3DESK_MON_V2_PORT=23300 S3DESK_MON_V1_PORT=26789)
SERVER_STARTED=0
cleanup() {
  local rc=$?
  trap - EXIT INT TERM
  if (( SERVER_STARTED && ! KEEP_SERVER )); then
    log "stopping the server (scripts/s3server-down.sh --purge)"
    env "${SERVER_ENV[@]}" "$ROOT/scripts/s3server-down.sh" --purge >&2 || true
  elif (( SERVER_STARTED )); then
    log "server left running (--keep-server): source $S3DESK_SERVER_DIR/s3.env; stop with S3DESK_SERVER_DIR=$S3DESK_SERVER_DIR scripts/s3server-down.sh --purge"
  fi
  rm -rf "$WORK"
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# ---------------------------------------------------------------- s3desk-cli
S3DESK_BUILD_OK=1
if has_client s3desk || has_client s3desk-qt; then
  if [[ -n $S3DESK_BIN ]]; then
    [[ -x $S3DESK_BIN ]] || die "--s3desk-cli $S3DESK_BIN is not an executable"
  else
    S3DESK_BIN=$ROOT/build/bench/cli/s3desk-cli
    log "building s3desk-cli (build/bench, Release, no GUI)"
    if ! { [[ -f build/bench/build.ninja ]] ||
           cmake -S . -B build/bench -G Ninja -DCMAKE_BUILD_TYPE=Release -DS3DESK_BUILD_GUI=OFF -DBUILD_TESTING=OFF \
             >"$WORK/logs/cmake-configure.log" 2>&1; } ||
       ! cmake --build build/bench --target s3desk-cli s3desk-stallprobe >"$WORK/logs/cmake-build.log" 2>&1; then
      tail -20 "$WORK/logs/cmake-build.log" "$WORK/logs/cmake-configure.log" 2>/dev/null >&2 || true
      log "WARNING: building s3desk-cli failed; its rows will be FAILED"
      S3DESK_BUILD_OK=0
    fi
    if (( S3DESK_BUILD_OK )) && [[ ! -x $S3DESK_BIN ]]; then
      S3DESK_BIN=$(find build/bench -name s3desk-cli -type f -perm -u+x | head -1)
      [[ -n $S3DESK_BIN ]] || { log "WARNING: no s3desk-cli binary under build/bench"; S3DESK_BUILD_OK=0; }
      [[ -z $S3DESK_BIN ]] || S3DESK_BIN=$ROOT/$S3DESK_BIN
    fi
  fi
fi

# ---------------------------------------------------------------- server
if [[ -n $EXISTING_SERVER_DIR ]]; then
  [[ -f $S3DESK_SERVER_DIR/s3.env ]] || die "--server-dir $S3DESK_SERVER_DIR: no s3.env there (start it with S3DESK_SERVER_DIR=$S3DESK_SERVER_DIR scripts/s3server-up.sh)"
  log "using the server already running from $S3DESK_SERVER_DIR (not started, not stopped)"
else
  log "starting Ceph RGW on 127.0.0.1:28000 and https 127.0.0.1:28443 (scripts/s3server-up.sh, $S3DESK_SERVER_DIR)"
  SERVER_STARTED=1
  env "${SERVER_ENV[@]}" timeout 300 "$ROOT/scripts/s3server-up.sh" >"$WORK/logs/server-up.log" 2>&1 ||
    { tail -30 "$WORK/logs/server-up.log" >&2; die "the S3 server did not start (log above)"; }
fi
# shellcheck disable=SC1091
source "$S3DESK_SERVER_DIR/s3.env"
[[ $S3_ENDPOINT == http://127.0.0.1:* ]] || die "unexpected endpoint '$S3_ENDPOINT' (expected loopback)"
[[ $S3_TLS_ENDPOINT == https://127.0.0.1:* && -f $S3_TLS_CA ]] || die "the server has no https endpoint (S3_TLS_ENDPOINT '$S3_TLS_ENDPOINT')"
HTTP_ENDPOINT=$S3_ENDPOINT
# use_scheme http|https: the endpoint (EP) and CA file (CA, empty for http) every client command below uses.
use_scheme() {
  SCHEME=$1
  if [[ $1 == https ]]; then EP=$S3_TLS_ENDPOINT CA=$S3_TLS_CA; else EP=$HTTP_ENDPOINT CA=""; fi
}
use_scheme http
# ca_opt OPTION: "OPTION $CA" over https, nothing over http
ca_opt() { [[ -z $CA ]] || printf '%s\n%s\n' "$1" "$CA"; }
export CEPH_CONF=$S3DESK_SERVER_DIR/ceph.conf
BUCKET=bench KEY=obj

# One clean environment for every client: no ~/.aws, no profile, no IMDS, no CA bundle override, empty HOME.
CLEAN_ENV=(env -i PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin HOME="$WORK/home" LANG=C.UTF-8
           AWS_CONFIG_FILE=/dev/null AWS_SHARED_CREDENTIALS_FILE=/dev/null AWS_EC2_METADATA_DISABLED=true AWS_PAGER=
           AWS_ACCESS_KEY_ID="$AWS_ACCESS_KEY_ID" AWS_SECRET_ACCESS_KEY="$AWS_SECRET_ACCESS_KEY"
           AWS_DEFAULT_REGION="$AWS_DEFAULT_REGION")
RCLONE_ENV=(RCLONE_CONFIG=/dev/null RCLONE_CONFIG_BENCH_TYPE=s3 RCLONE_CONFIG_BENCH_PROVIDER=Ceph
            RCLONE_CONFIG_BENCH_ACCESS_KEY_ID="$AWS_ACCESS_KEY_ID" RCLONE_CONFIG_BENCH_SECRET_ACCESS_KEY="$AWS_SECRET_ACCESS_KEY"
            RCLONE_CONFIG_BENCH_REGION=us-east-1)
# Set-up and clean-up calls always go over http (they are not measured).
aws_cmd() { "${CLEAN_ENV[@]}" timeout 120 "$AWS" --endpoint-url "$HTTP_ENDPOINT" "$@"; }

aws_cmd s3api head-bucket --bucket "$BUCKET" >/dev/null 2>&1 || aws_cmd s3api create-bucket --bucket "$BUCKET" >/dev/null ||
  die "cannot create bucket $BUCKET"

# ---------------------------------------------------------------- test files
SRC=$WORK/src.bin
log "creating a random $SIZE_MIB MiB file"
head -c "$SIZE" /dev/urandom >"$SRC"
SRC_4G=""
if (( DO_4G )) && has_client s3desk; then
  SRC_4G=$WORK/src-4g.bin
  log "creating a random 4096 MiB file (s3desk-cli RSS check)"
  head -c "$SIZE_4G" /dev/urandom >"$SRC_4G"
fi
sync
cat "$SRC" >/dev/null   # in the page cache for every client alike

# ---------------------------------------------------------------- measurement
RESULTS=$WORK/results.tsv
: >"$RESULTS"
# CPU ticks (1/CLK_TCK s) now: "busy ticks of the whole machine (user nice system irq softirq; no steal), ticks of
# the Ceph daemons"
cpu_ticks() {
  local server=0 f pid
  for f in "$S3DESK_SERVER_DIR"/run/*.pid; do
    pid=$(cat "$f" 2>/dev/null) || continue
    # fields after "(comm)": state is 1st, utime 12th, stime 13th
    server=$(( server + $(sed 's/^.*) //' "/proc/$pid/stat" 2>/dev/null | awk '{print $12 + $13}' || echo 0) ))
  done
  awk -v server="$server" '/^cpu / {print $2 + $3 + $4 + $7 + $8, server; exit}' /proc/stat
}
CLK_TCK=$(getconf CLK_TCK)
# Every timed command starts against a quiet server: after an upload, BlueStore keeps flushing and compacting
# for a while, which would slow whatever comes next (most of all after a fast upload). Waits until the Ceph
# daemons use under 5% of a core over half a second (at most 30 s) and logs how long that took.
wait_server_idle() {
  local waited=0 a b
  read -r _ a < <(cpu_ticks)
  while (( waited < 60 )); do
    sleep 0.5
    read -r _ b < <(cpu_ticks)
    (( (b - a) * 20 <= CLK_TCK )) && break # < 0.05 s of CPU in 0.5 s
    a=$b
    waited=$(( waited + 1 ))
  done
  (( waited > 0 )) && log "  (waited $(awk -v w="$waited" 'BEGIN{print w / 2}') s for the server to go idle)"
  return 0
}
# measure LABEL CLIENT DIR RUN CMD... : times CMD, appends one line to $RESULTS; returns CMD's status.
# Columns: label client dir run wall_s user_s sys_s maxrss_kib server_cpu_s machine_busy_s status
measure() {
  local label=$1 client=$2 dir=$3 run=$4; shift 4
  local tf=$WORK/time.out lf=$WORK/logs/$label-$client-$dir-$run.log rc=0 b0 s0 b1 s1
  wait_server_idle
  read -r b0 s0 < <(cpu_ticks)
  /usr/bin/time -o "$tf" -f '%e %U %S %M' timeout --foreground -k 10 900 "$@" >"$lf" 2>&1 || rc=$?
  read -r b1 s1 < <(cpu_ticks)
  sync
  local e u s m srv busy
  read -r e u s m < <(tail -1 "$tf" 2>/dev/null) || true
  srv=$(awk -v a="$s0" -v b="$s1" -v t="$CLK_TCK" 'BEGIN{printf "%.2f", (b - a) / t}')
  busy=$(awk -v a="$b0" -v b="$b1" -v t="$CLK_TCK" 'BEGIN{printf "%.2f", (b - a) / t}')
  if (( rc == 0 )); then
    printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\tok\n' "$label" "$client" "$dir" "$run" "$e" "$u" "$s" "$m" "$srv" "$busy" >>"$RESULTS"
    log "  $client $dir ($label, run $run): ${e} s wall, $(awk -v u="$u" -v s="$s" 'BEGIN{print u+s}') s CPU, $((m / 1024)) MiB RSS (server CPU $srv s, machine busy $busy s)"
  else
    local why="exit $rc"; (( rc == 124 )) && why="timeout 900 s"
    fail_row "$label" "$client" "$dir" "$run" "$why"
    log "  $client $dir ($label, run $run): FAILED ($why); last lines of its output:"
    tail -5 "$lf" | sed 's/^/      /' >&2
  fi
  return "$rc"
}
fail_row() { printf '%s\t%s\t%s\t%s\t-\t-\t-\t-\t-\t-\tFAILED (%s)\n' "$1" "$2" "$3" "$4" "$5" >>"$RESULTS"; }

# Delete the object and any unfinished multipart upload, then let Ceph free the space now.
reset_bucket() {
  aws_cmd s3api delete-object --bucket "$BUCKET" --key "$KEY" >/dev/null 2>&1 || true
  local uploads
  uploads=$(aws_cmd s3api list-multipart-uploads --bucket "$BUCKET" --query 'Uploads[].[Key,UploadId]' --output text 2>/dev/null || true)
  if [[ -n $uploads && $uploads != None ]]; then
    while read -r k id; do
      [[ -n $id ]] && aws_cmd s3api abort-multipart-upload --bucket "$BUCKET" --key "$k" --upload-id "$id" >/dev/null 2>&1 || true
    done <<<"$uploads"
  fi
  timeout 300 radosgw-admin -n client.admin gc process --include-all >/dev/null 2>&1 || log "WARNING: radosgw-admin gc process failed"
  rm -f "$WORK"/down.bin
}

verify() { # verify CLIENT FILE SOURCE
  if cmp -s "$2" "$3"; then log "  $1: downloaded file is identical to the source"; return 0; fi
  log "ERROR: $1: the downloaded file DIFFERS from the source"
  echo "$1" >>"$WORK/corrupt"
  return 1
}

# --- per-client commands (upload LABEL RUN FILE / download LABEL RUN OUT) ---
s3desk_up() {
  (( S3DESK_BUILD_OK )) || { fail_row "$1" s3desk up "$2" "build failed"; return 1; }
  # shellcheck disable=SC2086,SC2046
  measure "$1" s3desk up "$2" "${CLEAN_ENV[@]}" "$S3DESK_BIN" --endpoint-url "$EP" $(ca_opt --ca-bundle) put "$3" "s3://$BUCKET/$KEY" $S3DESK_ARGS
}
s3desk_down() {
  (( S3DESK_BUILD_OK )) || { fail_row "$1" s3desk down "$2" "build failed"; return 1; }
  # shellcheck disable=SC2086,SC2046
  measure "$1" s3desk down "$2" "${CLEAN_ENV[@]}" "$S3DESK_BIN" --endpoint-url "$EP" $(ca_opt --ca-bundle) get "s3://$BUCKET/$KEY" "$3" $S3DESK_ARGS
}
s3desk-qt_up() {
  (( S3DESK_BUILD_OK )) || { fail_row "$1" s3desk-qt up "$2" "build failed"; return 1; }
  # shellcheck disable=SC2086,SC2046
  measure "$1" s3desk-qt up "$2" "${CLEAN_ENV[@]}" "$S3DESK_BIN" --endpoint-url "$EP" $(ca_opt --ca-bundle) put "$3" "s3://$BUCKET/$KEY" --qt-http $S3DESK_ARGS
}
s3desk-qt_down() {
  (( S3DESK_BUILD_OK )) || { fail_row "$1" s3desk-qt down "$2" "build failed"; return 1; }
  # shellcheck disable=SC2086,SC2046
  measure "$1" s3desk-qt down "$2" "${CLEAN_ENV[@]}" "$S3DESK_BIN" --endpoint-url "$EP" $(ca_opt --ca-bundle) get "s3://$BUCKET/$KEY" "$3" --qt-http $S3DESK_ARGS
}
awscli_up() {
  # shellcheck disable=SC2046
  measure "$1" awscli up "$2" "${CLEAN_ENV[@]}" "$AWS" --endpoint-url "$EP" $(ca_opt --ca-bundle) s3 cp --no-progress "$3" "s3://$BUCKET/$KEY"
}
awscli_down() {
  # shellcheck disable=SC2046
  measure "$1" awscli down "$2" "${CLEAN_ENV[@]}" "$AWS" --endpoint-url "$EP" $(ca_opt --ca-bundle) s3 cp --no-progress "s3://$BUCKET/$KEY" "$3"
}
rclone_up() {
  # shellcheck disable=SC2046
  measure "$1" rclone up "$2" "${CLEAN_ENV[@]}" "${RCLONE_ENV[@]}" RCLONE_CONFIG_BENCH_ENDPOINT="$EP" rclone $(ca_opt --ca-cert) copyto "$3" "bench:$BUCKET/$KEY"
}
rclone_down() {
  # shellcheck disable=SC2046
  measure "$1" rclone down "$2" "${CLEAN_ENV[@]}" "${RCLONE_ENV[@]}" RCLONE_CONFIG_BENCH_ENDPOINT="$EP" rclone $(ca_opt --ca-cert) copyto "bench:$BUCKET/$KEY" "$3"
}

# Ceiling: CreateMultipartUpload and the presigned URLs are made before the timed data phase, Complete after it;
# their time (python/awscli start-up dominated) is recorded separately in $WORK/ceiling-setup.tsv.
CEIL_PART=$(( CEIL_PART_MIB * 1024 * 1024 ))
CEIL_NPARTS=$(( (SIZE + CEIL_PART - 1) / CEIL_PART ))
CEIL_SLICES=$WORK/slices
: >"$WORK/ceiling-setup.tsv"
now() { date +%s.%N; }
# presigned_up CLIENT LABEL RUN FILE: the ceiling and curl-multi uploads (same slices, same presigned URLs).
presigned_up() {
  local client=$1 label=$2 run=$3 t0 t1 t2 t3 upload_id rc=0
  if [[ ! -d $CEIL_SLICES ]]; then
    mkdir -p "$CEIL_SLICES"
    split -b "$CEIL_PART" -a 4 -d --numeric-suffixes=1 "$4" "$CEIL_SLICES/part."
    cat "$CEIL_SLICES"/part.* >/dev/null
  fi
  rm -rf "$WORK/ceil-headers"; mkdir -p "$WORK/ceil-headers"
  t0=$(now)
  upload_id=$(aws_cmd s3api create-multipart-upload --bucket "$BUCKET" --key "$KEY" --query UploadId --output text) &&
    "${CLEAN_ENV[@]}" /usr/bin/python3 "$BENCH/presign.py" "$EP" "$BUCKET" "$KEY" parts "$upload_id" "$CEIL_NPARTS" \
      >"$WORK/ceil-urls" || { fail_row "$label" "$client" up "$run" "CreateMultipartUpload/presign"; return 1; }
  t1=$(now)
  if [[ $client == ceiling ]]; then
    measure "$label" "$client" up "$run" bash "$BENCH/ceiling.sh" up "$WORK/ceil-urls" "$CEIL_SLICES" "$WORK/ceil-headers" "$CEIL_INFLIGHT" "$CA" || return 1
  else
    measure "$label" "$client" up "$run" bash "$BENCH/curlmulti.sh" up "$WORK/ceil-urls" "$CEIL_SLICES" "$WORK/ceil-headers" "$CEIL_INFLIGHT" "$CA" || return 1
  fi
  t2=$(now)
  local n etag parts="" sep=""
  for (( n = 1; n <= CEIL_NPARTS; n++ )); do
    etag=$(tr -d '\r' <"$WORK/ceil-headers/$n.h" | awk 'tolower($1) == "etag:" { print $2 }' | tail -1)
    [[ -n $etag ]] || { log "$client: no ETag for part $n"; sed -i "\$s/\tok\$/\tFAILED (no ETag)/" "$RESULTS"; return 1; }
    etag=${etag//\"/}
    parts+="$sep{\"ETag\":\"\\\"$etag\\\"\",\"PartNumber\":$n}"; sep=,
  done
  echo "{\"Parts\":[$parts]}" >"$WORK/ceil-parts.json"
  aws_cmd s3api complete-multipart-upload --bucket "$BUCKET" --key "$KEY" --upload-id "$upload_id" \
    --multipart-upload "file://$WORK/ceil-parts.json" >"$WORK/logs/ceil-complete.log" 2>&1 || rc=$?
  t3=$(now)
  if (( rc != 0 )); then
    tail -5 "$WORK/logs/ceil-complete.log" >&2
    # the data phase row stays, but the object is not there: mark the run failed
    sed -i "\$s/\tok\$/\tFAILED (CompleteMultipartUpload)/" "$RESULTS"
    return 1
  fi
  printf 'up\t%s\t%s\n' "$(awk -v a="$t0" -v b="$t1" 'BEGIN{print b-a}')" "$(awk -v a="$t2" -v b="$t3" 'BEGIN{print b-a}')" >>"$WORK/ceiling-setup.tsv"
}
ceiling_up() { presigned_up ceiling "$@"; }
curl-multi_up() { presigned_up curl-multi "$@"; }
presigned_get_url() {
  local t0 t1 url
  t0=$(now)
  url=$("${CLEAN_ENV[@]}" /usr/bin/python3 "$BENCH/presign.py" "$EP" "$BUCKET" "$KEY" get) || return 1
  t1=$(now)
  printf 'down\t%s\t0\n' "$(awk -v a="$t0" -v b="$t1" 'BEGIN{print b-a}')" >>"$WORK/ceiling-setup.tsv"
  echo "$url"
}
ceiling_down() {
  local label=$1 run=$2 url
  url=$(presigned_get_url) || { fail_row "$label" ceiling down "$run" "presign"; return 1; }
  measure "$label" ceiling down "$run" bash "$BENCH/ceiling.sh" down "$url" "$3" "$SIZE" "$CEIL_PART" "$CEIL_INFLIGHT" "$CA"
}
# curl writes each range to its own file (it cannot write at an offset); they are joined untimed for the check.
curl-multi_down() {
  local label=$1 run=$2 url rc=0
  url=$(presigned_get_url) || { fail_row "$label" curl-multi down "$run" "presign"; return 1; }
  rm -rf "$WORK/ranges"
  measure "$label" curl-multi down "$run" bash "$BENCH/curlmulti.sh" down "$url" "$WORK/ranges" "$SIZE" "$CEIL_PART" "$CEIL_INFLIGHT" "$CA" || rc=$?
  if (( rc == 0 )); then cat "$WORK/ranges"/range.* >"$3"; fi
  rm -rf "$WORK/ranges"
  return "$rc"
}

# one_run LABEL CLIENT RUN FILE CHECK: upload, download, (cmp), reset
one_run() {
  local label=$1 client=$2 run=$3 file=$4 check=$5 out=$WORK/down.bin
  rm -f "$out"
  if "${client}_up" "$label" "$run" "$file"; then
    if "${client}_down" "$label" "$run" "$out"; then
      if (( check )); then verify "$client" "$out" "$file" || true; fi
    fi
  else
    fail_row "$label" "$client" down "$run" "upload failed"
  fi
  reset_bucket
}

# ---------------------------------------------------------------- runs
reset_bucket
if (( WARMUP )); then
  # A fresh OSD writes into never-used regions of its sparse file at first (slower); one untimed round trip
  # through the server before round 1 keeps that out of the first client's numbers.
  log "warming up the server: one untimed upload and download of the test file (awscli)"
  { aws_cmd s3 cp --no-progress "$SRC" "s3://$BUCKET/$KEY" && aws_cmd s3 cp --no-progress "s3://$BUCKET/$KEY" "$WORK/down.bin"; } \
    >"$WORK/logs/warmup.log" 2>&1 || log "WARNING: the warm-up failed (ignored): $(tail -1 "$WORK/logs/warmup.log")"
  sync
  reset_bucket
fi
# Rows are labelled SCHEME-SIZE (http-1024M, https-4096M, ...).
for (( run = 1; run <= RUNS; run++ )); do
  for scheme in "${SCHEME_LIST[@]}"; do
    use_scheme "$scheme"
    log "round $run of $RUNS ($SIZE_MIB MiB, $scheme): ${CLIENT_LIST[*]}"
    for client in "${CLIENT_LIST[@]}"; do
      one_run "$scheme-${SIZE_MIB}M" "$client" "$run" "$SRC" $(( run == 1 ))
    done
  done
done
rm -rf "$CEIL_SLICES"
if [[ -n $SRC_4G ]]; then
  cat "$SRC_4G" >/dev/null
  for scheme in "${SCHEME_LIST[@]}"; do
    use_scheme "$scheme"
    log "s3desk-cli with the 4096 MiB file over $scheme (RSS check)"
    one_run "$scheme-4096M" s3desk 1 "$SRC_4G" 1
  done
  use_scheme http
fi

STALL_LINE="(not measured)"
# The probe from the same build tree as the CLI measured (BUILD/cli/s3desk-cli -> BUILD/bench/stallprobe/...).
STALL_BIN=$(dirname "$(dirname "$S3DESK_BIN")")/bench/stallprobe/s3desk-stallprobe
if has_client s3desk && [[ -x $STALL_BIN ]]; then
  log "stall probe: longest event-loop gap on the caller's thread while the engine uploads and downloads"
  STALL_LINE=$(env -i PATH="$PATH" HOME="$WORK" S3_ENDPOINT="$S3_ENDPOINT" AWS_ACCESS_KEY_ID="$AWS_ACCESS_KEY_ID" \
    AWS_SECRET_ACCESS_KEY="$AWS_SECRET_ACCESS_KEY" AWS_DEFAULT_REGION=us-east-1 AWS_EC2_METADATA_DISABLED=true \
    AWS_CONFIG_FILE=/dev/null AWS_SHARED_CREDENTIALS_FILE=/dev/null \
    timeout 900 "$STALL_BIN" "$SRC" "s3://$BUCKET/stallprobe.bin" 2>&1 | tail -1) || STALL_LINE="FAILED: $STALL_LINE"
fi

# ---------------------------------------------------------------- report
S3DESK_VERSION="(not built)"
if has_client s3desk && (( S3DESK_BUILD_OK )); then
  S3DESK_VERSION=$("$S3DESK_BIN" --version 2>&1 | head -1 || true)
fi
{
  echo "date=$(date -u '+%Y-%m-%d %H:%M UTC')"
  echo "nproc=$(nproc)"
  echo "cpu=$(awk -F': *' '/^model name/ {print $2; exit}' /proc/cpuinfo)"
  echo "mem=$(awk '/^MemTotal/ {printf "%.0f GiB", $2 / 1048576}' /proc/meminfo)"
  echo "kernel=$(uname -r)"
  echo "os=$(. /etc/os-release && echo "$PRETTY_NAME")"
  echo "ceph=$(ceph --version 2>/dev/null | awk '{print $3, $5}')"
  echo "aws=$("$AWS" --version 2>&1 | head -1)"
  echo "rclone=$(rclone version 2>/dev/null | head -1)"
  echo "curl=$(curl --version | head -1 | awk '{print $1, $2}')"
  echo "s3desk=$S3DESK_VERSION"
  echo "s3desk_args=$S3DESK_ARGS"
  echo "size_mib=$SIZE_MIB"
  echo "schemes=$SCHEMES"
  echo "runs=$RUNS"
  echo "ceil_inflight=$CEIL_INFLIGHT"
  echo "ceil_part_mib=$CEIL_PART_MIB"
  echo "ceil_nparts=$CEIL_NPARTS"
  echo "quick=$QUICK"
  echo "warmup=$WARMUP"
  echo "load_start=$LOAD_START"
  echo "load_end=$(cut -d' ' -f1-3 /proc/loadavg)"
  echo "corrupt=$(paste -sd, "$WORK/corrupt" 2>/dev/null || true)"
} >"$WORK/meta.txt"
mkdir -p "$(dirname "$OUT")"
/usr/bin/python3 "$BENCH/summarize.py" "$WORK/meta.txt" "$RESULTS" "$WORK/ceiling-setup.tsv" >"$WORK/report.md"
cp "$WORK/report.md" "$OUT"
printf '\nEvent-loop stall on the caller thread while a %s MiB upload and download run through TransferEngine '\
'(s3desk-stallprobe, 1 ms timer): %s\n' "$SIZE_MIB" "$STALL_LINE" >>"$WORK/report.md"
cp "$WORK/report.md" "$OUT"
cat "$WORK/report.md"
log "report saved to ${OUT#"$ROOT"/}"
if [[ -s $WORK/corrupt ]]; then die "downloaded data differed from the source for: $(paste -sd, "$WORK/corrupt")"; fi
if grep -q $'\tFAILED' "$RESULTS"; then log "some measurements FAILED (see the table); exit status 3"; exit 3; fi
