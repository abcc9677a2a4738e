#!/usr/bin/env bash
# Checks that two builds of liner-export write the same bytes: the demo, and a 100,000-lead export
# (phones on, CSV with BOM and ';', NDJSON) without and with a state file (direct and spooled paths),
# each build against its own fake server with the same data. CSV and NDJSON must be identical (`cmp`).
#
#   cp .build/debug/liner-export /tmp/before     # then change the code and build again
#   bash benchmarks/compare-outputs.sh /tmp/before .build/debug/liner-export
set -euo pipefail
if [[ $# -ne 2 || ! -x ${1:-} || ! -x ${2:-} ]]; then
    echo "usage: bash benchmarks/compare-outputs.sh BEFORE AFTER: two liner-export executables" >&2
    exit 2
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# export_all BINARY FOLDER: the demo and the 100k runs into FOLDER.
export_all() {
    local bin out server port
    bin=$(realpath "$1") out=$2
    mkdir -p "$out/demo" "$out/big"
    (cd "$out/demo" && "$bin" demo --quiet >/dev/null)
    "$bin" mock-server --port 0 --leads 100000 >"$out/server.txt" &
    server=$!
    for _ in $(seq 100); do grep -q listening "$out/server.txt" 2>/dev/null && break; sleep 0.1; done
    port=$(sed -nE 's/.*127\.0\.0\.1:([0-9]+).*/\1/p' "$out/server.txt")
    for mode in direct spooled; do
        local state=""
        [[ $mode == spooled ]] && state=", \"stateFile\": \"$out/big/state.json\""
        cat >"$out/$mode.json" <<JSON
{"version": 1, "name": "big-$mode",
 "source": {"baseURL": "http://127.0.0.1:$port", "requestsPerSecond": 0},
 "window": {"from": "2024-01-01T00:00:00Z", "to": "2024-03-15T00:00:00Z", "timeZone": "Europe/Moscow"$state},
 "normalize": {"phones": {"defaultRegion": "RU"}},
 "columns": ["default", "phoneType", "createdAtClientTime", "statusTitle"],
 "outputs": [{"format": "csv", "path": "$out/big/$mode.csv", "bom": true, "delimiter": ";"},
             {"format": "ndjson", "path": "$out/big/$mode.ndjson"}]}
JSON
        LINER_API_KEY=mock-liner-key "$bin" run --quiet "$out/$mode.json" >/dev/null
    done
    kill "$server"
    wait "$server" || true
}

export_all "$1" "$work/before"
export_all "$2" "$work/after"
status=0
for file in demo/exports/demo-2024-01-01-2024-01-03.csv demo/exports/demo-2024-01-01-2024-01-03.ndjson \
    big/direct.csv big/direct.ndjson big/spooled.csv big/spooled.ndjson; do
    if cmp -s "$work/before/$file" "$work/after/$file"; then
        echo "same      $file ($(wc -c <"$work/after/$file") bytes)"
    else
        echo "DIFFERENT $file"
        status=1
    fi
done
exit $status
