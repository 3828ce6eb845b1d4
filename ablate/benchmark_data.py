"""Benchmark items read from a local data directory, for decontamination (and, later, evaluation).

The layout is the one in ../shared/data/benchmarks (see its README):

    bbh/bbh/<task>.json                 {"examples": [{"input", "target"}]}
    mmlu/{dev,test}/<subject>_<split>.csv   question, A, B, C, D, answer (no header)
    humaneval/HumanEval.jsonl.gz        task_id, prompt, canonical_solution, ...
    drop/drop_dev_structured.jsonl.gz   idx, passage, question, answers

Any subset may be present. Each item becomes (benchmark, item_id, text): the text a model is
shown, which is what must not leak into training data.
"""

from __future__ import annotations

import csv
import gzip
import json
import os
from pathlib import Path

import polars as pl

from .errors import InputError

BENCHMARKS = ("bbh", "mmlu", "humaneval", "drop")


def default_benchmark_dir() -> Path | None:
    """$ABLATE_BENCHMARK_DIR, else ../shared/data/benchmarks beside the working directory or the source tree."""
    env = os.environ.get("ABLATE_BENCHMARK_DIR")
    if env:
        return Path(env)
    here = Path(__file__).resolve().parent.parent
    for root in (Path.cwd().parent, here.parent):
        candidate = root / "shared" / "data" / "benchmarks"
        if candidate.is_dir():
            return candidate
    return None


def _open_text(path: Path):
    return gzip.open(path, "rt", encoding="utf-8") if path.name.endswith(".gz") else path.open(encoding="utf-8", newline="")


def _bbh(root: Path) -> list[tuple[str, str]]:
    items = []
    for path in sorted((root / "bbh").glob("*.json")):
        try:
            examples = json.loads(path.read_text(encoding="utf-8"))["examples"]
        except (ValueError, KeyError) as e:
            raise InputError(f"{path}: not a BBH task file ({e})") from None
        items += [(f"{path.stem}/{i}", example["input"]) for i, example in enumerate(examples)]
    return items


def _mmlu(root: Path) -> list[tuple[str, str]]:
    items = []
    for split in ("dev", "test"):
        for path in sorted((root / split).glob(f"*_{split}.csv")):
            subject = path.stem[: -len(split) - 1]
            with _open_text(path) as handle:
                for number, row in enumerate(csv.reader(handle), start=1):
                    if len(row) < 6:
                        raise InputError(f"{path}:{number}: expected 6 columns (question, A, B, C, D, answer), got {len(row)}")
                    items.append((f"{subject}/{split}/{number}", "\n".join(row[:5])))
    return items


def _humaneval(root: Path) -> list[tuple[str, str]]:
    items = []
    for path in sorted(root.glob("*.jsonl*")):
        with _open_text(path) as handle:
            for line in handle:
                if line.strip():
                    row = json.loads(line)
                    items.append((row["task_id"], row["prompt"]))
    return items


def _drop(root: Path) -> list[tuple[str, str]]:
    path = root / "drop_dev_structured.jsonl.gz"
    items = []
    if path.exists():
        with _open_text(path) as handle:
            for line in handle:
                row = json.loads(line)
                items.append((f"dev/{row['idx']}", f"{row['passage']}\n{row['question']}"))
        return items
    plain = root / "drop_v0_dev.jsonl.gz"  # the simple-evals packaging: the context holds passage and question
    if plain.exists():
        with _open_text(plain) as handle:
            for number, line in enumerate(handle):
                row = json.loads(line)
                items.append((f"dev/{number}", row["context"].removesuffix("Answer:").strip()))
    return items


_LOADERS = {"bbh": _bbh, "mmlu": _mmlu, "humaneval": _humaneval, "drop": _drop}


def load_benchmark_items(data_dir: str | Path, benchmarks: tuple[str, ...] = BENCHMARKS) -> pl.DataFrame:
    """Every item of the named benchmarks found under `data_dir`: columns benchmark, item_id, text."""
    root = Path(data_dir)
    if not root.is_dir():
        raise InputError(f"{root}: benchmark data directory not found")
    unknown = [b for b in benchmarks if b not in _LOADERS]
    if unknown:
        raise InputError(f"unknown benchmark(s) {', '.join(unknown)}; choose from {', '.join(BENCHMARKS)}")
    rows: list[tuple[str, str, str]] = []
    for name in benchmarks:
        folder = root / name
        if folder.is_dir():
            try:
                rows += [(name, item, text) for item, text in _LOADERS[name](folder)]
            except (KeyError, json.JSONDecodeError, UnicodeDecodeError) as e:
                raise InputError(f"{folder}: unexpected benchmark file content ({type(e).__name__}: {e})") from None
    if not rows:
        raise InputError(f"{root}: no benchmark data found (expected any of {', '.join(f'{b}/' for b in benchmarks)})")
    return pl.DataFrame(rows, schema=["benchmark", "item_id", "text"], orient="row")
