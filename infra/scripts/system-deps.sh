#!/usr/bin/env bash
# Installs the Debian packages that browser, PHP, sshd and PDF tests need. Without root the tests that need them skip loudly.
set -u
need=()
command -v chromium >/dev/null 2>&1 || need+=(chromium)
command -v php >/dev/null 2>&1 || need+=(php-cli)
php -m 2>/dev/null | grep -qi sodium || { command -v php >/dev/null 2>&1 && need+=(php-cli); }
[ -x /usr/sbin/sshd ] || need+=(openssh-server)  # the real-sshd test of server access (docs/server-access.md)
command -v pdftotext >/dev/null 2>&1 || need+=(poppler-utils)  # reads the invoice PDFs back (docs/billing.md)
if [ ${#need[@]} -eq 0 ]; then exit 0; fi
if [ "$(id -u)" != "0" ]; then
  echo "!! system-deps: not root, cannot install ${need[*]}; the tests that need them will be SKIPPED" >&2
  exit 0
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq >/dev/null 2>&1 || true
apt-get install -y -qq --no-install-recommends "${need[@]}" fonts-dejavu-core >/dev/null 2>&1 \
  || echo "!! system-deps: apt-get install ${need[*]} failed; the tests that need them will be SKIPPED" >&2
