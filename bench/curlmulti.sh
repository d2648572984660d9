#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# The "curl-multi" reference client of bench/run.sh: ONE curl process (libcurl's multi interface,
# `curl -Z --parallel-max INFLIGHT`) on presigned URLs, the same parts and ranges as the ceiling client's
# INFLIGHT separate curl processes. bench/run.sh times each call with /usr/bin/time.
#
#   curlmulti.sh up   URL_FILE SLICE_DIR HEADER_DIR INFLIGHT [CA_FILE]
#       PUT SLICE_DIR/part.NNNN (pre-split, 4 digits, from 0001) to line N of URL_FILE (presigned UploadPart
#       URLs); the response headers (with the ETag) go to HEADER_DIR/N.h
#   curlmulti.sh down URL OUT_DIR SIZE PART_BYTES INFLIGHT [CA_FILE]
#       ranged GETs of PART_BYTES; range N (from 1) is written to OUT_DIR/range.NNNN (curl cannot write at an
#       offset of one file; bench/run.sh joins them, untimed, to compare with the source)
# CA_FILE: verify https against this CA (--cacert). Exits non-zero if any transfer failed.
set -euo pipefail
mode=${1:?usage: curlmulti.sh up|down ...}
config=$(mktemp)
trap 'rm -f "$config"' EXIT
# Per-transfer options are repeated for every URL: `next` starts a fresh set.
per_transfer() { # per_transfer CA
  echo 'fail'
  echo 'silent'
  echo 'show-error'
  echo 'max-time = 600'
  [[ -z $1 ]] || printf 'cacert = "%s"\n' "$1"
}
case $mode in
  up)
    urls=$2 slices=$3 headers=$4 inflight=$5 ca=${6:-}
    n=0
    while IFS= read -r url; do
      n=$((n + 1))
      (( n > 1 )) && echo 'next'
      printf 'url = "%s"\n' "$url"
      printf 'upload-file = "%s/part.%04d"\n' "$slices" "$n"
      echo 'output = "/dev/null"'
      printf 'dump-header = "%s/%d.h"\n' "$headers" "$n"
      per_transfer "$ca"
    done <"$urls" >"$config"
    ;;
  down)
    url=$2 out=$3 size=$4 part=$5 inflight=$6 ca=${7:-}
    mkdir -p "$out"
    n=0
    for (( a = 0; a < size; a += part )); do
      n=$((n + 1)) b=$((a + part - 1))
      (( b < size )) || b=$((size - 1))
      (( n > 1 )) && echo 'next'
      printf 'url = "%s"\n' "$url"
      printf 'range = "%d-%d"\n' "$a" "$b"
      printf 'output = "%s/range.%04d"\n' "$out" "$n"
      per_transfer "$ca"
    done >"$config"
    ;;
  *) echo "curlmulti.sh: unknown mode '$mode'" >&2; exit 2 ;;
esac
curl --silent --show-error --no-progress-meter --parallel --parallel-max "$inflight" --config "$config"
