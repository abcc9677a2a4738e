"""The peer: a dlt 1.31 pipeline reading the same fake Liner server as liner-export.

`rest_api` source (offset paginator over `offset`/`limit`, total from `data.total`, records from
`data.list`, the token in the `X-Api-Key` header), `filesystem` destination on a local folder,
`csv` or `jsonl` files. Run by benchmarks/bench.py inside the harness's virtual environment:

    python dlt_peer.py BASE_URL FROM TO FORMAT OUTPUT_DIR      (token in LINER_API_KEY)

Prints the number of rows of the `leads` table, read back from its files.
"""
import csv
import glob
import os
import sys
import tempfile

os.environ.setdefault("RUNTIME__DLTHUB_TELEMETRY", "false")
os.environ.setdefault("RUNTIME__LOG_LEVEL", "WARNING")
# Plain files, as liner-export writes them (dlt gzips by default, which would cost it CPU).
os.environ.setdefault("DATA_WRITER__DISABLE_COMPRESSION", "true")

import dlt  # noqa: E402
from dlt.destinations import filesystem  # noqa: E402
from dlt.sources.rest_api import rest_api_source  # noqa: E402


def main() -> None:
    base_url, window_from, window_to, file_format, output_dir = sys.argv[1:6]
    source = rest_api_source({
        "client": {
            "base_url": base_url.rstrip("/") + "/v2/",
            "auth": {"type": "api_key", "name": "X-Api-Key", "api_key": os.environ["LINER_API_KEY"],
                     "location": "header"},
        },
        "resources": [{
            "name": "leads",
            "endpoint": {
                "path": "lead/",
                "params": {"createdAt[0]": window_from, "createdAt[1]": window_to},
                "data_selector": "data.list",
                "paginator": {"type": "offset", "limit": 100, "offset_param": "offset",
                              "limit_param": "limit", "total_path": "data.total"},
            },
        }],
    })
    pipelines_dir = tempfile.mkdtemp(prefix="dlt-pipelines-", dir=output_dir)
    pipeline = dlt.pipeline(
        pipeline_name="liner_bench", pipelines_dir=pipelines_dir,
        destination=filesystem(bucket_url="file://" + os.path.abspath(output_dir)), dataset_name="liner")
    pipeline.run(source, loader_file_format=file_format)
    print(f"rows: {count_rows(os.path.join(output_dir, 'liner', 'leads'), file_format)}")


def count_rows(folder: str, file_format: str) -> int:
    """Rows of the `leads` table as read back from the files dlt wrote."""
    rows = 0
    for path in glob.glob(os.path.join(folder, "*")):
        with open(path, newline="", encoding="utf-8") as file:
            if file_format == "csv":
                rows += sum(1 for _ in csv.reader(file)) - 1
            else:
                rows += sum(1 for line in file if line.strip())
    return rows


if __name__ == "__main__":
    main()
