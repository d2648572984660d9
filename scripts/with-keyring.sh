#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Runs a command inside a throw-away D-Bus session with an unlocked gnome-keyring (Secret Service), so tests of
# the real QtKeychain backend work on a headless machine or in CI:
#   scripts/with-keyring.sh ctest --test-dir build/test -R tst_keychain
# HOME and XDG_RUNTIME_DIR point to fresh temporary folders (the keyring files land there, never in the real
# home) and are removed afterwards. The keyring's password is a fixed test value: nothing real is stored in it.
# Needs dbus-run-session (package dbus) and gnome-keyring-daemon (package gnome-keyring).
set -euo pipefail

if [ $# -eq 0 ]; then
  echo "usage: $0 COMMAND [ARGS...]" >&2
  exit 2
fi
for tool in dbus-run-session gnome-keyring-daemon; do
  if ! command -v "$tool" >/dev/null 2>&1; then
    echo "$0: $tool is missing (apt-get install dbus gnome-keyring)" >&2
    exit 1
  fi
done

# The command keeps the caller's working directory: relative paths in "$@" still work.
keyring_home=$(mktemp -d "${TMPDIR:-/tmp}/s3desk-keyring-home.XXXXXX")
keyring_runtime=$(mktemp -d "${TMPDIR:-/tmp}/s3desk-keyring-run.XXXXXX")
chmod 700 "$keyring_runtime"
trap 'rm -rf "$keyring_home" "$keyring_runtime"' EXIT

export HOME="$keyring_home" XDG_RUNTIME_DIR="$keyring_runtime"
export XDG_DATA_HOME="$keyring_home/.local/share" XDG_CONFIG_HOME="$keyring_home/.config"
export XDG_CACHE_HOME="$keyring_home/.cache"
# Tests may check that no secret ended up in a plain file of this home.
export S3DESK_KEYRING_HOME="$keyring_home"
unset DBUS_SESSION_BUS_ADDRESS GNOME_KEYRING_CONTROL

# Inside the session: start the daemon unlocked (it reads the password from stdin and forks), export what it
# prints (GNOME_KEYRING_CONTROL=...), then replace the shell with the command so its exit status is ours.
# Not exec'ing dbus-run-session: the trap must still remove the temporary folders.
dbus-run-session -- bash -c '
  set -e
  eval "$(printf "s3desk-test" | gnome-keyring-daemon --unlock --components=secrets | sed "s/^/export /")"
  exec "$@"
' with-keyring "$@"
