#!/usr/bin/env bash
# README command 1: installs what is missing, builds, and runs the demo (fake Liner API on loopback
# + the built-in demo pipeline), writing files into ./exports/.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
bash "$root/scripts/setup.sh"
swift build --package-path "$root" --product liner-export
"$root/.build/debug/liner-export" demo "$@"
