#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# S3Desk search benchmark: puts COUNT tiny keys under one prefix (once: `s3desk-cli sync` of a folder of 1-byte
# files in 100 folders), then runs the search job headless (`s3desk-cli find`, the same SearchObjectsJob as the
# app's Find) with a few criteria and reports, for each: matches, keys searched, time to the first result, total
# time, keys/s and max RSS. On a local Ceph RGW this script starts (ports 29100/23500/26989, its own server
# directory) or on an existing server (--endpoint, credentials from the environment).
# Prints a Markdown table on stdout and saves it under bench/results/.
#
#   bench/search.sh                         # 100,000 keys
#   bench/search.sh --count 10000
#   options: --count N  --runs N  --endpoint URL  --bucket NAME (reuse: keys already there are not put again,
#            and the bucket is kept)  --tls  --ca-bundle FILE  --s3desk-cli PATH  --keep-server  --out FILE
#            --work-dir DIR
# Exit status: 0 all measured, 3 a measurement failed, 1 set-up failed, 2 bad options.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BENCH=$ROOT/bench

COUNT=100000 RUNS=1 ENDPOINT="" S3DESK_BIN="" KEEP_SERVER=0 OUT="" WORK_PARENT=${TMPDIR:-/tmp} TLS=0 CA_BUNDLE="" BUCKET=""
usage() { sed -n '2,/^set -euo/p' "${BASH_SOURCE[0]}" | sed '$d; s/^# \{0,1\}//'; }
need_arg() { [[ $# -ge 2 && -n $2 ]] || { echo "search.sh: $1 needs a value" >&2; exit 2; }; }
while [[ $# -gt 0 ]]; do
  case $1 in
    --count) need_arg "$@"; COUNT=$2; shift ;;
    --runs) need_arg "$@"; RUNS=$2; shift ;;
    --endpoint) need_arg "$@"; ENDPOINT=$2; shift ;;
    --bucket) need_arg "$@"; BUCKET=$2; shift ;;
    --s3desk-cli) need_arg "$@"; S3DESK_BIN=$2; shift ;;
    --keep-server) KEEP_SERVER=1 ;;
    --out) need_arg "$@"; OUT=$2; shift ;;
    --work-dir) need_arg "$@"; WORK_PARENT=$2; shift ;;
    --tls) TLS=1 ;;
    --ca-bundle) need_arg "$@"; CA_BUNDLE=$2; shift ;;
    -h|--help) usage; exit 0 ;;
    *) echo "search.sh: unknown option '$1' (see --help)" >&2; exit 2 ;;
  esac
  shift
done
for v in COUNT RUNS; do
  [[ ${!v} =~ ^[1-9][0-9]*$ ]] || { echo "search.sh: $v must be a positive integer (got '${!v}')" >&2; exit 2; }
done
# shellcheck source=bench/common.sh
source "$BENCH/common.sh"
bench_check_endpoint search.sh
SUFFIX=
if (( TLS )) || [[ $ENDPOINT == https://* ]]; then SUFFIX=-https; fi
[[ -n $OUT ]] || OUT=$BENCH/results/search-$COUNT$SUFFIX.md

T0=$(date +%s.%N)
LOAD_START=$(cut -d' ' -f1-3 /proc/loadavg)
log() { awk -v t0="$T0" -v t="$(date +%s.%N)" -v m="$*" 'BEGIN{printf "[%6.1fs] search: %s\n", t-t0, m}' >&2; }
die() { echo "search: error: $*" >&2; exit 1; }

bench_require_tools /usr/bin/time timeout awk
mkdir -p "$WORK_PARENT"
WORK=$(mktemp -d "$WORK_PARENT/s3desk-search.XXXXXX")
mkdir -p "$WORK/logs" "$WORK/home"
OWN_BUCKET=0
cleanup() {
  local rc=$?
  trap - EXIT INT TERM
  if (( OWN_BUCKET )); then
    log "deleting bucket $BUCKET"
    s3desk rm "s3://$BUCKET/search/" --recursive >/dev/null 2>&1 || true
    s3desk rb "s3://$BUCKET" >/dev/null 2>&1 || true
  fi
  bench_stop_server
  rm -rf "$WORK"
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

bench_build_cli
bench_start_server /tmp/s3desk-search-server 29100 "$( (( TLS )) && echo 29543 || echo 0)" 23500 26989
bench_client_env
s3desk() { "${CLEAN_ENV[@]}" timeout 3600 "$S3DESK_BIN" --endpoint-url "$ENDPOINT" "${AWS_CA[@]}" "$@"; }

if [[ -z $BUCKET ]]; then
  BUCKET=search-bench-$(date +%s)-$$
  OWN_BUCKET=1
  s3desk mb "s3://$BUCKET" >/dev/null || die "cannot create bucket $BUCKET on $ENDPOINT"
fi

# ---------------------------------------------------------------- the keys (once)
have=$(s3desk find "s3://$BUCKET/search/" --count 2>/dev/null || echo 0)
if (( have != COUNT )); then
  (( have == 0 )) || die "s3://$BUCKET/search/ holds $have keys, not $COUNT: use another --bucket"
  SRC=$WORK/src
  log "creating $COUNT files of 1 byte in 100 folders"
  /usr/bin/python3 - "$SRC" "$COUNT" <<'PY'
import os, sys
root, count = sys.argv[1], int(sys.argv[2])
for f in range(100):
    os.makedirs(os.path.join(root, "d%02d" % f, "sub"), exist_ok=True)
for i in range(count):
    # every 10th file one level deeper; sizes 1 byte, except every 1000th: 2 KiB
    folder = os.path.join(root, "d%02d" % (i % 100), "sub" if i % 10 == 5 else "")
    with open(os.path.join(folder, "f%07d.%s" % (i, "csv" if i % 4 == 0 else "bin")), "wb") as out:
        out.write(b"x" * (2048 if i % 1000 == 999 else 1))
PY
  log "putting them with s3desk-cli sync (one time)"
  start=$(date +%s.%N)
  s3desk sync "$SRC" "s3://$BUCKET/search/" --concurrency 16 >"$WORK/logs/sync.log" 2>&1 ||
    { tail -5 "$WORK/logs/sync.log" >&2; die "putting the keys failed"; }
  PUT_S=$(awk -v a="$start" -v b="$(date +%s.%N)" 'BEGIN{printf "%.1f", b-a}')
  log "  put $COUNT keys in $PUT_S s"
  rm -rf "$SRC"
else
  PUT_S="(already there)"
  log "s3://$BUCKET/search/ already holds $COUNT keys"
fi

# ---------------------------------------------------------------- searches
RESULTS=$WORK/results.tsv
: >"$RESULTS"
FAILED=0
# run LABEL FIND-ARGS...: one find, summary parsed from its stderr, RSS from /usr/bin/time
run() {
  local label=$1; shift
  local tf=$WORK/time.out lf=$WORK/logs/find.log rc=0
  /usr/bin/time -o "$tf" -f '%e %M' "${CLEAN_ENV[@]}" timeout 3600 "$S3DESK_BIN" --endpoint-url "$ENDPOINT" "${AWS_CA[@]}" \
    find "s3://$BUCKET/search/" "$@" >/dev/null 2>"$lf" || rc=$?
  local wall rss
  read -r wall rss < <(tail -1 "$tf") || true
  if (( rc != 0 )); then
    log "  $label: FAILED (exit $rc): $(tail -2 "$lf")"
    printf '%s\t-\t-\t-\t-\t-\t-\tFAILED\n' "$label" >>"$RESULTS"
    FAILED=1
    return 0
  fi
  # "N found in M keys, S s (first match after F ms, K keys/s)"
  local summary
  summary=$(grep ' found in ' "$lf" | tail -1)
  local found keys secs first kps
  found=$(sed -E 's/^([0-9]+) found.*/\1/' <<<"$summary")
  keys=$(sed -E 's/.* found in ([0-9]+) keys.*/\1/' <<<"$summary")
  secs=$(sed -E 's/.* keys, ([0-9.]+) s .*/\1/' <<<"$summary")
  first=$(sed -E 's/.*first match after (-?[0-9]+) ms.*/\1/' <<<"$summary")
  kps=$(sed -E 's/.*ms, ([0-9]+) keys\/s.*/\1/' <<<"$summary")
  printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\tok\n' "$label" "$found" "$keys" "$first" "$secs" "$kps" "$((rss / 1024))" >>"$RESULTS"
  log "  $label: $found found in $keys keys, first after $first ms, $secs s, $kps keys/s, $((rss / 1024)) MiB RSS"
}
for r in $(seq "$RUNS"); do
  log "round $r of $RUNS"
  run "name substring '7.bin' (1 in 10 keys, spread)" --name 7.bin
  run "glob '*/sub/f*25.bin' (path, 1 in 100)" --name '*/sub/f*25.bin'
  run "size >= 1K (1 in 1000 keys)" --min-size 1K
  run "no match (whole walk)" --name no-such-name
done

LOAD_END=$(cut -d' ' -f1-3 /proc/loadavg)
report=$(
  echo "## Search: $COUNT keys under one prefix, s3desk-cli find (SearchObjectsJob), pages of 1,000"
  echo
  echo "$(date -u '+%F %H:%M') UTC, $(nproc) cores ($(awk -F': ' '/model name/{print $2; exit}' /proc/cpuinfo | awk '{print $1, $2, $3}')),"
  echo "$("$S3DESK_BIN" --version 2>/dev/null || echo s3desk-cli); server $ENDPOINT; keys put in $PUT_S s;"
  echo "load average $LOAD_START at the start, $LOAD_END at the end. Client and server share the machine."
  echo
  echo "| search | matches | keys searched | first result ms | total s | keys/s | max RSS MiB |"
  echo "|---|---|---|---|---|---|---|"
  awk -F'\t' '{ if ($8 == "ok") printf "| %s | %s | %s | %s | %s | %s | %s |\n", $1, $2, $3, ($4 < 0 ? "-" : $4), $5, $6, $7; else printf "| %s | FAILED | | | | | |\n", $1 }' "$RESULTS"
)
echo "$report"
mkdir -p "$(dirname "$OUT")"
echo "$report" >"$OUT"
log "saved $OUT"
(( FAILED == 0 )) || exit 3
