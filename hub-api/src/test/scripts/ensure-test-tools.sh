#!/bin/sh
# Makes sure the command-line clients the end-to-end tests drive are installed: git and git-lfs.
# Installs missing ones from the Debian package registry (as root, or with password-less sudo);
# otherwise fails with the command to run. Safe to run again: it does nothing when all is there.
set -eu

missing=""
git --version >/dev/null 2>&1 || missing="$missing git"
git lfs version >/dev/null 2>&1 || missing="$missing git-lfs"
[ -z "$missing" ] && exit 0

if [ "$(id -u)" = "0" ]; then
    as_root=""
elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
    as_root="sudo -n"
else
    echo "The git end-to-end tests need:$missing. Install it: sudo apt-get install -y$missing" >&2
    exit 1
fi
if ! command -v apt-get >/dev/null 2>&1; then
    echo "The git end-to-end tests need:$missing, and this machine has no apt-get: install it with its package manager." >&2
    exit 1
fi

echo "Installing$missing for the git end-to-end tests" >&2
export DEBIAN_FRONTEND=noninteractive
# A fresh machine may have no package lists yet: update once when the first try fails.
if ! $as_root apt-get install -y -qq --no-install-recommends $missing >/dev/null 2>&1; then
    $as_root apt-get update -qq >/dev/null
    $as_root apt-get install -y -qq --no-install-recommends $missing >/dev/null
fi
git lfs version >/dev/null 2>&1 || { echo "git-lfs is still missing after installing it." >&2; exit 1; }
