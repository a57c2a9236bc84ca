#!/bin/sh
# Makes sure the programs the end-to-end tests drive are installed:
#   ensure-test-tools.sh           git and git-lfs (the git tests)
#   ensure-test-tools.sh browser   headless Chromium and ChromeDriver (the portal sign-in tests)
# Installs missing ones from the Debian package registry (as root, or with password-less sudo);
# otherwise fails with the command to run. Safe to run again: it does nothing when all is there.
set -eu

what="${1:-git}"
missing=""
case "$what" in
    git)
        purpose="the git end-to-end tests"
        git --version >/dev/null 2>&1 || missing="$missing git"
        git lfs version >/dev/null 2>&1 || missing="$missing git-lfs"
        ;;
    browser)
        purpose="the browser tests"
        command -v chromium >/dev/null 2>&1 || missing="$missing chromium"
        command -v chromedriver >/dev/null 2>&1 || missing="$missing chromium-driver"
        ;;
    *)
        echo "Unknown tool set '$what': use 'git' or 'browser'." >&2
        exit 2
        ;;
esac
[ -z "$missing" ] && exit 0

if [ "$(id -u)" = "0" ]; then
    as_root=""
elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
    as_root="sudo -n"
else
    echo "$purpose need:$missing. Install it: sudo apt-get install -y$missing" >&2
    exit 1
fi
if ! command -v apt-get >/dev/null 2>&1; then
    echo "$purpose need:$missing, and this machine has no apt-get: install it with its package manager." >&2
    exit 1
fi

echo "Installing$missing for $purpose" >&2
export DEBIAN_FRONTEND=noninteractive
# A fresh machine may have no package lists yet: update once when the first try fails.
if ! $as_root apt-get install -y -qq --no-install-recommends $missing >/dev/null 2>&1; then
    $as_root apt-get update -qq >/dev/null
    $as_root apt-get install -y -qq --no-install-recommends $missing >/dev/null
fi
case "$what" in
    git) git lfs version >/dev/null 2>&1 || { echo "git-lfs is still missing after installing it." >&2; exit 1; } ;;
    browser) command -v chromedriver >/dev/null 2>&1 || { echo "chromedriver is still missing after installing chromium-driver." >&2; exit 1; } ;;
esac
