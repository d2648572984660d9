#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# The data phase of the "ceiling" client of bench/run.sh: presigned URLs + parallel curl, nothing else.
# bench/run.sh times each call of this script with /usr/bin/time, so the CPU of every curl and dd is counted.
#
#   ceiling.sh up   URL_FILE SLICE_DIR HEADER_DIR INFLIGHT [CA_FILE]
#       PUT SLICE_DIR/part.NNNN (pre-split, 4 digits, from 0001) to line N of URL_FILE (presigned UploadPart
#       URLs), INFLIGHT at a time; the response headers (with the ETag) go to HEADER_DIR/N.h
#   ceiling.sh down URL OUT SIZE PART_BYTES INFLIGHT [CA_FILE]
#       preallocate OUT (SIZE bytes), then ranged GETs of PART_BYTES, INFLIGHT at a time, each written at its offset
# CA_FILE: verify https against this CA (curl --cacert).
# Exits non-zero if any request failed.
set -euo pipefail
mode=${1:?usage: ceiling.sh up|down ...}
case $mode in
  up)
    export CEIL_SLICES=$3 CEIL_HEADERS=$4 CURL_CA_BUNDLE=${6:-}
    inflight=$5
    # xargs appends "N URL" to the command: $1 = part number, $2 = URL (URLs contain no blanks or quotes).
    awk '{ printf "%d %s\n", NR, $0 }' "$2" |
      xargs -P "$inflight" -n 2 sh -c \
        'exec curl -s -S -f --max-time 600 -o /dev/null -D "$CEIL_HEADERS/$1.h" -T "$CEIL_SLICES/part.$(printf %04d "$1")" "$2"' _
    ;;
  down)
    export CEIL_URL=$2 CEIL_OUT=$3 CURL_CA_BUNDLE=${7:-}
    size=$4 part=$5 inflight=$6
    rm -f "$CEIL_OUT"
    fallocate -l "$size" "$CEIL_OUT"
    awk -v size="$size" -v part="$part" 'BEGIN { for (a = 0; a < size; a += part) { b = a + part - 1; if (b >= size) b = size - 1; printf "%d %d\n", a, b } }' |
      xargs -P "$inflight" -n 2 bash -c \
        'set -o pipefail; curl -s -S -f --max-time 600 -r "$1-$2" "$CEIL_URL" | dd of="$CEIL_OUT" bs=4M seek="$1" oflag=seek_bytes conv=notrunc status=none' _
    ;;
  *) echo "ceiling.sh: unknown mode '$mode'" >&2; exit 2 ;;
esac
