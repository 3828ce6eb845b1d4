"""How fast is `ablate filter`? Ratios against baselines measured in this same run.

On N synthetic alpaca rows (~300-character responses, a few % refusals, written as JSONL):

1. the rule detector alone (polars, all built-in packs) vs a plain Python loop over the same
   patterns (Python `re`, one search per pack per row), in rows/s;
2. the whole `ablate.filter(..., refusals="drop")` run vs polars merely reading and writing
   the same file, with polars' defaults, and with the full-file schema inference that ablate
   needs to lose no field (with its default of 100 rows, polars silently drops a key that
   first appears later in the file); and the same run with one rule pattern that no row holds,
   which splits the whole run's time into ablate's own reading, checking and writing, and detection;
3. peak memory (max RSS) of each, every step in its own process.

Each step runs --repeat times (each in a fresh process) and the fastest is reported.

`--text real` builds the rows from ~300-character windows of real answers (AlpacaEval outputs and
ShareGPT turns in ../shared/data/instruct) instead of the synthetic sentences: regex speed depends
on the text, and the synthetic rows (one sentence of 52 words drawn from 60) are far easier on it.

Targets (issue 3): detector >= 20x the Python loop; whole filter <= 2x polars read+write.

    python benchmarks/filter_speed.py [--rows 1000000] [--refusal-share 0.03] [--text synthetic|real] [--workdir DIR]
"""

from __future__ import annotations

import argparse
import json
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

WORDS = ("the of and to in is that for it as with was on be by this are from or at an which have not "
         "data model time system value function result user number people water energy market city "
         "history process method example important different large small first second often between "
         "during without within however because therefore although simple complex general specific").split()
REFUSALS = [
    "I'm sorry, but I can't help with that request.",
    "I cannot fulfill your request. It is not within my programming or ethical guidelines to provide that.",
    "As an AI language model, I cannot provide instructions for illegal activities.",
    "I apologize, but I am unable to assist with creating harmful content.",
    "I must respectfully decline to write that story.",
]
# a rule pack whose one pattern no row holds: what ablate's run costs without the detection
FLOOR_PACK = """name: no-match
category: refusal
kind: regex
patterns:
  - "\\x00never\\x00"
"""
DISCLAIMER = "As an AI language model, I don't have personal opinions, but "


def long_real_answers() -> list[tuple[str, str]]:
    """Real (prompt, answer) pairs longer than 300 characters (see detect_speed.real_answers)."""
    from detect_speed import SHARED, real_answers

    answers = [(p, a) for p, a in real_answers() if len(a) > 300 and a.strip()]
    if not answers:
        sys.exit(f"--text real needs {SHARED} (see ../shared/data/README.md)")
    return answers


def make_rows(n: int, share: float, seed: int = 0, answers: list[tuple[str, str]] | None = None):
    rng = random.Random(seed)
    for i in range(n):
        if answers:  # a window of a real answer, cut at a space
            prompt, answer = rng.choice(answers)
            start = answer.find(" ", rng.randrange(0, len(answer) - 300)) + 1
            prompt, body = prompt[:80], answer[start:start + 300].strip() or answer[:300]
        else:
            prompt = " ".join(rng.choices(WORDS, k=10)).capitalize() + "?"
            body = " ".join(rng.choices(WORDS, k=52)).capitalize() + "."
        roll = rng.random()
        if roll < share:
            body = rng.choice(REFUSALS) + " " + body[:120]
        elif roll < share * 2:
            body = DISCLAIMER + body
        yield {"instruction": prompt, "input": "", "output": body[:300]}


STEP = r"""
import json, resource, sys, time
step, path, out = sys.argv[1], sys.argv[2], sys.argv[3]
import polars as pl
result = {}
if step in ("polars", "polars-lossless"):
    t = time.perf_counter()
    frame = pl.read_ndjson(path, infer_schema_length=None if step == "polars-lossless" else 100)
    frame.write_ndjson(out)
    result["seconds"] = time.perf_counter() - t
elif step == "ablate":
    import ablate
    t = time.perf_counter()
    report = ablate.filter(path, out, refusals="drop")
    result["seconds"] = time.perf_counter() - t
    result["counts"] = report.counts
    result["timings"] = report.timings
elif step == "ablate-io":  # the same run with one pattern no row holds: ablate's own reading, checks and writing
    import ablate
    t = time.perf_counter()
    report = ablate.filter(path, out, refusals="drop", detector="rules", filters=[sys.argv[4]])
    result["seconds"] = time.perf_counter() - t
    result["counts"] = report.counts
elif step == "detector":
    from ablate.detect import builtin_packs, detect_rules
    texts = pl.read_ndjson(path).select(pl.col("output").alias("content"))
    packs = builtin_packs()
    t = time.perf_counter()
    judged = detect_rules(texts, packs)
    result["seconds"] = time.perf_counter() - t
    result["rows"] = texts.height
    result["hits"] = int(judged["aligned_category"].is_not_null().sum())
elif step == "python":
    import re
    from ablate.detect import builtin_packs
    limit = int(sys.argv[4])
    texts = pl.read_ndjson(path, n_rows=limit)["output"].to_list()
    regexes = []
    for pack in builtin_packs():
        if not pack.is_rules:  # the prototypes pack has no patterns: an empty regex would match every row
            continue
        body = "|".join(f"(?:{r})" for r in pack.regexes).replace("(?-u:\\b)", "\\b")
        regexes.append((re.compile(body, re.IGNORECASE), pack.within))
    t = time.perf_counter()
    hits = 0
    for text in texts:
        for regex, within in regexes:
            if regex.search(text[:within] if within else text):
                hits += 1
                break
    result["seconds"] = time.perf_counter() - t
    result["rows"] = len(texts)
    result["hits"] = hits
result["max_rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps(result))
"""


def run_step(step: str, path: Path, out: Path, *extra: str, repeat: int = 1) -> dict:
    runs = []
    for _ in range(repeat):
        done = subprocess.run([sys.executable, "-c", STEP, step, str(path), str(out), *extra],
                              capture_output=True, text=True, check=False)
        if done.returncode:
            sys.exit(f"step {step} failed:\n{done.stderr}")
        runs.append(json.loads(done.stdout.strip().splitlines()[-1]))
    return min(runs, key=lambda r: r["seconds"])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--refusal-share", type=float, default=0.03)
    parser.add_argument("--python-rows", type=int, default=50_000, help="rows for the (slow) Python loop; rows/s is what is compared")
    parser.add_argument("--repeat", type=int, default=3, help="runs per step; the fastest counts")
    parser.add_argument("--text", choices=("synthetic", "real"), default="synthetic",
                        help="synthetic sentences, or windows of real answers from ../shared/data")
    parser.add_argument("--workdir", type=Path, default=None)
    args = parser.parse_args()

    workdir = args.workdir or Path(tempfile.mkdtemp(prefix="ablate-bench-"))
    workdir.mkdir(parents=True, exist_ok=True)
    data = workdir / f"{args.text}_{args.rows}.jsonl"
    if not data.exists():
        t = time.perf_counter()
        answers = long_real_answers() if args.text == "real" else None
        with data.open("w") as handle:
            for row in make_rows(args.rows, args.refusal_share, answers=answers):
                handle.write(json.dumps(row) + "\n")
        print(f"wrote {args.rows:,} rows ({data.stat().st_size / 1e6:.0f} MB) in {time.perf_counter() - t:.1f} s: {data}")

    run_step("polars", data, workdir / "polars_copy.jsonl")  # warm the page cache for everyone
    polars_io = run_step("polars", data, workdir / "polars_copy.jsonl", repeat=args.repeat)
    lossless = run_step("polars-lossless", data, workdir / "polars_copy.jsonl", repeat=args.repeat)
    whole = run_step("ablate", data, workdir / "clean.jsonl", repeat=args.repeat)
    floor_pack = workdir / "no-match.yaml"
    floor_pack.write_text(FLOOR_PACK)
    floor = run_step("ablate-io", data, workdir / "floor.jsonl", str(floor_pack), repeat=args.repeat)
    detector = run_step("detector", data, workdir / "unused.jsonl", repeat=args.repeat)
    python = run_step("python", data, workdir / "unused.jsonl", str(args.python_rows))

    det_rate = detector["rows"] / detector["seconds"]
    py_rate = python["rows"] / python["seconds"]
    ratio_loop = det_rate / py_rate
    ratio_io = whole["seconds"] / polars_io["seconds"]
    ratio_lossless = whole["seconds"] / lossless["seconds"]
    print()
    print(f"{'step':<42}{'seconds':>9}{'rows/s':>14}{'max RSS MB':>12}")
    print(f"{'polars read_ndjson + write_ndjson':<42}{polars_io['seconds']:>9.2f}{args.rows / polars_io['seconds']:>14,.0f}{polars_io['max_rss_mb']:>12,.0f}")
    print(f"{'polars, full schema inference (lossless)':<42}{lossless['seconds']:>9.2f}{args.rows / lossless['seconds']:>14,.0f}{lossless['max_rss_mb']:>12,.0f}")
    print(f"{'ablate filter --refusals drop (whole run)':<42}{whole['seconds']:>9.2f}{args.rows / whole['seconds']:>14,.0f}{whole['max_rss_mb']:>12,.0f}")
    print(f"{'  ... with one pattern no row holds':<42}{floor['seconds']:>9.2f}{args.rows / floor['seconds']:>14,.0f}{floor['max_rss_mb']:>12,.0f}")
    print(f"{'rule detector (polars, all packs)':<42}{detector['seconds']:>9.2f}{det_rate:>14,.0f}{detector['max_rss_mb']:>12,.0f}")
    loop_label = f"Python re loop ({python['rows']:,} rows)"
    print(f"{loop_label:<42}{python['seconds']:>9.2f}{py_rate:>14,.0f}{python['max_rss_mb']:>12,.0f}")
    print()
    print(f"filter stages: {whole['timings']}")
    print(f"counts: {whole['counts']}")
    print(f"detector hits: {detector['hits']:,} of {detector['rows']:,}; Python loop hits: {python['hits']:,} of {python['rows']:,}")
    print()
    print(f"detector vs Python loop:            {ratio_loop:6.1f}x faster   (target >= 20x)  {'OK' if ratio_loop >= 20 else 'MISSED'}")
    print(f"whole filter vs polars read+write:  {ratio_io:6.2f}x the time   (target <= 2x)   {'OK' if ratio_io <= 2 else 'MISSED'}")
    print(f"  ... vs lossless polars read+write: {ratio_lossless:6.2f}x the time")
    print(f"  ablate's reading and writing alone (one pattern no row holds): {floor['seconds'] / polars_io['seconds']:.2f}x polars read+write;"
          f" detection is {whole['seconds'] - floor['seconds']:.2f} s of the whole run")


if __name__ == "__main__":
    main()
