#!/usr/bin/env bash
# README command 2: installs what is missing, builds everything, and runs every test.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
bash "$root/scripts/setup.sh"
cd "$root"
swift build --build-tests
swift test --skip-build --disable-xctest "$@"
