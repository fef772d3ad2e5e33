#!/bin/sh
# Make sure Debian's headless-capable chromium is installed (used by tests/export/test_html_browser.py).
# Exit 0 when /usr/bin/chromium is (now) available, 1 when it cannot be installed (tests then skip).
set -u
if command -v chromium >/dev/null 2>&1; then
    exit 0
fi
SUDO=""
if [ "$(id -u)" != "0" ]; then
    if command -v sudo >/dev/null 2>&1; then SUDO="sudo -n"; else echo "ensure_chromium: not root and no sudo" >&2; exit 1; fi
fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq >/dev/null 2>&1 || { echo "ensure_chromium: apt-get update failed" >&2; exit 1; }
$SUDO apt-get install -y -qq --no-install-recommends chromium fonts-dejavu-core >/dev/null 2>&1 \
    || { echo "ensure_chromium: apt-get install chromium failed" >&2; exit 1; }
command -v chromium >/dev/null 2>&1
