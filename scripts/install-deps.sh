#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Installs everything S3Desk needs to build, test and benchmark on Debian 12 (bookworm), in one apt transaction.
# Idempotent; runs apt-get update first. Uses sudo when not root.
set -euo pipefail
SUDO=""
if [[ $(id -u) != 0 ]]; then SUDO="sudo"; fi
export DEBIAN_FRONTEND=noninteractive
PKGS=(
  # build: Qt 6.4, OpenSSL 3, CMake, Ninja
  g++ cmake ninja-build pkg-config qt6-base-dev qt6-svg-dev qt6-tools-dev qt6-tools-dev-tools qt6-l10n-tools libssl-dev libcurl4-openssl-dev
  qtkeychain-qt6-dev
  # Qt's own texts (standard buttons) in the user's language, next to the app's German translation
  qt6-translations-l10n
  # fuzzing (scripts/fuzz.sh): clang with libFuzzer and the sanitizer runtimes
  clang libclang-rt-14-dev
  # GUI tests and screenshots
  xvfb xauth fonts-dejavu-core x11-utils
  # keychain in headless tests
  dbus gnome-keyring libsecret-1-0
  # real S3 server: Ceph RADOS Gateway (single node, loopback only)
  ceph-mon ceph-mgr ceph-osd radosgw ceph-common
  # packaging checks
  dpkg-dev desktop-file-utils appstream
  # peers for cross-checks and benchmarks, and tools the scripts use
  awscli rclone curl time python3 openssl procps
  # a process with its clock moved (s3desk-cli against Ceph with a skewed clock)
  faketime
  # virtual-hosted addressing tests: <bucket>.localhost resolves to loopback (nss "myhostname")
  libnss-myhostname
)
missing=()
for p in "${PKGS[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
# The package's installer adds "myhostname" to the hosts line of /etc/nsswitch.conf; an installed package whose
# line was edited back is put right too. It answers only for the host's own name, localhost and *.localhost
# (loopback), after /etc/hosts, so no other name resolves differently.
ensure_myhostname() {
  if ! grep -Eq '^hosts:.*[[:space:]]myhostname([[:space:]]|$)' /etc/nsswitch.conf; then
    $SUDO sed -i -E 's/^(hosts:[[:space:]]+files)([[:space:]]|$)/\1 myhostname\2/' /etc/nsswitch.conf
    echo "install-deps: added myhostname to the hosts line of /etc/nsswitch.conf"
  fi
}
if (( ${#missing[@]} == 0 )); then
  echo "install-deps: all ${#PKGS[@]} packages already installed"
  ensure_myhostname
  exit 0
fi
echo "install-deps: installing ${#missing[@]} packages: ${missing[*]}"
$SUDO apt-get update -q
$SUDO apt-get install -y -q --no-install-recommends "${missing[@]}"
ensure_myhostname
