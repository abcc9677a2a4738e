#!/usr/bin/env bash
# A backfill of LEADS leads with LATENCY ms per page: one `run` against `plan` + SHARDS shard processes
# at once + `render`, each against the same fake server. Prints wall time and peak RSS per process, and
# checks the rendered CSV equals the single run's. Not part of the test suite.
#
#   bash benchmarks/shards.sh [BINARY]         # LEADS=1000000 LATENCY=100 SHARDS=4 CONCURRENCY=4 by default
set -euo pipefail
binary=$(realpath "${1:-.build/release/liner-export}")
leads=${LEADS:-1000000} latency=${LATENCY:-100} shards=${SHARDS:-4} concurrency=${CONCURRENCY:-4}
work=$(mktemp -d)
trap 'kill "$mock" 2>/dev/null; rm -rf "$work"' EXIT
cd "$work"
"$binary" mock-server --port 0 --leads "$leads" --latency-ms "$latency" > mock.out 2>&1 & mock=$!
for _ in $(seq 50); do grep -q "listening on" mock.out 2>/dev/null && break; sleep 0.1; done
url=$(sed -n 's/listening on //p' mock.out)
export LINER_API_KEY=mock-liner-key
# Leads are one a minute from 2024-01-01 UTC: the window holds them all.
days=$(( leads / 1440 + 2 ))
to=$(date -u -d "2024-01-01 + $days days" +%F)
for name in single sharded; do
    cat > "$name.json" <<JSON
{"version": 1, "name": "bf", "source": {"baseURL": "$url", "requestsPerSecond": 0, "concurrency": $concurrency},
 "window": {"from": "2024-01-01", "to": "$to", "timeZone": "UTC", "chunk": "auto", "stateFile": "$name/state/bf.json"},
 "outputs": [{"format": "csv", "path": "$name/out/{name}.csv"}]}
JSON
done
measure() {  # label, command…: prints "label  wall s  peak RSS MB"
    local label=$1; shift
    /usr/bin/time -f "%e %M" -o "$label.time" "$@" > "$label.out" 2> "$label.err" || { cat "$label.err" >&2; return 1; }
    read -r wall rss < "$label.time"
    awk -v l="$label" -v w="$wall" -v r="$rss" 'BEGIN { printf "%-22s %8.1f s %8.1f MB\n", l, w, r / 1024 }'
}
echo "leads $leads, latency ${latency} ms, concurrency $concurrency, shards $shards ($(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg))"
measure "run (1 process)" "$binary" run --quiet single.json
start=$(date +%s.%N)
measure "plan" "$binary" plan sharded.json --shards "$shards" --output plan.json
pids=()
for k in $(seq 0 $((shards - 1))); do
    measure "shard $k" "$binary" run --quiet sharded.json --plan plan.json --shard "$k" & pids+=($!)
done
wait "${pids[@]}"
measure "render" "$binary" render --quiet sharded.json --plan plan.json
awk -v s="$start" -v e="$(date +%s.%N)" 'BEGIN { printf "%-22s %8.1f s\n", "plan+shards+render", e - s }'
cmp single/out/bf.csv sharded/out/bf.csv && echo "CSV identical: $(wc -l < single/out/bf.csv) lines"
