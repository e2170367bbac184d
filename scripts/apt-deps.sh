#!/bin/sh
# Install Debian packages the product or its tests need, when missing.
#   scripts/apt-deps.sh run    fonts for PDF certificates and reports, gettext (make messages)
#   scripts/apt-deps.sh test   the above, plus Chromium for browser tests and poppler-utils
# Without root or apt it prints what to install and carries on (browser tests then skip,
# except under CI=true where they fail).
set -e
want="fonts-noto-core gettext"
[ "$1" = "test" ] && want="$want poppler-utils chromium"
missing=""
for pkg in $want; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing="$missing $pkg"
done
[ -z "$missing" ] && exit 0
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "Installing Debian packages:$missing"
  # Another apt run (unattended upgrades on a new machine, a second `make`) holds the lock
  # for a while: wait for it instead of failing.
  lock="-o DPkg::Lock::Timeout=600"
  apt-get $lock update -qq
  DEBIAN_FRONTEND=noninteractive apt-get $lock install -y -qq --no-install-recommends $missing >/dev/null
else
  echo "NOTE: missing Debian packages:$missing (install with: sudo apt-get install$missing)"
fi
