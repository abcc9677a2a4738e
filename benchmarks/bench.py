"""liner-export benchmarks: stage throughput, end to end against the fake server, latency-bound
runs, and the dlt peer on the same server and window. Writes BENCHMARKS.md.

Run through `bash benchmarks/run.sh [--quick]`, which builds the release binaries and the dlt
virtual environment first. Stdlib only (the project's python3).
"""
import argparse
import datetime as dt
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RELEASE = ROOT / ".build" / "release"
OUT = ROOT / "benchmarks" / ".out"
VENV_PYTHON = ROOT / "benchmarks" / ".venv" / "bin" / "python"
API_KEY = "bench-liner-key"
FIRST = dt.datetime(2024, 1, 1, tzinfo=dt.timezone.utc)
SPACING = 60  # seconds between leads, the fake server's default
CLOCK_TICKS = os.sysconf("SC_CLK_TCK")

FORMATS = {
    "csv": [{"format": "csv", "path": "{dir}/leads.csv"}],
    "ndjson": [{"format": "ndjson", "path": "{dir}/leads.ndjson"}],
    "xlsx": [{"format": "xlsx", "path": "{dir}/leads.xlsx"}],
    "xml": [{"format": "xml", "path": "{dir}/leads.records.xml"}],
    "xml-spreadsheet": [{"format": "xml", "flavor": "spreadsheet", "path": "{dir}/leads.xml"}],
}
FORMATS["all"] = [output for name in ("csv", "ndjson", "xlsx", "xml", "xml-spreadsheet") for output in FORMATS[name]]
# CSV again with a state file: the resumable path (each window spooled, then rendered from its spool).
FORMATS["csv-state"] = FORMATS["csv"]


def load_average() -> str:
    return " ".join(Path("/proc/loadavg").read_text().split()[:3])


def log(message: str) -> None:
    print(f"[{dt.datetime.now(dt.timezone.utc):%H:%M:%S}] {message}", flush=True)


def median(values):
    return statistics.median(values) if values else float("nan")


class MockServer:
    """`liner-export mock-server` on loopback; its CPU time is read from /proc per run."""

    def __init__(self, leads: int, latency_ms: int = 0):
        command = [str(RELEASE / "liner-export"), "mock-server", "--port", "0", "--leads", str(leads),
                   "--api-key", API_KEY]
        if latency_ms:
            command += ["--latency-ms", str(latency_ms)]
        self.process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
        self.url = None
        for line in self.process.stdout:
            match = re.search(r"listening on (http://\S+)", line)
            if match:
                self.url = match.group(1)
                break
        if not self.url:
            raise RuntimeError("mock server did not start")

    def cpu_seconds(self) -> float:
        fields = Path(f"/proc/{self.process.pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / CLOCK_TICKS

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait(timeout=10)


def timed(command, env=None, cwd=None):
    """Runs `command` under /usr/bin/time -v: wall and CPU seconds, peak RSS in MB, stdout."""
    completed = subprocess.run(["/usr/bin/time", "-v"] + command, capture_output=True, text=True,
                               env=env, cwd=cwd)
    if completed.returncode != 0:
        raise RuntimeError(f"{command[0]} exited {completed.returncode}: {completed.stderr[-2000:]}")
    stats = completed.stderr
    wall = re.search(r"Elapsed \(wall clock\) time \(h:mm:ss or m:ss\): (\S+)", stats).group(1)
    seconds = 0.0
    for part in wall.split(":"):
        seconds = seconds * 60 + float(part)
    user = float(re.search(r"User time \(seconds\): (\S+)", stats).group(1))
    system = float(re.search(r"System time \(seconds\): (\S+)", stats).group(1))
    rss = int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", stats).group(1))
    return {"wall": seconds, "cpu": user + system, "rss_mb": rss / 1024, "stdout": completed.stdout}


def window(leads: int):
    """[from, to) holding exactly `leads` leads of the fake server."""
    return FIRST, FIRST + dt.timedelta(seconds=leads * SPACING)


def iso(moment: dt.datetime) -> str:
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


def write_pipeline(url: str, leads: int, outputs, directory: Path, concurrency: int = 4, state_file: bool = False) -> Path:
    start, end = window(leads)
    spec = {
        "version": 1, "name": "bench",
        "source": {"baseURL": url, "apiKeyEnv": "LINER_API_KEY", "requestsPerSecond": 0,
                   "concurrency": concurrency},
        "window": {"from": iso(start), "to": iso(end), "timeZone": "utc",
                   **({"stateFile": str(directory / "state.json")} if state_file else {})},
        "normalize": {"phones": {"defaultRegion": "RU"}, "dates": {"timeZone": "Europe/Moscow"}},
        "columns": ["*"],
        "outputs": [{key: (value.format(dir=directory) if key == "path" else value) for key, value in output.items()}
                    for output in outputs],
    }
    path = directory / "pipeline.json"
    path.write_text(json.dumps(spec, indent=2))
    return path


def fresh_dir(name: str) -> Path:
    directory = OUT / name
    shutil.rmtree(directory, ignore_errors=True)
    directory.mkdir(parents=True)
    return directory


def run_liner(server: MockServer, leads: int, fmt: str, runs: int, concurrency: int = 4):
    env = dict(os.environ, LINER_API_KEY=API_KEY)
    samples = []
    for _ in range(runs):
        directory = fresh_dir(f"liner-{fmt}-{leads}")
        pipeline = write_pipeline(server.url, leads, FORMATS[fmt], directory, concurrency, state_file=fmt.endswith("-state"))
        loadavg = load_average()
        before = server.cpu_seconds()
        result = timed([str(RELEASE / "liner-export"), "run", "--quiet", str(pipeline)], env=env)
        result["server_cpu"] = server.cpu_seconds() - before
        result["load"] = loadavg
        exported = re.search(r"leads: (\d+) exported", result.pop("stdout"))
        result["leads"] = int(exported.group(1)) if exported else None
        samples.append(result)
        shutil.rmtree(directory, ignore_errors=True)
    return summarize(samples, leads)


def run_dlt(server: MockServer, leads: int, fmt: str, runs: int):
    start, end = window(leads)
    env = dict(os.environ, LINER_API_KEY=API_KEY)
    samples = []
    for _ in range(runs):
        directory = fresh_dir(f"dlt-{fmt}-{leads}")
        loadavg = load_average()
        before = server.cpu_seconds()
        # The server's upper bound is inclusive: the last second of [from, to).
        result = timed([str(VENV_PYTHON), str(ROOT / "benchmarks" / "dlt_peer.py"), server.url, iso(start),
                        iso(end - dt.timedelta(seconds=1)), fmt, str(directory)], env=env)
        result["server_cpu"] = server.cpu_seconds() - before
        result["load"] = loadavg
        rows = re.search(r"rows: (\d+)", result.pop("stdout"))
        result["leads"] = int(rows.group(1)) if rows else None
        samples.append(result)
        shutil.rmtree(directory, ignore_errors=True)
    return summarize(samples, leads)


def summarize(samples, leads):
    wall = median([s["wall"] for s in samples])
    return {
        "runs": len(samples), "wall": wall, "cpu": median([s["cpu"] for s in samples]),
        "rss_mb": median([s["rss_mb"] for s in samples]), "rss_max_mb": max(s["rss_mb"] for s in samples),
        "server_cpu": median([s["server_cpu"] for s in samples]), "leads_per_s": leads / wall,
        "exported": sorted({s["leads"] for s in samples}, key=str), "loads": [s["load"] for s in samples],
        "walls": [s["wall"] for s in samples],
    }


def stage_benchmarks(runs: int, normalize_leads: int, writer_leads: int):
    results = {"normalize": [], "writers": {}}
    for _ in range(runs):
        loadavg = load_average()
        output = subprocess.run([str(RELEASE / "NormalizeBenchmark"), str(normalize_leads), "3"],
                                capture_output=True, text=True, check=True).stdout
        figures = {key: float(re.search(pattern, output, re.MULTILINE).group(1)) for key, pattern in {
            "with_phones": r"^normalize with phones:\s+(\d+)", "without_phones": r"^normalize without phones:\s+(\d+)",
            "json": r"^JSON decoding:\s+(\d+)", "phone_us": r"phones alone: \d+ values, cold ([\d.]+)",
            "csv_with_phones": r"^normalize \+ CSV with phones:\s+(\d+)",
            "csv_without_phones": r"^normalize \+ CSV without phones:\s+(\d+)",
            "csv_with_phones_cores": r"^normalize \+ CSV with phones, \d+ cores:\s+(\d+)",
            "csv_without_phones_cores": r"^normalize \+ CSV without phones, \d+ cores:\s+(\d+)",
            "csv_writer": r"^CSV writer alone \(no phones\):\s+(\d+)"}.items()}
        figures["load"] = loadavg
        results["normalize"].append(figures)
    for fmt in ("csv", "ndjson", "xlsx", "xml", "xml-spreadsheet"):
        samples = []
        for _ in range(runs):
            loadavg = load_average()
            target = OUT / f"writer-bench.{fmt}"
            output = subprocess.run([str(RELEASE / "WriterBenchmark"), "--leads", str(writer_leads), "--format", fmt,
                                     "--output", str(target)], capture_output=True, text=True, check=True).stdout
            target.unlink(missing_ok=True)
            samples.append({
                "pipeline": float(re.search(r"\(([\d.]+) leads/s", output).group(1)),
                "alone": float(re.search(r"writer alone: ([\d.]+) leads/s", output).group(1)),
                "rss": int(re.search(r"peak RSS (\d+) MiB, writer", output).group(1)), "load": loadavg})
        results["writers"][fmt] = samples
        log(f"writer {fmt}: {median([s['alone'] for s in samples]):.0f} leads/s alone")
    return results


def machine():
    cpu = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                if line.startswith("model name")), platform.processor())
    memory = next(line.split()[1] for line in Path("/proc/meminfo").read_text().splitlines()
                  if line.startswith("MemTotal"))
    swift = subprocess.run(["swift", "--version"], capture_output=True, text=True).stdout.splitlines()[0]
    return {"cpu": cpu, "cores": os.cpu_count(), "memory_gb": int(memory) / 1024 / 1024,
            "kernel": platform.release(), "swift": swift, "python": platform.python_version()}


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--quick", action="store_true", help="10k and 100k leads; no 1M runs")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--skip-dlt", action="store_true")
    parser.add_argument("--latency-only", action="store_true",
                        help="re-run only the latency-bound runs, into the existing results.json")
    arguments = parser.parse_args()
    OUT.mkdir(parents=True, exist_ok=True)
    runs = max(3, arguments.runs)
    sizes = [10_000, 100_000] if arguments.quick else [10_000, 100_000, 1_000_000]
    started = time.time()
    report = {"machine": machine(), "quick": arguments.quick, "runs": runs, "started": iso(dt.datetime.now(dt.timezone.utc)),
              "load_start": load_average(), "e2e": {}, "dlt": {}, "latency": []}

    if arguments.latency_only:
        previous = json.loads((OUT / "results.json").read_text())
        previous["latency"] = latency_runs(runs)
        previous["latency_rerun"] = iso(dt.datetime.now(dt.timezone.utc))
        previous["load_end"] = load_average()
        return write_report(previous)

    log("stage benchmarks")
    report["stages"] = stage_benchmarks(runs, 20_000 if arguments.quick else 50_000, 100_000)

    for leads in sizes:
        server = MockServer(leads)
        try:
            formats = list(FORMATS) if leads <= 100_000 else ["csv", "ndjson"]
            for fmt in formats:
                result = run_liner(server, leads, fmt, runs)
                report["e2e"][f"{fmt}/{leads}"] = result
                log(f"liner-export {fmt} {leads}: {result['wall']:.2f} s, {result['rss_mb']:.1f} MB")
            if not arguments.skip_dlt and leads <= (100_000 if arguments.quick else 1_000_000):
                for fmt in ("csv", "jsonl"):
                    result = run_dlt(server, leads, fmt, runs)
                    report["dlt"][f"{fmt}/{leads}"] = result
                    log(f"dlt {fmt} {leads}: {result['wall']:.2f} s, {result['rss_mb']:.1f} MB")
        finally:
            server.stop()

    report["latency"] = latency_runs(runs)
    report["elapsed_minutes"] = (time.time() - started) / 60
    report["load_end"] = load_average()
    write_report(report)


def latency_runs(runs):
    """10k leads at 100 ms per page, CSV, concurrency 4, 8 and 16, against pages × 100 ms / concurrency."""
    latency_leads = 10_000
    results = []
    server = MockServer(latency_leads, latency_ms=100)
    try:
        for concurrency in (4, 8, 16):
            result = run_liner(server, latency_leads, "csv", runs, concurrency)
            pages = -(-latency_leads // 100)
            result.update(concurrency=concurrency, pages=pages, floor=pages * 0.1 / concurrency)
            results.append(result)
            log(f"latency-bound c={concurrency}: {result['wall']:.2f} s against floor {result['floor']:.2f} s")
    finally:
        server.stop()
    return results


def write_report(report):
    (OUT / "results.json").write_text(json.dumps(report, indent=2))
    sys.path.insert(0, str(Path(__file__).parent))
    from report import render
    (ROOT / "BENCHMARKS.md").write_text(render(report))
    log(f"wrote BENCHMARKS.md ({report['elapsed_minutes']:.1f} min)")


if __name__ == "__main__":
    main()
