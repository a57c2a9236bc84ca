#!/bin/sh
# Makes sure the programs the end-to-end tests drive are installed:
#   ensure-test-tools.sh           git and git-lfs (the git tests)
#   ensure-test-tools.sh browser   headless Chromium and ChromeDriver (the portal sign-in tests)
#   ensure-test-tools.sh js        Node.js and npm, then the npm packages of src/test/js (Hugging Face's JavaScript
#                                  client) installed from its lock file into target/test-js
# Installs missing ones from the Debian package registry (as root, or with password-less sudo);
# otherwise fails with the command to run. Safe to run again: it does nothing when all is there.
# Run it from the hub-api folder.
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
    js)
        purpose="the JavaScript client tests"
        command -v node >/dev/null 2>&1 || missing="$missing nodejs"
        command -v npm >/dev/null 2>&1 || missing="$missing npm"
        ;;
    *)
        echo "Unknown tool set '$what': use 'git', 'browser' or 'js'." >&2
        exit 2
        ;;
esac

if [ -n "$missing" ]; then
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
fi

case "$what" in
    git) git lfs version >/dev/null 2>&1 || { echo "git-lfs is still missing after installing it." >&2; exit 1; } ;;
    browser) command -v chromedriver >/dev/null 2>&1 || { echo "chromedriver is still missing after installing chromium-driver." >&2; exit 1; } ;;
    js)
        major=$(node -p 'process.versions.node.split(".")[0]')
        if [ "$major" -lt 18 ]; then
            echo "$purpose need Node.js 18 or newer; this machine has $(node --version). Install a newer Node.js." >&2
            exit 1
        fi
        # The packages exactly as locked (npm ci), reinstalled only when the lock file changed.
        mkdir -p target/test-js
        cp src/test/js/package.json src/test/js/package-lock.json src/test/js/.npmrc src/test/js/*.mjs target/test-js/
        if ! cmp -s src/test/js/package-lock.json target/test-js/node_modules/.installed-lock.json 2>/dev/null; then
            (cd target/test-js && npm ci --no-audit --no-fund --loglevel=error >/dev/null) \
                || { echo "npm could not install the packages of src/test/js (npm ci in target/test-js)." >&2; exit 1; }
            cp src/test/js/package-lock.json target/test-js/node_modules/.installed-lock.json
        fi
        ;;
esac
