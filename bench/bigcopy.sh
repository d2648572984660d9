#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# S3Desk server-side copy of one object above 5 GiB (the limit of a single CopyObject): `s3desk-cli cp` and `mv`
# (UploadPartCopy in parts, on the server) against `aws s3 cp` and `rclone copyto` between two keys of one bucket,
# on a local Ceph RGW this script starts (ports 29100/23500/26989, its own server directory) or on an existing
# loopback server (--endpoint, credentials from the environment). Prints a Markdown table and saves it under
# bench/results/.
#
#   bench/bigcopy.sh                         # a 5.5 GiB object (5632 MiB)
#   bench/bigcopy.sh --tls                   # the same over https (the server's TLS port, its own CA)
#   options: --size-mib N  --clients s3desk,awscli,rclone  --endpoint URL  --ca-bundle FILE (for an https
#            --endpoint)  --s3desk-cli PATH  --keep-server  --out FILE  --no-verify (skip reading every copy back)
#
# The source is uploaded once (s3desk-cli put, multipart) from a random file whose MD5 is kept; the local file is
# removed before the copies run, so the disk holds at most the source and one copy. Each copy is timed with
# `/usr/bin/time -f '%e %U %S %M'` (wall s, client CPU s, max RSS KiB), then read back through awscli to stdout
# and compared by MD5 with the source, then deleted. Client CPU is small for every client: the server moves the
# bytes. Everything talks to 127.0.0.1 only.
# Exit status: 0 all measured and identical, 1 a copy differed or the set-up failed, 2 bad options, 3 a client failed.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
BENCH=$ROOT/bench
SIZE_MIB=5632
CLIENTS=s3desk,awscli,rclone
ENDPOINT=
S3DESK_BIN=
KEEP_SERVER=0
OUT=
VERIFY=1
TLS=0
CA_BUNDLE=
usage() { sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'; }
need_arg() { [[ $# -ge 2 && -n $2 ]] || { echo "bigcopy.sh: $1 needs a value" >&2; exit 2; }; }
while [[ $# -gt 0 ]]; do
  case $1 in
    --size-mib) need_arg "$@"; SIZE_MIB=$2; shift ;;
    --clients) need_arg "$@"; CLIENTS=$2; shift ;;
    --endpoint) need_arg "$@"; ENDPOINT=$2; shift ;;
    --s3desk-cli) need_arg "$@"; S3DESK_BIN=$2; shift ;;
    --keep-server) KEEP_SERVER=1 ;;
    --out) need_arg "$@"; OUT=$2; shift ;;
    --no-verify) VERIFY=0 ;;
    --tls) TLS=1 ;;
    --ca-bundle) need_arg "$@"; CA_BUNDLE=$2; shift ;;
    -h|--help) usage; exit 0 ;;
    *) echo "bigcopy.sh: unknown option '$1' (see --help)" >&2; exit 2 ;;
  esac
  shift
done
[[ $SIZE_MIB =~ ^[1-9][0-9]*$ ]] || { echo "bigcopy.sh: --size-mib must be a positive integer" >&2; exit 2; }
IFS=, read -r -a CLIENT_LIST <<<"$CLIENTS"
for c in "${CLIENT_LIST[@]}"; do
  case $c in s3desk|awscli|rclone) ;; *) echo "bigcopy.sh: unknown client '$c'" >&2; exit 2 ;; esac
done
# shellcheck source=bench/common.sh
source "$BENCH/common.sh"
bench_check_endpoint bigcopy.sh
SCHEME=http SUFFIX=
if (( TLS )) || [[ $ENDPOINT == https://* ]]; then SCHEME=https SUFFIX=-https; fi
[[ -n $OUT ]] || OUT=$BENCH/results/bigcopy-${SIZE_MIB}MiB$SUFFIX.md

T0=$(date +%s.%N)
LOAD_START=$(cut -d' ' -f1-3 /proc/loadavg)
log() { awk -v t0="$T0" -v t="$(date +%s.%N)" -v m="$*" 'BEGIN{printf "[%6.1fs] bigcopy: %s\n", t-t0, m}' >&2; }
die() { echo "bigcopy: error: $*" >&2; exit 1; }

bench_require_tools /usr/bin/time rclone md5sum timeout awk
avail_mib=$(df -Pm /tmp | awk 'NR==2 {print $4}')
(( avail_mib > SIZE_MIB * 3 + 2048 )) || die "not enough space: $avail_mib MiB free, need ~$((SIZE_MIB * 3 + 2048)) MiB"
WORK=$(mktemp -d /tmp/s3desk-bigcopy.XXXXXX)
mkdir -p "$WORK/logs" "$WORK/home"

BUCKET=
cleanup() {
  local rc=$?
  trap - EXIT INT TERM
  if [[ -n $BUCKET ]]; then
    aws_cmd s3 rb --force "s3://$BUCKET" >/dev/null 2>&1 || true
  fi
  bench_stop_server
  rm -rf "$WORK"
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

bench_build_cli
bench_start_server /tmp/s3desk-bigcopy-server 29100 "$( (( TLS )) && echo 29543 || echo 0)" 23500 26989
bench_client_env
aws_cmd() { "${CLEAN_ENV[@]}" timeout 1800 "$AWS" --endpoint-url "$ENDPOINT" "${AWS_CA[@]}" "$@"; }
s3desk_cmd() { "${CLEAN_ENV[@]}" timeout 1800 "$S3DESK_BIN" --endpoint-url "$ENDPOINT" "${AWS_CA[@]}" "$@"; }
BUCKET=bigcopy-$(date +%s)-$$
aws_cmd s3api create-bucket --bucket "$BUCKET" >/dev/null || die "cannot create bucket $BUCKET on $ENDPOINT"

log "writing a random file of $SIZE_MIB MiB"
head -c $((SIZE_MIB * 1024 * 1024)) < <(openssl enc -aes-128-ctr -nosalt -pass pass:s3desk-bigcopy -in /dev/zero 2>/dev/null) >"$WORK/source.bin"
SOURCE_MD5=$(md5sum "$WORK/source.bin" | cut -d' ' -f1)
log "uploading it as s3://$BUCKET/source.bin (s3desk-cli put)"
start=$(date +%s.%N)
s3desk_cmd put "$WORK/source.bin" "s3://$BUCKET/source.bin" >"$WORK/logs/put.log" 2>&1 || { tail -5 "$WORK/logs/put.log" >&2; die "upload failed"; }
UPLOAD_S=$(awk -v a="$start" -v b="$(date +%s.%N)" 'BEGIN{printf "%.1f", b-a}')
rm -f "$WORK/source.bin"

ROWS=()
STATUS=0
measure() { # name key command...
  local name=$1 key=$2; shift 2
  local timing="$WORK/logs/$name.time"
  log "$name -> s3://$BUCKET/$key"
  if ! /usr/bin/time -o "$timing" -f '%e %U %S %M' "$@" >"$WORK/logs/$name.log" 2>&1; then
    tail -5 "$WORK/logs/$name.log" >&2
    ROWS+=("| $name | FAILED | | | | |")
    STATUS=3
    return 0
  fi
  read -r wall user sys rss <"$timing"
  local parts verdict=skipped
  parts=$(aws_cmd s3api head-object --bucket "$BUCKET" --key "$key" --query ETag --output text 2>/dev/null |
    awk '{ if (match($0, /-[0-9]+"?$/)) { s = substr($0, RSTART + 1); gsub(/"/, "", s); print s } else print 1 }')
  if (( VERIFY )); then
    local md5
    md5=$(aws_cmd s3 cp "s3://$BUCKET/$key" - | md5sum | cut -d' ' -f1)
    if [[ $md5 == "$SOURCE_MD5" ]]; then verdict=identical; else verdict="DIFFERS ($md5)"; STATUS=1; fi
  fi
  ROWS+=("$(awk -v n="$name" -v w="$wall" -v u="$user" -v s="$sys" -v r="$rss" -v p="$parts" -v v="$verdict" -v mib="$SIZE_MIB" \
    'BEGIN{printf "| %s | %.1f | %.0f | %.2f | %.0f | %s | %s |", n, w, mib / w, u + s, r / 1024, p, v}')")
  if [[ $key != source.bin ]]; then aws_cmd s3 rm "s3://$BUCKET/$key" >/dev/null 2>&1 || true; fi
}

for c in "${CLIENT_LIST[@]}"; do
  case $c in
    s3desk) measure "s3desk-cli cp" copy-s3desk.bin "${CLEAN_ENV[@]}" "$S3DESK_BIN" --endpoint-url "$ENDPOINT" "${AWS_CA[@]}" cp "s3://$BUCKET/source.bin" "s3://$BUCKET/copy-s3desk.bin" ;;
    awscli) measure "aws s3 cp" copy-awscli.bin "${CLEAN_ENV[@]}" "$AWS" --endpoint-url "$ENDPOINT" "${AWS_CA[@]}" s3 cp "s3://$BUCKET/source.bin" "s3://$BUCKET/copy-awscli.bin" ;;
    rclone) measure "rclone copyto" copy-rclone.bin "${CLEAN_ENV[@]}" "${RCLONE_ENV[@]}" rclone "${RCLONE_CA[@]}" copyto "bench:$BUCKET/source.bin" "bench:$BUCKET/copy-rclone.bin" ;;
  esac
done
if [[ " ${CLIENT_LIST[*]} " == *" s3desk "* ]]; then
  # A move: the copy in parts, then the source's delete; the moved object is read back like the copies.
  measure "s3desk-cli mv" moved.bin "${CLEAN_ENV[@]}" "$S3DESK_BIN" --endpoint-url "$ENDPOINT" "${AWS_CA[@]}" mv "s3://$BUCKET/source.bin" "s3://$BUCKET/moved.bin"
  if aws_cmd s3api head-object --bucket "$BUCKET" --key source.bin >/dev/null 2>&1; then
    ROWS+=("| (mv left the source behind) | | | | | | FAILED |"); STATUS=3
  fi
fi

{
  echo "## Server-side copy of one $SIZE_MIB MiB object over $SCHEME"
  echo
  echo "$(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) cores, $("$AWS" --version 2>&1 | cut -d' ' -f1), $(rclone version 2>/dev/null | head -1), s3desk-cli $("$S3DESK_BIN" --version 2>/dev/null | awk '{print $NF}');"
  echo "load average $LOAD_START at the start, $(cut -d' ' -f1-3 /proc/loadavg) at the end. Client and server share the machine."
  echo "The source was uploaded by s3desk-cli put in $UPLOAD_S s; parts = the copy's ETag part count; read back = MD5 of the copy against the source."
  echo
  echo "| client | wall s | MiB/s | client CPU s | max RSS MiB | parts | read back |"
  echo "|---|---|---|---|---|---|---|"
  printf '%s\n' "${ROWS[@]}"
} | tee "$OUT"
log "report saved to $OUT"
exit "$STATUS"
