#!/usr/bin/env bash
# The end-to-end tests drive Debian's Chromium (a browser cannot be downloaded here). Install it when missing
# and we may; otherwise the browser tests are skipped with a message saying why.
if command -v chromium >/dev/null 2>&1; then exit 0; fi
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
  echo "Installing Debian's chromium for the browser tests..."
  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null) \
    || echo "Could not install chromium: browser tests will be skipped."
else
  echo "chromium is not installed and this user cannot install it: browser tests will be skipped."
fi
exit 0
