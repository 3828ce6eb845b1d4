#!/usr/bin/env bash
# Set-up for the review page's browser tests: Debian's Chromium, driven by playwright with
# executable_path=/usr/bin/chromium (playwright's own browser download needs a host these machines
# cannot reach). Installs it when missing and the machine allows (root, or sudo without a password);
# otherwise says so, and those tests are skipped.
set -u
command -v chromium >/dev/null 2>&1 && exit 0
if [ "$(id -u)" -eq 0 ]; then
  as_root=""
elif sudo -n true 2>/dev/null; then
  as_root="sudo -n"
else
  echo "setup_browser: chromium is not installed and there is no root here; the browser tests will be skipped"
  exit 0
fi
export DEBIAN_FRONTEND=noninteractive
if ! { $as_root apt-get update -qq && $as_root apt-get install -y -qq --no-install-recommends chromium >/dev/null; }; then
  echo "setup_browser: apt-get could not install chromium; the browser tests will be skipped"
fi
exit 0
