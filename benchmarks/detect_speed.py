"""Rows per second of each refusal detector on realistic responses.

    python benchmarks/detect_speed.py [--rows 20000] [--embedding-rows 2000]

The rows are real model answers when ../shared/data is present (AlpacaEval outputs and
ShareGPT turns, read in place, never copied into the repository), topped up to ~5% refusals
with the refusals of tests/data/refusal_dev.jsonl; without it, the dev set's responses are
repeated. Embedding every row is slow on CPU, so the embedding detector is timed on
--embedding-rows rows and reported as a rate. Model loading is timed apart from detection.
Targets (issue 4): the default ensemble at >= 2,000 rows/s on 2 cores.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("HF_HUB_OFFLINE", "1")

import polars as pl  # noqa: E402

from ablate.detect import resolve_packs  # noqa: E402
from ablate.detect.embedding import load_model  # noqa: E402
from ablate.detect.ensemble import detect  # noqa: E402

SHARED = ROOT.parent / "shared" / "data" / "instruct"


def real_answers() -> list[tuple[str, str]]:
    """(prompt, answer) pairs of real model answers: AlpacaEval outputs and ShareGPT turns from
    ../shared/data (read in place); empty when it is absent. filter_speed.py --text real uses them too."""
    answers: list[tuple[str, str]] = []
    if (SHARED / "alpaca_eval_model_outputs.jsonl.gz").exists():
        with gzip.open(SHARED / "alpaca_eval_model_outputs.jsonl.gz", "rt") as f:
            answers += [(r["instruction"], r["output"]) for r in map(json.loads, f)]
        with gzip.open(SHARED / "sharegpt_v3_unfiltered_cleaned_split.partial.json.gz", "rt") as f:
            for conv in json.load(f):
                turns = conv["conversations"]
                answers += [(a["value"], b["value"]) for a, b in zip(turns, turns[1:]) if b["from"] == "gpt"]
    return answers


def realistic_rows(count: int, seed: int = 0) -> tuple[pl.DataFrame, str]:
    rng = random.Random(seed)
    dev = [json.loads(line) for line in (ROOT / "tests" / "data" / "refusal_dev.jsonl").read_text().split("\n") if line]
    refusals = [(r["prompt"], r["response"]) for r in dev if r["refusal"]]
    answers = real_answers()
    source = "tests/data/refusal_dev.jsonl only (../shared/data absent)"
    if answers:
        source = "AlpacaEval outputs + ShareGPT turns from ../shared/data, ~5% dev-set refusals mixed in"
    else:
        answers = [(r["prompt"], r["response"]) for r in dev if not r["refusal"]]
    n_refusals = count // 20
    rows = [rng.choice(answers) for _ in range(count - n_refusals)] + [rng.choice(refusals) for _ in range(n_refusals)]
    rng.shuffle(rows)
    return pl.DataFrame({"prompt": [p for p, _ in rows], "content": [a for _, a in rows]}), source


def timed(fn) -> tuple[float, object]:
    start = time.perf_counter()
    out = fn()
    return time.perf_counter() - start, out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rows", type=int, default=20_000)
    parser.add_argument("--embedding-rows", type=int, default=2_000)
    args = parser.parse_args()
    import torch

    frame, source = realistic_rows(args.rows)
    packs = resolve_packs()
    print(f"rows: {frame.height:,} ({source}); torch threads: {torch.get_num_threads()}")
    load, _ = timed(lambda: load_model(None))
    print(f"embedding model load: {load:.1f} s (once per process, not in the rates below)")
    # warm-up: prototype embeddings and first batches
    detect(frame.head(64), packs, detector="ensemble")

    rules_s, _ = timed(lambda: detect(frame, packs, detector="rules"))
    subset = frame.head(args.embedding_rows)
    embed_s, _ = timed(lambda: detect(subset, packs, detector="embedding"))
    ensemble_s, judged = timed(lambda: detect(frame, packs, detector="ensemble"))
    embedded = int(judged["refusal_embedded"].sum())
    rates = {"rules": frame.height / rules_s, "embedding": subset.height / embed_s, "ensemble": frame.height / ensemble_s}
    print(f"{'detector':<10} {'rows':>8} {'seconds':>8} {'rows/s':>10}")
    print(f"{'rules':<10} {frame.height:>8,} {rules_s:>8.2f} {rates['rules']:>10,.0f}")
    print(f"{'embedding':<10} {subset.height:>8,} {embed_s:>8.2f} {rates['embedding']:>10,.0f}")
    print(f"{'ensemble':<10} {frame.height:>8,} {ensemble_s:>8.2f} {rates['ensemble']:>10,.0f}   "
          f"({embedded:,} openings embedded = {embedded / frame.height:.1%})")
    print(f"ensemble vs embedding-every-row: {rates['ensemble'] / rates['embedding']:.1f}x; "
          f"target >= 2,000 rows/s: {'met' if rates['ensemble'] >= 2000 else 'NOT met'}")
    flagged = judged["aligned_category"].is_in(["refusal", "partial_refusal"]).sum()
    print(f"ensemble flagged {flagged:,} rows as refusals ({flagged / frame.height:.1%}; {frame.height // 20:,} refusals were mixed in)")


if __name__ == "__main__":
    main()
