#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# The test command: installs dependencies, builds, starts a local Ceph RGW, runs every test, stops the server.
#   scripts/test.sh
# Two builds: the full one (warnings as errors) runs unit + live tests; a second one without the GUI and with
# ASan+UBSan proves s3core/cli need no Widgets and runs the unit tests under the sanitizers. A third (clang) runs
# the fuzz targets for a bounded time (scripts/fuzz.sh; S3DESK_FUZZ_SECONDS per target, default 20).
# The test server uses its own ports and folder, so a demo server (scripts/run-demo.sh) may keep running.
set -euo pipefail
cd "$(dirname "$0")/.."
T0=$SECONDS
step() { printf '\n=== [%4ds] %s\n' $((SECONDS - T0)) "$*"; }

step "dependencies"
scripts/install-deps.sh

JOBS=$(nproc)
step "build (RelWithDebInfo, warnings as errors)"
# The ~100 test executables each link all of s3core (and ui): without their debug info they take a few MB each
# instead of ~45 (the objects keep it, split into .dwo files; the app and CLI keep theirs).
cmake -S . -B build/test -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DS3DESK_WARNINGS_AS_ERRORS=ON \
  -DS3DESK_STRIP_TEST_BINARIES=ON >/dev/null
cmake --build build/test -j"$JOBS"

step "build without GUI, with AddressSanitizer + UndefinedBehaviorSanitizer"
cmake -S . -B build/asan -G Ninja -DCMAKE_BUILD_TYPE=Debug -DS3DESK_BUILD_GUI=OFF -DS3DESK_ENABLE_SANITIZERS=ON \
  -DS3DESK_WARNINGS_AS_ERRORS=ON >/dev/null
# s3core, the CLI and the unit tests (the only tests run under the sanitizers); the live tests are built above.
cmake --build build/asan -j"$JOBS" --target s3core s3desk-cli unit_tests

step "layering: s3core uses no GUI module"
if grep -rnE '#include *<(QtWidgets|QtGui|QWidget|QClipboard|QApplication|QGuiApplication|QPixmap|QIcon|QImage)' s3core; then
  echo "s3core must not include GUI headers" >&2; exit 1
fi

step "start the S3 server (Ceph RGW on 127.0.0.1)"
export S3DESK_SERVER_DIR=${S3DESK_TEST_SERVER_DIR:-/tmp/s3desk-test-server}
export S3DESK_RGW_PORT=18000 S3DESK_RGW_TLS_PORT=18443 S3DESK_MON_V2_PORT=13300 S3DESK_MON_V1_PORT=16789
scripts/s3server-down.sh >/dev/null 2>&1 || true
trap 'step "stop the S3 server"; scripts/s3server-down.sh --purge' EXIT
scripts/s3server-up.sh
# shellcheck disable=SC1091
source "$S3DESK_SERVER_DIR/s3.env"
export AWS_EC2_METADATA_DISABLED=true

step "tests (unit + GUI offscreen + live), inside a throw-away D-Bus session with an unlocked keyring"
# Each test that proves a hostile-input case appends it here; rendered as build/test/reliability.md at the end.
export S3DESK_RELIABILITY_LOG=$PWD/build/test/reliability.jsonl
rm -f "$S3DESK_RELIABILITY_LOG"
export QT_QPA_PLATFORM=${QT_QPA_PLATFORM:-offscreen}
scripts/with-keyring.sh ctest --test-dir build/test --output-on-failure --timeout 600

step "unit tests under ASan/UBSan"
ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
  LSAN_OPTIONS=suppressions=$PWD/tests/lsan.supp:print_suppressions=0 \
  ctest --test-dir build/asan --output-on-failure --timeout 900 -L unit

du -sh build/test build/asan | sed 's/^/disk: /'

step "fuzzing: every libFuzzer target ${S3DESK_FUZZ_SECONDS:-20} s on its corpus (clang, ASan + UBSan; fails on any finding)"
scripts/fuzz.sh "${S3DESK_FUZZ_SECONDS:-20}"

step "reliability report (docs/reliability.md is this, committed from a full run)"
scripts/reliability-report.sh "$S3DESK_RELIABILITY_LOG" build/test/reliability.md
echo "$(grep -c '^| ' build/test/reliability.md) table lines in build/test/reliability.md"

step "package (.deb) and desktop files"
desktop-file-validate packaging/linux/io.github.s3desk.S3Desk.desktop
appstreamcli validate --no-net packaging/linux/io.github.s3desk.S3Desk.metainfo.xml
(cd build/test && cpack -G DEB >/dev/null)
deb=$(ls build/test/s3desk_*.deb)
contents=$(dpkg-deb -c "$deb")
for f in usr/bin/s3desk usr/bin/s3desk-cli usr/share/applications/io.github.s3desk.S3Desk.desktop \
  usr/share/metainfo/io.github.s3desk.S3Desk.metainfo.xml usr/share/icons/hicolor/scalable/apps/io.github.s3desk.S3Desk.svg \
  usr/share/icons/hicolor/{48x48,64x64,128x128,256x256}/apps/io.github.s3desk.S3Desk.png; do
  grep -q "\./$f\$" <<<"$contents" || { echo "the package lacks $f" >&2; exit 1; }
done
echo "package: $deb ($(du -h "$deb" | cut -f1))"

step "installed package: apt-get install ./s3desk_*.deb, run the installed programs against the server, remove it"
# Root in CI (the script fails there without it); elsewhere without root it says so and skips.
scripts/check-installed-deb.sh "$deb"

step "done"
