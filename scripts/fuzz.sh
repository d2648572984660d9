#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Builds the libFuzzer targets (tests/fuzz, clang + ASan + UBSan) in build/fuzz and runs each one on its corpus.
#
#   scripts/fuzz.sh [--markdown FILE] [SECONDS_PER_TARGET] [TARGET...]
#
# SECONDS_PER_TARGET defaults to 60; TARGET names (e.g. fuzz_xml_error) default to all of them, FUZZ_JOBS
# (default nproc) at a time: each target uses one core. Every target first replays its committed corpus
# (tests/fuzz/corpus/<target>/, which also holds the reproducers of fixed findings), then mutates for the given
# time. New corpus entries go to build/fuzz/fuzz-out/corpus/<target>/ (kept between runs, never committed);
# findings (crash-*, leak-*, timeout-*, oom-*) go to build/fuzz/fuzz-out/findings/<target>/ with the log
# next to them. Prints a table (target, executions, exec/s, corpus, findings); --markdown also writes it as a
# Markdown table. Exit status: 0 no finding, 1 any finding (or a target that did not run), 2 usage.
# Environment: S3DESK_FUZZ_BUILD_DIR (default build/fuzz), JOBS (build parallelism, default nproc).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD

MARKDOWN=""
if [[ ${1:-} == --markdown ]]; then
  [[ $# -ge 2 ]] || { echo "usage: $0 [--markdown FILE] [SECONDS_PER_TARGET] [TARGET...]" >&2; exit 2; }
  MARKDOWN=$2
  shift 2
fi
SECONDS_PER_TARGET=60
if [[ $# -ge 1 && $1 =~ ^[0-9]+$ ]]; then
  SECONDS_PER_TARGET=$1
  shift
fi
BUILD=${S3DESK_FUZZ_BUILD_DIR:-build/fuzz}
OUT=$BUILD/fuzz-out
JOBS=${JOBS:-$(nproc)}

command -v clang++ >/dev/null || { echo "fuzz: clang++ is missing (scripts/install-deps.sh installs it)" >&2; exit 1; }
launcher=()
if command -v ccache >/dev/null; then launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache); fi
CC=clang CXX=clang++ cmake -S . -B "$BUILD" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DS3DESK_BUILD_GUI=OFF \
  -DS3DESK_BUILD_CLI=OFF -DBUILD_TESTING=OFF -DS3DESK_BUILD_FUZZERS=ON "${launcher[@]}" >/dev/null
cmake --build "$BUILD" -j"$JOBS" --target fuzzers

if [[ $# -ge 1 ]]; then
  TARGETS=("$@")
else
  mapfile -t TARGETS < <(cd tests/fuzz && ls fuzz_*.cpp | sed 's/\.cpp$//')
fi

dictionary_for() {
  case $1 in
    fuzz_xml_*) echo tests/fuzz/dict/xml.dict ;;
    fuzz_aws_config) echo tests/fuzz/dict/ini.dict ;;
    fuzz_queue_file | fuzz_download_state | fuzz_credential_process | fuzz_sso_json) echo tests/fuzz/dict/json.dict ;;
    fuzz_sts_answer) echo tests/fuzz/dict/xml.dict ;;
    fuzz_local_path) echo tests/fuzz/dict/localpath.dict ;;
  esac
}

# UBSan findings abort (the build sets -fno-sanitize-recover too); leaks inside OpenSSL/Qt's network threads are
# not ours (the same suppressions as the ASan unit tests).
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:allocator_may_return_null=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
export LSAN_OPTIONS=${LSAN_OPTIONS:-suppressions=$ROOT/tests/lsan.supp:print_suppressions=0}

# One target per core at a time: each libFuzzer run is single-threaded.
FUZZ_JOBS=${FUZZ_JOBS:-$(nproc)}
ROWS=$OUT/rows
rm -rf "$ROWS"
mkdir -p "$ROWS"

# Runs one target and writes its table row to $ROWS/<target>; the row's last field counts findings.
run_target() {
  local t=$1
  local binary=$BUILD/tests/fuzz/$t
  local seeds=tests/fuzz/corpus/$t
  if [[ ! -x $binary || ! -d $seeds ]]; then
    echo "fuzz: no target $t (expected $binary and $seeds)" >&2
    echo "$t|-|-|-|target missing" >"$ROWS/$t"
    return
  fi
  mkdir -p "$OUT/corpus/$t" "$OUT/findings/$t"
  local log=$OUT/findings/$t/last-run.log
  local dict
  dict=$(dictionary_for "$t")
  local args=(-max_total_time="$SECONDS_PER_TARGET" -rss_limit_mb=2048 -timeout=10 -print_final_stats=1
        -artifact_prefix="$OUT/findings/$t/")
  [[ -n $dict ]] && args+=(-dict="$dict")
  echo "fuzz: $t for ${SECONDS_PER_TARGET}s"
  touch "$OUT/findings/$t/.start" # findings of earlier runs stay, but do not count
  local status=0
  "$binary" "${args[@]}" "$OUT/corpus/$t" "$seeds" >"$log" 2>&1 || status=$?
  # A run stopped by a finding may lack some of these lines.
  local execs rate corpus findings
  execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1 || true)
  rate=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log" | tail -1 || true)
  corpus=$( (grep -oE 'corp: [0-9]+/[0-9]+[a-zA-Z]*' "$log" || true) | tail -1 | sed 's/corp: //')
  findings=$(find "$OUT/findings/$t" -maxdepth 1 -type f \( -name 'crash-*' -o -name 'leak-*' -o -name 'timeout-*' \
    -o -name 'oom-*' \) -newer "$OUT/findings/$t/.start" 2>/dev/null | wc -l || true)
  # A run that stopped early without an artifact (e.g. a sanitizer report outside an input) is a finding too.
  if [[ $status -ne 0 && $findings -eq 0 ]]; then findings=1; fi
  if [[ $findings -ne 0 ]]; then
    echo "fuzz: $t FOUND a problem (exit status $status); log: $log" >&2
    grep -E '^(==[0-9]+==ERROR|SUMMARY|.*runtime error|.*fuzz invariant violated|artifact_prefix|Test unit written)' "$log" \
      | head -8 >&2 || true
  fi
  echo "$t|${execs:-?}|${rate:-?}|${corpus:-?}|$findings" >"$ROWS/$t"
}

running=0
for t in "${TARGETS[@]}"; do
  if ((running >= FUZZ_JOBS)); then
    wait -n || true
    running=$((running - 1))
  fi
  run_target "$t" &
  running=$((running + 1))
done
wait

rows=()
failed=0
for t in "${TARGETS[@]}"; do
  row=$(cat "$ROWS/$t" 2>/dev/null || echo "$t|-|-|-|did not report")
  rows+=("$row")
  [[ ${row##*|} == 0 ]] || failed=1
done

printf '\n%-28s %14s %9s %14s %9s\n' target executions exec/s corpus findings
for r in "${rows[@]}"; do
  IFS='|' read -r t e s c f <<<"$r"
  printf '%-28s %14s %9s %14s %9s\n' "$t" "$e" "$s" "$c" "$f"
done
if [[ -n $MARKDOWN ]]; then
  {
    echo "| target | seconds | executions | exec/s | corpus (entries/bytes) | findings |"
    echo "|---|---:|---:|---:|---:|---:|"
    for r in "${rows[@]}"; do
      IFS='|' read -r t e s c f <<<"$r"
      echo "| \`$t\` | $SECONDS_PER_TARGET | $e | $s | $c | $f |"
    done
  } >"$MARKDOWN"
fi
if [[ $failed -ne 0 ]]; then
  echo "fuzz: findings above; reproducers in $OUT/findings/ (run the target binary with the file as argument)" >&2
fi
exit $failed
