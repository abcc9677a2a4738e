#!/usr/bin/env bash
# Changes capture at scale: LEADS leads created over ~23 days (one every 2 s), all inside the rescan
# (45 days). Measures, against the same fake server, a plain run of the range (CSV) and the changes
# pipeline's run after the account moved a day forward (~1 % of the leads changed, ~0.3 % archived,
# LEADS/200 new): the same CSV of the range plus a change set. Prints wall time and peak RSS of each,
# and checks the change set against the fake's own count. Not part of the test suite.
#
#   bash benchmarks/changes.sh [BINARY]         # LEADS=1000000 LATENCY=0 CONCURRENCY=4 by default
set -euo pipefail
binary=$(realpath "${1:-.build/release/liner-export}")
leads=${LEADS:-1000000} latency=${LATENCY:-0} concurrency=${CONCURRENCY:-4}
work=$(mktemp -d)
trap 'kill "$mock" 2>/dev/null; rm -rf "$work"' EXIT
cd "$work"
"$binary" mock-server --port 0 --leads "$leads" --spacing-seconds 2 --latency-ms "$latency" > mock.out 2>&1 & mock=$!
for _ in $(seq 100); do grep -q "listening on" mock.out 2>/dev/null && break; sleep 0.1; done
url=$(sed -n 's/listening on //p' mock.out)
export LINER_API_KEY=mock-liner-key
# The range reaches past the leads the step creates (in the three days before it).
source='"source": {"baseURL": "'"$url"'", "requestsPerSecond": 0, "concurrency": '"$concurrency"'}'
window='"from": "2024-01-01", "to": "2024-02-15", "timeZone": "UTC", "chunk": "auto"'
cat > plain.json <<JSON
{"version": 1, "name": "plain", $source,
 "window": {$window, "stateFile": "plain/state.json"},
 "outputs": [{"format": "csv", "path": "plain/leads.csv"}]}
JSON
cat > changes.json <<JSON
{"version": 1, "name": "changes", $source,
 "window": {$window, "stateFile": "changes/state.json"},
 "changes": {"rescan": "45 days"},
 "outputs": [{"format": "csv", "path": "changes/leads.csv"},
             {"format": "csv", "path": "changes/changes.csv", "content": "changes"}]}
JSON
measure() {  # label, command…: prints "label  wall s  peak RSS MB"
    local label=$1; shift
    /usr/bin/time -f "%e %M" -o "$label.time" "$@" > "$label.out" 2> "$label.err" || { cat "$label.err" >&2; return 1; }
    read -r wall rss < "$label.time"
    awk -v l="$label" -v w="$wall" -v r="$rss" 'BEGIN { printf "%-34s %8.1f s %8.1f MB\n", l, w, r / 1024 }'
}
echo "leads $leads, latency ${latency} ms, concurrency $concurrency ($(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg))"
measure "plain run" "$binary" run --quiet plain.json
measure "changes run 1 (tracks every lead)" "$binary" run --quiet changes.json
curl -sf -X POST -H "X-Api-Key: $LINER_API_KEY" "$url/_mock/advance?to=1" > /dev/null
measure "changes run 2 (a day later)" "$binary" run --quiet changes.json
grep '^changes:' "changes run 2 (a day later).out"
rows=$(python3 -c 'import csv, sys; print(sum(1 for _ in csv.DictReader(open(sys.argv[1], encoding="utf-8"))))' changes/changes.csv)
echo "change set rows: $rows; tracked leads on disk: $(du -ch changes/state.json.tracked-* | tail -1 | cut -f1)"
