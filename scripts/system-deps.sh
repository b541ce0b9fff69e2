#!/usr/bin/env bash
# Install the system packages the tests need (Debian chromium), when running as root and missing.
# Without root the browser and static-export tests skip with a clear reason.
set -u
if command -v chromium >/dev/null 2>&1 || [ -x /usr/bin/chromium ]; then
  exit 0
fi
if [ "$(id -u)" != 0 ]; then
  echo "note: chromium is missing and we are not root; browser and static-export tests will be skipped" >&2
  exit 0
fi
if ! command -v apt-get >/dev/null 2>&1; then
  echo "note: no apt-get here; install chromium yourself to run the browser and static-export tests" >&2
  exit 0
fi
echo "installing Debian chromium (for static chart export and the browser test)..." >&2
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq >/dev/null && apt-get install -y -qq --no-install-recommends chromium fonts-dejavu-core >/dev/null \
  || echo "warning: apt-get could not install chromium; browser and static-export tests will be skipped" >&2
