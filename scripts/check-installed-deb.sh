#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Installs the built .deb with apt (so its declared dependencies are what makes it run), checks the installed
# programs and desktop files, and removes the package again:
#   scripts/check-installed-deb.sh [build/test/s3desk_*.deb]
# Checks: `s3desk-cli --version`; one listing (ls of a fresh bucket holding one object) against the test server
# of the environment (S3_ENDPOINT, AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY: `source <server dir>/s3.env`);
# `s3desk --version` and `s3desk --smoke` offscreen (the window opens, the event loop runs, the app quits);
# the desktop file (with the s3:// scheme handler), the AppStream file and the hicolor icons (SVG + 48..256 PNG)
# are where desktops look. The installed binaries are run by absolute path: the build tree's never count.
# Needs root (apt-get install). Without root it says so; that is a failure only in CI (CI=true).
set -euo pipefail
cd "$(dirname "$0")/.."

fail() { echo "check-installed-deb: $*" >&2; exit 1; }

if [[ $(id -u) != 0 ]]; then
  if [[ ${CI:-} == true ]]; then
    fail "needs root to install the package (apt-get install); CI must run it as root"
  fi
  echo "check-installed-deb: skipped: needs root to install the package (run it as root, as CI does)" >&2
  exit 0
fi

deb=${1:-}
if [[ -z $deb ]]; then
  debs=(build/test/s3desk_*.deb)
  [[ -e ${debs[0]} ]] || fail "no build/test/s3desk_*.deb (cd build/test && cpack -G DEB)"
  (( ${#debs[@]} == 1 )) || fail "more than one .deb in build/test: name one"
  deb=${debs[0]}
fi
[[ -f $deb ]] || fail "$deb does not exist"
deb=$(realpath "$deb")
: "${S3_ENDPOINT:?S3_ENDPOINT is not set: source the test server s3.env first}"
: "${AWS_ACCESS_KEY_ID:?AWS_ACCESS_KEY_ID is not set}" "${AWS_SECRET_ACCESS_KEY:?AWS_SECRET_ACCESS_KEY is not set}"

if dpkg-query -W -f='${Status}' s3desk 2>/dev/null | grep -q "install ok installed"; then
  fail "a package s3desk is installed already; this check would replace and then remove it (apt-get remove -y s3desk first)"
fi

export DEBIAN_FRONTEND=noninteractive
APT=(apt-get -y -q -o DPkg::Lock::Timeout=300)
work=$(mktemp -d "${TMPDIR:-/tmp}/s3desk-debcheck.XXXXXX")
bucket="debcheck-$(date +%s)-$$"
cleanup() {
  local rc=$?
  if [[ -x /usr/bin/s3desk-cli ]]; then
    /usr/bin/s3desk-cli --endpoint-url "$S3_ENDPOINT" rm "s3://$bucket/hello.txt" >/dev/null 2>&1 || true
    /usr/bin/s3desk-cli --endpoint-url "$S3_ENDPOINT" rb "s3://$bucket" >/dev/null 2>&1 || true
  fi
  if dpkg-query -W -f='${Status}' s3desk 2>/dev/null | grep -q "install ok installed"; then
    echo "check-installed-deb: apt-get remove -y s3desk"
    "${APT[@]}" remove s3desk >/dev/null || { echo "check-installed-deb: could not remove s3desk" >&2; rc=1; }
  fi
  rm -rf "$work"
  exit $rc
}
trap cleanup EXIT

echo "check-installed-deb: apt-get install -y $deb"
"${APT[@]}" install --no-install-recommends "$deb" >"$work/apt.log" 2>&1 || { cat "$work/apt.log" >&2; fail "apt-get install failed"; }

for f in /usr/bin/s3desk /usr/bin/s3desk-cli \
  /usr/share/applications/io.github.s3desk.S3Desk.desktop \
  /usr/share/metainfo/io.github.s3desk.S3Desk.metainfo.xml \
  /usr/share/icons/hicolor/scalable/apps/io.github.s3desk.S3Desk.svg \
  /usr/share/icons/hicolor/{48x48,64x64,128x128,256x256}/apps/io.github.s3desk.S3Desk.png; do
  [[ -f $f ]] || fail "not installed: $f"
done
for size in 48 64 128 256; do
  png=/usr/share/icons/hicolor/${size}x${size}/apps/io.github.s3desk.S3Desk.png
  # PNG signature, then the IHDR chunk: width and height as big-endian 32-bit numbers at bytes 16..23.
  [[ $(head -c 8 "$png" | od -An -tx1 | tr -d ' \n') == 89504e470d0a1a0a ]] || fail "$png is not a PNG"
  dims=$(od -An -j16 -N8 -tu1 "$png" | awk '{ print $1*16777216+$2*65536+$3*256+$4 "x" $5*16777216+$6*65536+$7*256+$8 }')
  [[ $dims == "${size}x${size}" ]] || fail "$png is $dims, not ${size}x${size}"
done
desktop=/usr/share/applications/io.github.s3desk.S3Desk.desktop
grep -qx 'MimeType=x-scheme-handler/s3;' "$desktop" || fail "$desktop does not handle s3:// links"
grep -qx 'Exec=s3desk %u' "$desktop" || fail "$desktop does not pass the link (%u)"
if command -v desktop-file-validate >/dev/null; then desktop-file-validate "$desktop"; fi
echo "check-installed-deb: files, icons (48..256 px) and the s3:// handler are installed"

version=$(/usr/bin/s3desk-cli --version)
[[ $version == *"$(dpkg-deb -f "$deb" Version)"* ]] || fail "s3desk-cli --version says '$version', the package is $(dpkg-deb -f "$deb" Version)"
echo "check-installed-deb: $version"

cli=(/usr/bin/s3desk-cli --endpoint-url "$S3_ENDPOINT")
echo hello >"$work/hello.txt"
"${cli[@]}" mb "s3://$bucket" >/dev/null
"${cli[@]}" put "$work/hello.txt" "s3://$bucket/hello.txt" >/dev/null
listing=$("${cli[@]}" ls "s3://$bucket/")
grep -q 'hello.txt' <<<"$listing" || fail "the installed s3desk-cli does not list hello.txt: $listing"
echo "check-installed-deb: the installed s3desk-cli lists s3://$bucket/ on $S3_ENDPOINT"

# The app, offscreen, with its settings in a throw-away folder (never the real user's).
export QT_QPA_PLATFORM=offscreen
app_version=$(/usr/bin/s3desk --version)
[[ $app_version == *"$(dpkg-deb -f "$deb" Version)"* ]] || fail "s3desk --version says '$app_version'"
smoke=$(timeout 60 /usr/bin/s3desk --smoke --config-dir "$work/config" 2>"$work/smoke.err") \
  || { cat "$work/smoke.err" >&2; fail "the installed s3desk --smoke failed"; }
grep -q 'the window is up' <<<"$smoke" || { cat "$work/smoke.err" >&2; fail "s3desk --smoke did not show its window"; }
echo "check-installed-deb: $app_version: the installed app starts offscreen (--smoke)"
echo "check-installed-deb: passed"
