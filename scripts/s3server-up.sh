#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Starts a single-node, loopback-only Ceph cluster with a RADOS Gateway: the real, signature-checking S3 server
# that S3Desk's tests, benchmarks and demo use. 1 mon + 1 mgr + 1 OSD (BlueStore on a sparse file) + radosgw.
#
#   scripts/s3server-up.sh            # defaults below; ~20 s to healthy
#   S3DESK_SERVER_DIR=/tmp/x S3DESK_RGW_PORT=18000 ... scripts/s3server-up.sh
#   scripts/s3server-down.sh [--purge]
#
# Writes $S3DESK_SERVER_DIR/s3.env (source it): S3_ENDPOINT, S3_TLS_ENDPOINT, S3_TLS_CA, S3_STS_ENDPOINT,
# AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_DEFAULT_REGION, S3_OTHER_ACCESS_KEY, S3_OTHER_SECRET_KEY.
# Two users: "tester" (the main one, may manage IAM roles for STS tests) and "other" (for AccessDenied tests).
# The SSE-KMS testing backend is on. HTTPS with a self-signed CA on a second port. STS (AssumeRole, ...) is served
# by a second gateway on the same cluster (S3_STS_ENDPOINT, port RGW_PORT+1; S3 requests signed with session
# credentials go there too): with STS on, RGW 16 answers every bad signature or unknown key with AccessDenied,
# so the main gateway keeps it off and answers SignatureDoesNotMatch / InvalidAccessKeyId as AWS does.
# Every listener is bound to 127.0.0.1. Daemons run as the calling user; data lives in $S3DESK_SERVER_DIR.
set -euo pipefail
DIR=${S3DESK_SERVER_DIR:-/tmp/s3desk-server}
RGW_PORT=${S3DESK_RGW_PORT:-8000}
RGW_TLS_PORT=${S3DESK_RGW_TLS_PORT:-8443}
RGW_STS_PORT=${S3DESK_RGW_STS_PORT:-$((RGW_PORT + 1))}
MON_V2=${S3DESK_MON_V2_PORT:-3300}
MON_V1=${S3DESK_MON_V1_PORT:-6789}
AK=${S3DESK_ACCESS_KEY:-S3DESKTESTACCESSKEY1}
SK=${S3DESK_SECRET_KEY:-s3desk-test-secret-key-0000000000000001}
OTHER_AK=S3DESKOTHERACCESSKEY
OTHER_SK=s3desk-other-secret-key-000000000000001
T0=$(date +%s.%N)
log() { awk -v t0="$T0" -v t="$(date +%s.%N)" -v m="$*" 'BEGIN{printf "[%5.1fs] s3server: %s\n", t-t0, m}'; }

for tool in ceph-mon ceph-mgr ceph-osd radosgw radosgw-admin ceph ceph-authtool monmaptool openssl curl; do
  command -v "$tool" >/dev/null || { echo "s3server-up: '$tool' is missing; run scripts/install-deps.sh" >&2; exit 1; }
done
if ls "$DIR"/run/*.pid >/dev/null 2>&1; then
  alive=0
  for f in "$DIR"/run/*.pid; do kill -0 "$(cat "$f")" 2>/dev/null && alive=1; done
  if (( alive )) && [[ -f $DIR/s3.env ]]; then
    log "already running (source $DIR/s3.env); stop it with scripts/s3server-down.sh"; exit 0
  fi
  "$(dirname "$0")/s3server-down.sh" >/dev/null
fi
for port in "$RGW_PORT" "$RGW_TLS_PORT" "$RGW_STS_PORT" "$MON_V2" "$MON_V1"; do
  if (echo >"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
    echo "s3server-up: port $port on 127.0.0.1 is already in use; choose other ports (S3DESK_RGW_PORT, ...)" >&2; exit 1
  fi
done

stop_started() {
  local rc=$?; [[ $rc == 0 ]] && return
  echo "s3server-up: failed (exit $rc); logs in $DIR/log; stopping what was started" >&2
  "$(dirname "$0")/s3server-down.sh" >/dev/null 2>&1 || true
}
trap stop_started EXIT

rm -rf "$DIR"; mkdir -p "$DIR"/{run,log,crash,mon.a,mgr.x,osd.0,rgw.a,rgw.sts}
FSID=$(cat /proc/sys/kernel/random/uuid)
CONF=$DIR/ceph.conf; export CEPH_CONF=$CONF
KEYRING=$DIR/keyring
TLS_FRONTEND=""
if [[ $RGW_TLS_PORT != 0 ]]; then
  openssl req -x509 -newkey rsa:2048 -nodes -days 30 -subj /CN=localhost \
    -addext "subjectAltName=IP:127.0.0.1,DNS:localhost" \
    -keyout "$DIR/rgw.a/key.pem" -out "$DIR/rgw.a/cert.pem" 2>/dev/null
  TLS_FRONTEND=" ssl_endpoint=127.0.0.1:$RGW_TLS_PORT ssl_certificate=$DIR/rgw.a/cert.pem ssl_private_key=$DIR/rgw.a/key.pem"
fi

RGW_COMMON=$(cat <<'COMMON'
rgw thread pool size = 64
rgw dns name = localhost
rgw enable usage log = false
# deleted data is freed after 30 s instead of 2 h, so repeated benchmarks do not fill the disk
rgw gc obj min wait = 30
rgw gc processor period = 30
# SSE-KMS without a key server: key ids map to fixed AES-256 keys (Ceph's testing backend); SSE over plain
# http is allowed because the tests also run on the http port
rgw crypt s3 kms backend = testing
rgw crypt s3 kms encryption keys = testkey-1=YmluCmJvb3N0CmJvb3N0LWJ1aWxkCmNlcGguY29uZgo= testkey-2=aWIKTWFrZWZpbGUKbWFuCm91dApzcmMKVGVzdGluZwo=
rgw crypt require ssl = false
COMMON
)
cat > "$CONF" <<CONF
[global]
fsid = $FSID
mon host = [v2:127.0.0.1:$MON_V2,v1:127.0.0.1:$MON_V1]
public addr = 127.0.0.1
cluster addr = 127.0.0.1
public network = 127.0.0.0/8
ms bind ipv6 = false
auth cluster required = cephx
auth service required = cephx
auth client required = cephx
auth allow insecure global id reclaim = false
keyring = $KEYRING
run dir = $DIR/run
admin socket = $DIR/run/\$name.asok
pid file = $DIR/run/\$name.pid
log file = $DIR/log/\$name.log
crash dir = $DIR/crash
osd pool default size = 1
osd pool default min size = 1
osd pool default pg num = 8
osd pool default pgp num = 8
osd pool default pg autoscale mode = off
osd crush chooseleaf type = 0
mon allow pool size one = true
mon allow pool delete = true
mon max pg per osd = 1000
mon warn on pool no redundancy = false
mon warn on insecure global id reclaim allowed = false
mon data avail warn = 2
mon data avail crit = 1
mgr initial modules =

[mon]
mon data = $DIR/mon.\$id
mon cluster log file = $DIR/log/cluster.log

[mgr]
mgr data = $DIR/mgr.\$id

[osd]
osd data = $DIR/osd.\$id
osd objectstore = bluestore
osd memory target = 939524096
osd op num shards = 1
osd op num threads per shard = 2
bluestore block create = true
bluestore block size = 21474836480
bluestore fsck on mount = false

[client.rgw.a]
keyring = $DIR/rgw.a/keyring
rgw frontends = beast endpoint=127.0.0.1:$RGW_PORT$TLS_FRONTEND
rgw data = $DIR/rgw.a
$RGW_COMMON

[client.rgw.sts]
keyring = $DIR/rgw.sts/keyring
rgw frontends = beast endpoint=127.0.0.1:$RGW_STS_PORT
rgw data = $DIR/rgw.sts
$RGW_COMMON
# STS (AssumeRole, AssumeRoleWithWebIdentity, GetSessionToken); the key encrypts the session tokens it hands out
# (exactly 16 characters)
rgw s3 auth use sts = true
rgw sts key = s3deskstskey0123
CONF

ceph_cmd() { timeout 60 ceph --connect-timeout 20 "$@"; }

log "monitor"
ceph-authtool --create-keyring "$KEYRING" --gen-key -n mon. --cap mon 'allow *' >/dev/null
ceph-authtool "$KEYRING" --gen-key -n client.admin --cap mon 'allow *' --cap osd 'allow *' --cap mds 'allow *' --cap mgr 'allow *' >/dev/null
monmaptool --create --fsid "$FSID" --addv a "[v2:127.0.0.1:$MON_V2,v1:127.0.0.1:$MON_V1]" "$DIR/monmap" >/dev/null
ceph-mon --mkfs -i a --monmap "$DIR/monmap" --keyring "$KEYRING"
ceph-mon -i a
ceph_cmd -s >/dev/null

log "manager"
ceph_cmd auth get-or-create mgr.x mon 'allow profile mgr' osd 'allow *' mds 'allow *' -o "$DIR/mgr.x/keyring"
ceph-mgr -i x --keyring "$DIR/mgr.x/keyring"

log "OSD (BlueStore on a sparse 20 GiB file)"
OSD_UUID=$(cat /proc/sys/kernel/random/uuid)
OSD_KEY=$(ceph-authtool --gen-print-key)
printf '{"cephx_secret": "%s"}\n' "$OSD_KEY" > "$DIR/osd.0/secret.json"
OSD_ID=$(ceph_cmd osd new "$OSD_UUID" -i "$DIR/osd.0/secret.json")
[[ $OSD_ID == 0 ]] || { echo "s3server-up: unexpected OSD id $OSD_ID" >&2; exit 1; }
ceph-authtool --create-keyring "$DIR/osd.0/keyring" --name osd.0 --add-key "$OSD_KEY" >/dev/null
ceph-osd -i 0 --mkfs --osd-uuid "$OSD_UUID" --keyring "$DIR/osd.0/keyring" > "$DIR/log/osd.0.mkfs.log" 2>&1
ceph-osd -i 0 --keyring "$DIR/osd.0/keyring"
for _ in $(seq 120); do ceph_cmd osd stat -f json 2>/dev/null | grep -q '"num_up_osds":1' && break; sleep 0.5; done
ceph_cmd osd stat | grep -q '1 up' || { echo "s3server-up: the OSD did not come up" >&2; tail -20 "$DIR/log/osd.0.log" >&2; exit 1; }

log "RADOS Gateway"
# RGW creates its bucket pools on first use, and the OSD then peers their placement groups: that stalls the
# first bucket operations for seconds. Created here, before anyone waits on them.
for pool in default.rgw.buckets.index default.rgw.buckets.data default.rgw.buckets.non-ec; do
  ceph_cmd osd pool create "$pool" 8 8 >/dev/null 2>&1 || true
  ceph_cmd osd pool application enable "$pool" rgw >/dev/null 2>&1 || true
done
# wait_for_gateway NAME PORT: until it answers 200, or it died
wait_for_gateway() {
  local name=$1 port=$2 code=none
  for i in $(seq 240); do
    code=$(curl -s -o /dev/null -w '%{http_code}' --max-time 2 "http://127.0.0.1:$port/" || true)
    [[ $code == 200 ]] && return 0
    if (( i > 10 )) && ! kill -0 "$(cat "$DIR/run/client.$name.pid" 2>/dev/null || echo 0)" 2>/dev/null; then
      code="radosgw exited"; break
    fi
    sleep 0.5
  done
  echo "s3server-up: RGW $name not answering on 127.0.0.1:$port ($code)" >&2; tail -20 "$DIR/log/client.$name.log" >&2; return 1
}
for name in rgw.a rgw.sts; do
  ceph_cmd auth get-or-create "client.$name" mon 'allow rw' osd 'allow rwx' mgr 'allow rw' -o "$DIR/$name/keyring"
  radosgw -n "client.$name" --keyring "$DIR/$name/keyring"
done
wait_for_gateway rgw.a "$RGW_PORT"
wait_for_gateway rgw.sts "$RGW_STS_PORT"

# Storage classes besides STANDARD, so changing an object's class is tested on the server (their data shares the
# pool; Ceph has no archive tier, so restoring from GLACIER is tested on the fake). The first gateway created the
# default zone; a gateway reads its zone's placement when it starts, so both start again.
for class in STANDARD_IA GLACIER; do
  radosgw-admin -n client.admin zonegroup placement add --rgw-zonegroup default --placement-id default-placement \
    --storage-class "$class" > /dev/null
  radosgw-admin -n client.admin zone placement add --rgw-zone default --placement-id default-placement \
    --storage-class "$class" --data-pool default.rgw.buckets.data > /dev/null
done
# (SIGKILL: a clean stop waits seconds for idle lifecycle threads; the gateway keeps nothing that RADOS does not.)
for name in rgw.a rgw.sts; do kill -KILL "$(cat "$DIR/run/client.$name.pid")"; done
for name in rgw.a rgw.sts; do
  # Until the old process is gone: it holds the pid file's lock until its very end.
  for _ in $(seq 300); do pgrep -f "radosgw -n client.$name --keyring $DIR/$name/keyring" > /dev/null || break; sleep 0.1; done
  radosgw -n "client.$name" --keyring "$DIR/$name/keyring"
done
wait_for_gateway rgw.a "$RGW_PORT"
wait_for_gateway rgw.sts "$RGW_STS_PORT"

radosgw-admin -n client.admin user create --uid=tester --display-name="S3Desk tester" \
  --access-key="$AK" --secret-key="$SK" > "$DIR/user-tester.json"
radosgw-admin -n client.admin user create --uid=other --display-name="S3Desk other user" \
  --access-key="$OTHER_AK" --secret-key="$OTHER_SK" > "$DIR/user-other.json"
# tester may create IAM roles and policies (AssumeRole tests go through the IAM API on the same endpoint) and
# register OpenID Connect providers (AssumeRoleWithWebIdentity tests)
radosgw-admin -n client.admin caps add --uid=tester --caps="roles=*;oidc-provider=*" > /dev/null
chmod 600 "$DIR"/user-*.json

umask 077
cat > "$DIR/s3.env" <<ENV
export S3_ENDPOINT=http://127.0.0.1:$RGW_PORT
export S3_TLS_ENDPOINT=$([[ $RGW_TLS_PORT != 0 ]] && echo "https://127.0.0.1:$RGW_TLS_PORT")
export S3_TLS_CA=$([[ $RGW_TLS_PORT != 0 ]] && echo "$DIR/rgw.a/cert.pem")
export S3_STS_ENDPOINT=http://127.0.0.1:$RGW_STS_PORT
export AWS_ACCESS_KEY_ID=$AK
export AWS_SECRET_ACCESS_KEY=$SK
export AWS_DEFAULT_REGION=us-east-1
export S3_OTHER_ACCESS_KEY=$OTHER_AK
export S3_OTHER_SECRET_KEY=$OTHER_SK
export S3DESK_SERVER_DIR=$DIR
ENV
for _ in $(seq 120); do ceph_cmd health 2>/dev/null | grep -q HEALTH_OK && break; sleep 0.5; done
log "ready: http://127.0.0.1:$RGW_PORT (https on $RGW_TLS_PORT); credentials in $DIR/s3.env"
