#!/usr/bin/env bash
# Installs the Debian packages that building and testing liner-export need.
# Idempotent: packages already present are not fetched again.
set -euo pipefail

packages=(
  libphonenumber-dev   # phone normalization (C++ library behind Sources/PhoneShim)
  libxml2-dev          # XML writer
  libxlsxwriter-dev    # XLSX writer
  zlib1g-dev           # gzip-compressed CSV/NDJSON outputs
  libssl-dev           # libcrypto (OpenSSL 3): SHA-256 of outputs for the run manifest
  libxml2-utils        # xmllint, used by tests to check XML files
  python3-openpyxl     # tests read XLSX files back with a real reader
  python3-prometheus-client  # tests read the metrics textfile back with Prometheus's own parser
  time                 # /usr/bin/time -v, peak memory in benchmarks
)

missing=()
for package in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done

if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi

echo "setup: installing ${missing[*]}" >&2
sudo_cmd=()
[ "$(id -u)" -eq 0 ] || sudo_cmd=(sudo)
export DEBIAN_FRONTEND=noninteractive
"${sudo_cmd[@]}" apt-get update -qq
"${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
