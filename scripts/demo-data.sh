#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Fills a bucket with demo content (idempotent: does nothing when the bucket exists):
#   README.txt, images/ (a PNG and an SVG), docs/notes.md, data/large.bin (48 MiB unless set), many-files/ (2,000 keys),
#   a deep folder (projects/2026/…/originals/), docs/contract.txt with SSE-KMS (the server's testing key
#   testkey-1) and two tags; then versioning is switched on and docs/ gets a second version of notes.md and a
#   deleted draft (a delete marker), so "Show versions" has something to show.
#   scripts/demo-data.sh CLI_BINARY ENDPOINT BUCKET      (credentials from the environment)
# S3DESK_DEMO_LARGE_MIB sets the size of data/large.bin (screenshots.sh makes it large enough for a resumed
# download to run long enough on loopback to show its rate).
set -euo pipefail
CLI=("$1" --endpoint-url "$2")
BUCKET=$3
ROOT=$(cd "$(dirname "$0")/.." && pwd)
if "${CLI[@]}" ls "s3://$BUCKET" >/dev/null 2>&1; then
  exit 0
fi
echo "demo-data: filling s3://$BUCKET"
"${CLI[@]}" mb "s3://$BUCKET" >/dev/null
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
mkdir -p "$work/tree/images" "$work/tree/docs" "$work/tree/data" "$work/tree/many-files"
printf 'Welcome to S3Desk.\nThis bucket lives on a local Ceph RADOS Gateway: drop files here to upload them.\n' > "$work/tree/README.txt"
printf '# Notes\n\n- Double-click a folder to open it, Backspace goes up.\n- F2 renames, Del deletes, Ctrl+Shift+C copies a presigned link.\n' > "$work/tree/docs/notes.md"
cp "$ROOT/resources/icons/s3desk.svg" "$work/tree/images/logo.svg"
# A small PNG gradient, written without any image tool.
python3 - "$work/tree/images/gradient.png" <<'PY'
import struct, sys, zlib
w, h = 256, 128
rows = b"".join(b"\x00" + bytes(v for x in range(w) for v in (x, (x + y) % 256, 255 - x)) for y in range(h))
def chunk(kind, data):
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
png = b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 8, 2, 0, 0, 0)) + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b"")
open(sys.argv[1], "wb").write(png)
PY
head -c $((${S3DESK_DEMO_LARGE_MIB:-48} * 1024 * 1024)) /dev/urandom > "$work/tree/data/large.bin"
for i in $(seq -w 1 2000); do echo "file $i" > "$work/tree/many-files/file-$i.txt"; done
deep="$work/tree/projects/2026/acme-corporation/quarterly-reports/q4-december/scanned-invoices/originals"
mkdir -p "$deep"
for i in 1 2 3; do printf 'Invoice %s (scanned)\n' "$i" > "$deep/invoice-2026-12-0$i.txt"; done
"${CLI[@]}" sync "$work/tree" "s3://$BUCKET/" >/dev/null
printf 'Signed by both parties on 2026-12-01.\n' > "$work/contract.txt"
"${CLI[@]}" put "$work/contract.txt" "s3://$BUCKET/docs/contract.txt" --content-type text/plain \
  --meta department=legal --meta reviewed-by=j.doe --sse aws:kms --sse-kms-key-id testkey-1 \
  --tag project=apollo --tag retention=7y >/dev/null
"${CLI[@]}" versioning "s3://$BUCKET" enable >/dev/null
printf '# Notes\n\n- Show versions (toolbar) lists every version and delete marker of a folder.\n' > "$work/notes.md"
"${CLI[@]}" put "$work/notes.md" "s3://$BUCKET/docs/notes.md" --content-type text/markdown >/dev/null
printf 'A first draft.\n' > "$work/draft.md"
"${CLI[@]}" put "$work/draft.md" "s3://$BUCKET/docs/draft.md" >/dev/null
"${CLI[@]}" rm "s3://$BUCKET/docs/draft.md" >/dev/null
echo "demo-data: done"
