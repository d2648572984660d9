# SPDX-License-Identifier: Apache-2.0
# Shared set-up of the bench scripts that start their own Ceph RGW or use a loopback one (sourced, not run).
# The caller sets ROOT, WORK (with WORK/logs and WORK/home), ENDPOINT (empty: start a server), S3DESK_BIN (empty:
# build one), KEEP_SERVER, CA_BUNDLE (empty: none) and defines log and die. Every client gets an empty environment.

# bench_require_tools TOOL...: fails with the install hint when one is missing. Sets AWS to awscli v2.
bench_require_tools() {
  AWS=/usr/bin/aws
  [[ -x $AWS ]] || AWS=$(command -v aws || true)
  local tool
  for tool in "$AWS" "$@"; do
    command -v "$tool" >/dev/null 2>&1 || die "'$tool' is missing; run scripts/install-deps.sh"
  done
}

# bench_build_cli: builds the Release s3desk-cli in build/bench unless --s3desk-cli gave one.
bench_build_cli() {
  if [[ -n $S3DESK_BIN ]]; then
    [[ -x $S3DESK_BIN ]] || die "--s3desk-cli $S3DESK_BIN is not an executable"
    return 0
  fi
  S3DESK_BIN=$ROOT/build/bench/cli/s3desk-cli
  log "building s3desk-cli (build/bench, Release, no GUI)"
  { [[ -f $ROOT/build/bench/build.ninja ]] ||
    cmake -S "$ROOT" -B "$ROOT/build/bench" -G Ninja -DCMAKE_BUILD_TYPE=Release -DS3DESK_BUILD_GUI=OFF -DBUILD_TESTING=OFF \
      >"$WORK/logs/cmake-configure.log" 2>&1; } &&
    cmake --build "$ROOT/build/bench" --target s3desk-cli >"$WORK/logs/cmake-build.log" 2>&1 ||
    { tail -20 "$WORK/logs/cmake-build.log" >&2 || true; die "building s3desk-cli failed"; }
}

# bench_start_server DIR RGW_PORT TLS_PORT MON_V2_PORT MON_V1_PORT: without ENDPOINT, starts Ceph RGW from DIR
# (TLS_PORT 0: http only) and takes its endpoint (the https one when TLS_PORT is set) and keys. Sets
# SERVER_ENV and SERVER_STARTED for bench_stop_server.
SERVER_STARTED=0
SERVER_ENV=()
bench_start_server() {
  SERVER_ENV=(S3DESK_SERVER_DIR=$1 S3DESK_RGW_PORT=$2 S3DESK_RGW_TLS_PORT=$3 S3DESK_MON_V2_PORT=$4 S3DESK_MON_V1_PORT=$5)
  if [[ -z $ENDPOINT ]]; then
    log "starting Ceph RGW on 127.0.0.1:$2 (scripts/s3server-up.sh, $1)"
    SERVER_STARTED=1
    env "${SERVER_ENV[@]}" timeout 300 "$ROOT/scripts/s3server-up.sh" >"$WORK/logs/server-up.log" 2>&1 ||
      { tail -30 "$WORK/logs/server-up.log" >&2; die "the S3 server did not start (log above)"; }
    # shellcheck disable=SC1091
    source "$1/s3.env"
    ENDPOINT=$S3_ENDPOINT
    if [[ $3 != 0 ]]; then
      ENDPOINT=$S3_TLS_ENDPOINT
      CA_BUNDLE=$S3_TLS_CA
    fi
  fi
  [[ -n ${AWS_ACCESS_KEY_ID:-} && -n ${AWS_SECRET_ACCESS_KEY:-} ]] ||
    die "AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY must be set for --endpoint"
  [[ $ENDPOINT != https://* || -n $CA_BUNDLE ]] || die "an https endpoint needs --ca-bundle FILE"
}

bench_stop_server() {
  if (( SERVER_STARTED && ! KEEP_SERVER )); then
    log "stopping the server (scripts/s3server-down.sh --purge)"
    env "${SERVER_ENV[@]}" "$ROOT/scripts/s3server-down.sh" --purge >&2 || true
  fi
}

# bench_client_env: CLEAN_ENV (a command prefix with an empty environment and the keys), RCLONE_ENV (an on-the-fly
# remote "bench:"), and the CA options of each client: AWS_CA (awscli, s3desk-cli), RCLONE_CA.
bench_client_env() {
  CLEAN_ENV=(env -i PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin HOME="$WORK/home" LANG=C.UTF-8
             AWS_CONFIG_FILE=/dev/null AWS_SHARED_CREDENTIALS_FILE=/dev/null AWS_EC2_METADATA_DISABLED=true AWS_PAGER=
             AWS_ACCESS_KEY_ID="$AWS_ACCESS_KEY_ID" AWS_SECRET_ACCESS_KEY="$AWS_SECRET_ACCESS_KEY"
             AWS_DEFAULT_REGION="${AWS_DEFAULT_REGION:-us-east-1}")
  RCLONE_ENV=(RCLONE_CONFIG=/dev/null RCLONE_CONFIG_BENCH_TYPE=s3 RCLONE_CONFIG_BENCH_PROVIDER=Ceph
              RCLONE_CONFIG_BENCH_ACCESS_KEY_ID="$AWS_ACCESS_KEY_ID" RCLONE_CONFIG_BENCH_SECRET_ACCESS_KEY="$AWS_SECRET_ACCESS_KEY"
              RCLONE_CONFIG_BENCH_ENDPOINT="$ENDPOINT" RCLONE_CONFIG_BENCH_REGION=us-east-1)
  AWS_CA=()
  RCLONE_CA=()
  if [[ -n $CA_BUNDLE ]]; then
    AWS_CA=(--ca-bundle "$CA_BUNDLE")
    RCLONE_CA=(--ca-cert "$CA_BUNDLE")
  fi
}

# bench_check_endpoint SCRIPT: refuses anything but a loopback URL.
bench_check_endpoint() {
  if [[ -n $ENDPOINT && ! $ENDPOINT =~ ^https?://(127\.0\.0\.1|localhost|\[::1\])(:[0-9]+)?/?$ ]]; then
    echo "$1: --endpoint must be a loopback URL (got '$ENDPOINT')" >&2; exit 2
  fi
}
