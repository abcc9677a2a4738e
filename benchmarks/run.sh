#!/usr/bin/env bash
# liner-export benchmarks, one command: builds release, installs the dlt peer in benchmarks/.venv,
# runs the stage, end-to-end, latency-bound and dlt benchmarks (medians of >= 3 runs each) and
# writes BENCHMARKS.md. Not part of the test suite (CI never runs it).
#
#   bash benchmarks/run.sh            # 10k, 100k and 1M leads (1M: CSV and NDJSON, and dlt), ~25 minutes (estimate)
#   bash benchmarks/run.sh --quick    # 10k and 100k leads, ~6 minutes
#   bash benchmarks/run.sh --quick --skip-dlt --runs 5
set -euo pipefail
cd "$(dirname "$0")/.."

if [[ ! -x /usr/bin/time ]]; then
    echo "benchmarks need /usr/bin/time (GNU time): bash scripts/setup.sh" >&2
    exit 2
fi

# Built as the README says to build for a server: Swift runtime and Foundation linked in (a run
# starts on ~10 ms of CPU instead of ~22). One set of flags for all three, so none rebuilds the others.
echo "== building release (liner-export, NormalizeBenchmark, WriterBenchmark), --static-swift-stdlib"
for product in liner-export NormalizeBenchmark WriterBenchmark; do
    swift build -c release --static-swift-stdlib --product "$product"
done

if [[ " $* " != *" --skip-dlt "* ]]; then
    venv=benchmarks/.venv
    if ! "$venv/bin/python" -c 'import dlt, sys; sys.exit(0 if dlt.__version__.startswith("1.31.") else 1)' 2>/dev/null; then
        echo "== installing dlt 1.31 into $venv (pip, PyPI)"
        python3 -m venv "$venv"
        "$venv/bin/pip" install --quiet --upgrade pip
        "$venv/bin/pip" install --quiet "dlt[filesystem]==1.31.*"
    fi
fi

echo "== running benchmarks (load average: $(cut -d' ' -f1-3 /proc/loadavg))"
python3 benchmarks/bench.py "$@"
