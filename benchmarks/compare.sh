#!/usr/bin/env bash
# Compares two builds of NormalizeBenchmark on normalize + CSV (one core, phones off), run at the same
# time, one on each core, swapping cores every round. This VM's speed drifts by 20-35 % over minutes,
# so runs one after the other say little about a change of a few per cent; two runs side by side see
# the same machine. The same binary against itself gives ratios within about 3 % of 1.
#
#   swift build -c release --static-swift-stdlib --product NormalizeBenchmark
#   cp .build/release/NormalizeBenchmark /tmp/before    # then change the code and build again
#   bash benchmarks/compare.sh /tmp/before .build/release/NormalizeBenchmark [rounds, default 6] [leads, default 50000]
set -euo pipefail
if [[ $# -lt 2 || ! -x ${1:-} || ! -x ${2:-} ]]; then
    echo "usage: bash benchmarks/compare.sh BEFORE AFTER [rounds] [leads]: two NormalizeBenchmark executables" >&2
    exit 2
fi
before=$1 after=$2 rounds=${3:-6} leads=${4:-50000}
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
best() { sed -E 's/.*CPU only ([0-9]+).*/\1/' "$1" | sort -n | tail -1; }
for round in $(seq "$rounds"); do
    first=$((round % 2)) second=$(((round + 1) % 2))
    taskset -c "$first" "$before" "$leads" 5 csv >"$out/before" &
    taskset -c "$second" "$after" "$leads" 5 csv >"$out/after" &
    wait
    b=$(best "$out/before") a=$(best "$out/after")
    echo "round $round: before $b leads/s, after $a leads/s, after/before $(python3 -c "print(f'{$a / $b:.3f}')")"
done
