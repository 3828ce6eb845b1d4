"""Does ablate scale? rows/s and peak memory of `ablate filter` and `ablate dedup` on the local and
the ray engine, at growing input sizes, each run in its own process.

The memory of the local engine must not grow linearly with the input: it holds one batch
(`batch_rows`) at a time for the filter; dedup holds one batch, or one partition of band keys, and
keeps its per-row state on disk between the passes (it grows only with the near-duplicates found,
and these synthetic rows have none). The last lines print the ratio of peak memory at the largest size to that
at the smallest, beside the ratio of the sizes.

Ray's numbers count the driver's peak RSS and, separately, the largest worker's (Ray workers are
other processes); with 2 cores Ray mostly shows its overhead, with more cores it shows the speedup.

    python benchmarks/scale.py [--sizes 100000 1000000 5000000] [--engines local ray] [--stages filter dedup] [--workdir DIR]
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from filter_speed import make_rows  # noqa: E402  (the same synthetic rows as the filter benchmark)

STEP = r"""
import json, resource, sys, time, threading, os
stage, engine, path, out = sys.argv[1:5]
import ablate
peak_workers = [0.0]
def watch():  # the largest Ray worker's RSS, sampled
    import psutil
    me = psutil.Process()
    while True:
        for child in me.children(recursive=True):
            try:
                peak_workers[0] = max(peak_workers[0], child.memory_info().rss / 2**20)
            except Exception:
                pass
        time.sleep(0.2)
if engine == "ray":
    threading.Thread(target=watch, daemon=True).start()
t = time.perf_counter()
if stage == "filter":
    report = ablate.filter(path, out, refusals="drop", detector="rules", engine=engine)
else:
    report = ablate.dedup_dataset(path, out, engine=engine)
seconds = time.perf_counter() - t
print(json.dumps({"seconds": seconds, "rows_in": report.counts["rows_in"], "kept": report.counts["kept"],
                  "max_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, "worker_mb": peak_workers[0]}))
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=[100_000, 1_000_000, 5_000_000])
    parser.add_argument("--engines", nargs="+", default=["local", "ray"], choices=["local", "ray"])
    parser.add_argument("--stages", nargs="+", default=["filter", "dedup"], choices=["filter", "dedup"])
    parser.add_argument("--workdir", type=Path, default=None)
    args = parser.parse_args()
    workdir = args.workdir or Path(tempfile.mkdtemp(prefix="ablate-scale-"))
    workdir.mkdir(parents=True, exist_ok=True)
    results = []
    for size in args.sizes:
        data = workdir / f"synthetic_{size}.jsonl"
        if not data.exists():
            with data.open("w") as handle:
                for row in make_rows(size, 0.03):
                    handle.write(json.dumps(row) + "\n")
        for stage in args.stages:
            for engine in args.engines:
                out = workdir / (f"{stage}_{engine}_{size}" + ("" if engine == "ray" else ".jsonl"))
                done = subprocess.run([sys.executable, "-c", STEP, stage, engine, str(data), str(out)],
                                      capture_output=True, text=True, check=False)
                if done.returncode:
                    sys.exit(f"{stage} on {engine} at {size:,} rows failed:\n{done.stderr[-3000:]}")
                result = json.loads(done.stdout.strip().splitlines()[-1])
                result.update(stage=stage, engine=engine, rows=size, mb=data.stat().st_size / 1e6)
                results.append(result)
                print(f"{stage:<7}{engine:<6}{size:>11,} rows {result['mb']:>8,.0f} MB {result['seconds']:>8.1f} s "
                      f"{size / result['seconds']:>11,.0f} rows/s  driver {result['max_rss_mb']:>7,.0f} MB"
                      + (f"  largest worker {result['worker_mb']:>6,.0f} MB" if engine == "ray" else ""), flush=True)
    print()
    small, large = min(args.sizes), max(args.sizes)
    for stage in args.stages:
        for engine in args.engines:
            by = {r["rows"]: r for r in results if r["stage"] == stage and r["engine"] == engine}
            if small in by and large in by and small != large:
                growth = by[large]["max_rss_mb"] / by[small]["max_rss_mb"]
                print(f"{stage} on {engine}: {large / small:.0f}x the rows, {growth:.2f}x the peak memory (driver)"
                      + (f", largest worker {by[large]['worker_mb'] / max(by[small]['worker_mb'], 1):.2f}x" if engine == "ray" else ""))


if __name__ == "__main__":
    main()
