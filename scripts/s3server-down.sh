#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Stops the daemons started by s3server-up.sh (by their pid files: both gateways, osd, mgr, mon). --purge also removes the data.
DIR=${S3DESK_SERVER_DIR:-/tmp/s3desk-server}
for name in client.rgw.sts client.rgw.a osd.0 mgr.x mon.a; do
  f=$DIR/run/$name.pid; [[ -f $f ]] || continue
  pid=$(cat "$f"); kill "$pid" 2>/dev/null
  for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
  kill -0 "$pid" 2>/dev/null && kill -9 "$pid" 2>/dev/null
  rm -f "$f"; echo "s3server: stopped $name ($pid)"
done
if [[ ${1:-} == --purge ]]; then rm -rf "$DIR"; echo "s3server: removed $DIR"; fi
exit 0
