#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# S3Desk bandwidth limit accuracy: `s3desk-cli put` and `get` with --limit-rate at 1, 10, 50 and 100 MiB/s (and
# once without a limit, for the ceiling) against an existing loopback S3 server over
# http or https (default: the dev server of /tmp/s3desk-dev/s3.env; this script never starts or stops a server). Prints a
# Markdown table on stdout and saves it under bench/results/.
#
#   bench/limit-rate.sh
#   bench/limit-rate.sh --tls               # over https: the dev server's TLS port and CA
#   options: --rates 1,10,50,100 (MiB/s)  --size-mib N (default 256; rates below 10 MiB/s use N/16, at least 16)
#            --part-size SIZE (default 16M: 16 parts on 6 connections, so the limit is shared by several)
#            --endpoint URL (credentials from the environment)  --ca-bundle FILE (for an https --endpoint)
#            --s3desk-cli PATH (default build/cli/s3desk-cli)
#            --runs N (default 2: every measurement N times, in turns, so that a busy moment of a shared machine
#            shows as one odd row)  --out FILE  --work-dir DIR
#
# Each run goes through bench/rate-probe.py: wall s, client CPU s, max RSS, and the rate of the data phase
# (between 10 % and 90 % of the bytes moved: for a download the bytes written into the file, from /proc/PID/io;
# for an upload the bytes of its sendto() calls, from strace with a seccomp filter). "wall rate" is size / wall
# time of the whole command (process start, the whole-file hashing before an upload, CreateMultipartUpload,
# Complete, fsync and rename included); the error is the data-phase rate against the limit, which is what the
# limit governs. Every download is compared with the source (cmp). A limit above 90 % of the unlimited data-phase
# rate of this run is marked: there the machine, not the limit, sets the pace. Everything talks to 127.0.0.1 only.
# Exit status: 0 all measured and identical, 1 a download differed or the set-up failed, 2 bad options, 3 a run failed.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BENCH=$ROOT/bench

RATES=1,10,50,100 RUNS=2 SIZE_MIB=256 PART_SIZE=16M ENDPOINT="" S3DESK_BIN="" OUT="" WORK_PARENT=${TMPDIR:-/tmp} TLS=0 CA_BUNDLE=""
usage() { sed -n '2,/^set -euo/p' "${BASH_SOURCE[0]}" | sed '$d; s/^# \{0,1\}//'; }
need_arg() { [[ $# -ge 2 && -n $2 ]] || { echo "limit-rate.sh: $1 needs a value" >&2; exit 2; }; }
while [[ $# -gt 0 ]]; do
  case $1 in
    --rates) need_arg "$@"; RATES=$2; shift ;;
    --runs) need_arg "$@"; RUNS=$2; shift ;;
    --size-mib) need_arg "$@"; SIZE_MIB=$2; shift ;;
    --part-size) need_arg "$@"; PART_SIZE=$2; shift ;;
    --endpoint) need_arg "$@"; ENDPOINT=$2; shift ;;
    --s3desk-cli) need_arg "$@"; S3DESK_BIN=$2; shift ;;
    --out) need_arg "$@"; OUT=$2; shift ;;
    --work-dir) need_arg "$@"; WORK_PARENT=$2; shift ;;
    --tls) TLS=1 ;;
    --ca-bundle) need_arg "$@"; CA_BUNDLE=$2; shift ;;
    -h|--help) usage; exit 0 ;;
    *) echo "limit-rate.sh: unknown option '$1' (see --help)" >&2; exit 2 ;;
  esac
  shift
done
[[ $RUNS =~ ^[1-9][0-9]*$ ]] || { echo "limit-rate.sh: --runs must be a positive integer" >&2; exit 2; }
[[ $SIZE_MIB =~ ^[1-9][0-9]*$ ]] || { echo "limit-rate.sh: --size-mib must be a positive integer" >&2; exit 2; }
IFS=, read -r -a RATE_LIST <<<"$RATES"
for r in "${RATE_LIST[@]}"; do
  [[ $r =~ ^[1-9][0-9]*$ ]] || { echo "limit-rate.sh: --rates takes whole MiB/s, comma-separated (got '$r')" >&2; exit 2; }
done
if [[ -z $ENDPOINT ]]; then
  [[ -f /tmp/s3desk-dev/s3.env ]] || { echo "limit-rate.sh: no --endpoint and no /tmp/s3desk-dev/s3.env" >&2; exit 2; }
  # shellcheck disable=SC1091
  source /tmp/s3desk-dev/s3.env
  ENDPOINT=$S3_ENDPOINT
  if (( TLS )); then
    ENDPOINT=$S3_TLS_ENDPOINT
    CA_BUNDLE=$S3_TLS_CA
  fi
fi
if [[ ! $ENDPOINT =~ ^https?://(127\.0\.0\.1|localhost|\[::1\])(:[0-9]+)?/?$ ]]; then
  echo "limit-rate.sh: --endpoint must be a loopback URL (got '$ENDPOINT')" >&2; exit 2
fi
SCHEME=${ENDPOINT%%:*} SUFFIX=
[[ $SCHEME == https ]] && SUFFIX=-https
[[ $SCHEME != https || -n $CA_BUNDLE ]] || { echo "limit-rate.sh: an https endpoint needs --ca-bundle FILE" >&2; exit 2; }
CA_ARGS=()
[[ -z $CA_BUNDLE ]] || CA_ARGS=(--ca-bundle "$CA_BUNDLE")
[[ -n $S3DESK_BIN ]] || S3DESK_BIN=$ROOT/build/cli/s3desk-cli
[[ -n $OUT ]] || OUT=$BENCH/results/limit-rate$SUFFIX.md

T0=$(date +%s.%N)
LOAD_START=$(cut -d' ' -f1-3 /proc/loadavg)
log() { awk -v t0="$T0" -v t="$(date +%s.%N)" -v m="$*" 'BEGIN{printf "[%6.1fs] limit-rate: %s\n", t-t0, m}' >&2; }
die() { echo "limit-rate: error: $*" >&2; exit 1; }
[[ -x $S3DESK_BIN ]] || die "$S3DESK_BIN is not an executable (build s3desk-cli, or give --s3desk-cli PATH)"
[[ -n ${AWS_ACCESS_KEY_ID:-} && -n ${AWS_SECRET_ACCESS_KEY:-} ]] || die "AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY must be set"
for tool in strace python3 cmp timeout awk; do
  command -v "$tool" >/dev/null 2>&1 || die "'$tool' is missing"
done

mkdir -p "$WORK_PARENT"
WORK=$(mktemp -d "$WORK_PARENT/s3desk-limit.XXXXXX")
mkdir -p "$WORK/logs" "$WORK/home"
CLEAN_ENV=(env -i PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin HOME="$WORK/home" LANG=C.UTF-8
           AWS_CONFIG_FILE=/dev/null AWS_SHARED_CREDENTIALS_FILE=/dev/null AWS_EC2_METADATA_DISABLED=true
           AWS_ACCESS_KEY_ID="$AWS_ACCESS_KEY_ID" AWS_SECRET_ACCESS_KEY="$AWS_SECRET_ACCESS_KEY"
           AWS_DEFAULT_REGION="${AWS_DEFAULT_REGION:-us-east-1}")
s3desk() { "${CLEAN_ENV[@]}" timeout 1800 "$S3DESK_BIN" --endpoint-url "$ENDPOINT" "${CA_ARGS[@]}" "$@"; }
BUCKET=wip-ratelimit-bench-$(date +%s)-$$
BUCKET_MADE=0
cleanup() {
  local rc=$?
  trap - EXIT INT TERM
  if (( BUCKET_MADE )); then
    s3desk rm "s3://$BUCKET" --recursive >/dev/null 2>&1 || true
    s3desk rb "s3://$BUCKET" >/dev/null 2>&1 || log "could not remove bucket $BUCKET"
  fi
  rm -rf "$WORK"
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT TERM
s3desk mb "s3://$BUCKET" >/dev/null || die "cannot create bucket $BUCKET on $ENDPOINT"
BUCKET_MADE=1

# size in MiB for a rate: the full size from 10 MiB/s on, less below (a 256 MiB file at 1 MiB/s takes 4 minutes)
size_for() { local r=$1; if (( r >= 10 )); then echo "$SIZE_MIB"; else local s=$(( SIZE_MIB / 16 )); (( s < 16 )) && s=16; echo "$s"; fi; }
declare -A SOURCES
make_source() { # MiB -> SRC (a random file, and the same as an object; made once per size)
  local mib=$1
  SRC=$WORK/source-$1.bin
  if [[ -z ${SOURCES[$mib]:-} ]]; then
    head -c $(( mib * 1024 * 1024 )) /dev/urandom >"$SRC"
    SOURCES[$mib]=$SRC
    s3desk put "$SRC" "s3://$BUCKET/source-$mib.bin" --part-size "$PART_SIZE" >/dev/null || die "uploading the $mib MiB source failed"
  fi
}

RESULTS=$WORK/results.tsv
: >"$RESULTS"
# measure DIRECTION RATE MIB CMD...: prints "wall user sys maxrss datarate" and returns the command's status
measure() {
  local dir=$1 rate=$2 mib=$3; shift 3
  local lf=$WORK/logs/$dir-$rate-$mib.log rc=0 out
  sync
  out=$(python3 "$BENCH/rate-probe.py" "$([[ $dir == up ]] && echo up || echo down)" $(( mib * 1024 * 1024 )) "$@" 2>"$lf") || rc=$?
  if (( rc != 0 )); then
    log "  $dir at $rate: FAILED (exit $rc):"; tail -5 "$lf" | sed 's/^/      /' >&2
    return "$rc"
  fi
  echo "$out"
}
run_pair() { # RATE(MiB/s or 0) MIB -> appends "dir rate mib wall user sys rss status" rows
  local rate=$1 mib=$2 src limit=() t
  make_source "$mib"
  src=$SRC
  (( rate > 0 )) && limit=(--limit-rate "${rate}M")
  if t=$(measure up "$rate" "$mib" "${CLEAN_ENV[@]}" "$S3DESK_BIN" --endpoint-url "$ENDPOINT" "${CA_ARGS[@]}" put "$src" "s3://$BUCKET/up-$rate-$mib.bin" --part-size "$PART_SIZE" "${limit[@]}"); then
    printf 'upload\t%s\t%s\t%s\tok\t%s\n' "$rate" "$mib" "$t" "$RUN" >>"$RESULTS"
  else
    printf 'upload\t%s\t%s\t- - - - -\tFAILED\t%s\n' "$rate" "$mib" "$RUN" >>"$RESULTS"
  fi
  rm -f "$WORK/down.bin"
  if t=$(measure down "$rate" "$mib" "${CLEAN_ENV[@]}" "$S3DESK_BIN" --endpoint-url "$ENDPOINT" "${CA_ARGS[@]}" get "s3://$BUCKET/source-$mib.bin" "$WORK/down.bin" --part-size "$PART_SIZE" "${limit[@]}"); then
    if cmp -s "$src" "$WORK/down.bin"; then
      printf 'download\t%s\t%s\t%s\tok\t%s\n' "$rate" "$mib" "$t" "$RUN" >>"$RESULTS"
    else
      log "ERROR: the download at $rate MiB/s DIFFERS from the source"; echo x >>"$WORK/corrupt"
      printf 'download\t%s\t%s\t%s\tDIFFERS\t%s\n' "$rate" "$mib" "$t" "$RUN" >>"$RESULTS"
    fi
  else
    printf 'download\t%s\t%s\t- - - - -\tFAILED\t%s\n' "$rate" "$mib" "$RUN" >>"$RESULTS"
  fi
  rm -f "$WORK/down.bin"
  log "  $(tail -2 "$RESULTS" | awk -F'\t' '{split($4, t, " "); printf "%s %s MiB at %s MiB/s: %s s; ", $1, $3, $2, t[1]}')"
}

for (( RUN = 1; RUN <= RUNS; RUN++ )); do
  log "run $RUN of $RUNS; ceiling: $SIZE_MIB MiB without a limit"
  run_pair 0 "$SIZE_MIB"
  for rate in "${RATE_LIST[@]}"; do
    mib=$(size_for "$rate")
    log "--limit-rate ${rate}M: $mib MiB"
    run_pair "$rate" "$mib"
  done
done

# ---------------------------------------------------------------- report
S3DESK_VERSION=$("$S3DESK_BIN" --version 2>&1 | head -1 || true)
{
  echo "## Bandwidth limit: s3desk-cli put/get --limit-rate, measured against the limit"
  echo
  echo "$(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) cores ($(awk -F': *' '/^model name/ {print $2; exit}' /proc/cpuinfo)), $S3DESK_VERSION,"
  echo "Ceph RGW on 127.0.0.1 over $SCHEME (client and server share the machine), --part-size $PART_SIZE, default --concurrency (6);"
  echo "load average $LOAD_START at the start, $(cut -d' ' -f1-3 /proc/loadavg) at the end."
  echo
  awk -F'\t' '
    { split($4, t, " "); wall[NR] = t[1]; cpu[NR] = t[2] + t[3]; rss[NR] = t[4]; data[NR] = t[5] / 1048576
      dir[NR] = $1; rate[NR] = $2; mib[NR] = $3; st[NR] = $5; run[NR] = $6
      if ($2 == 0 && $5 == "ok") ceiling[$6, $1] = t[5] / 1048576 }
    END {
      print "| run | direction | limit | size | wall s | wall rate MiB/s | data-phase rate MiB/s | error | client CPU s | max RSS MiB |"
      print "|---|---|---|---|---|---|---|---|---|---|"
      for (i = 1; i <= NR; i++) {
        lim = rate[i] == 0 ? "none" : rate[i] " MiB/s"
        if (st[i] != "ok") { printf "| %s | %s | %s | %s MiB | %s | | | | | |\n", run[i], dir[i], lim, mib[i], st[i]; continue }
        err = (rate[i] == 0 || data[i] == 0) ? "" : sprintf("%+.1f %%", (data[i] - rate[i]) / rate[i] * 100)
        c = ceiling[run[i], dir[i]]
        if (rate[i] > 0 && c > 0 && rate[i] > 0.9 * c) err = err " (limit near or above the unlimited " sprintf("%.0f", c) " MiB/s of this run)"
        printf "| %s | %s | %s | %s MiB | %.2f | %.1f | %.1f | %s | %.2f | %d |\n", run[i], dir[i], lim, mib[i], wall[i], mib[i] / wall[i], data[i], err, cpu[i], rss[i] / 1024
      }
    }' "$RESULTS"
  echo
  echo "Every download was compared with its source (cmp): $([[ -f $WORK/corrupt ]] && echo "SOME DIFFERED" || echo "all identical")."
  echo "The client CPU of an upload includes strace's (it times the sends)."
} | tee "$OUT"
log "saved $OUT"
[[ -f $WORK/corrupt ]] && exit 1
grep -q FAILED "$RESULTS" && exit 3
exit 0
