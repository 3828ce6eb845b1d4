"""Rebuild examples/benchmarks/: a small slice of each benchmark, so the demo evaluates offline on a
fresh clone without ../shared/data.

Same layout as ../shared/data/benchmarks (see ablate/benchmark_data.py), first items only:

- BBH (MIT): boolean_expressions and sports_understanding, 20 examples each, with their prompt files;
- MMLU (MIT): high_school_geography and elementary_mathematics, 20 test questions each + the 5 dev shots;
- HumanEval (MIT): the first 20 problems;
- DROP (CC BY-SA 4.0, AllenAI): the first 23 questions (the first 3 passages become the shots, 20 are asked).

    python examples/make_benchmark_sample.py [--data ../shared/data/benchmarks]
"""

from __future__ import annotations

import argparse
import gzip
import json
import shutil
from pathlib import Path

BBH_TASKS = ("boolean_expressions", "sports_understanding")
MMLU_SUBJECTS = ("high_school_geography", "elementary_mathematics")
ITEMS = 20
DROP_ROWS = ITEMS + 3


def _lines(path: Path, n: int) -> str:
    return "".join(path.read_text(encoding="utf-8").splitlines(keepends=True)[:n])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", default=Path(__file__).resolve().parents[2] / "shared" / "data" / "benchmarks", type=Path)
    parser.add_argument("--out", default=Path(__file__).resolve().parent / "benchmarks", type=Path)
    args = parser.parse_args()
    src, out = args.data, args.out

    for task in BBH_TASKS:
        data = json.loads((src / "bbh" / "bbh" / f"{task}.json").read_text(encoding="utf-8"))
        data["examples"] = data["examples"][:ITEMS]
        (out / "bbh" / "bbh").mkdir(parents=True, exist_ok=True)
        (out / "bbh" / "bbh" / f"{task}.json").write_text(json.dumps(data, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
        (out / "bbh" / "cot-prompts").mkdir(parents=True, exist_ok=True)
        shutil.copyfile(src / "bbh" / "cot-prompts" / f"{task}.txt", out / "bbh" / "cot-prompts" / f"{task}.txt")
    shutil.copyfile(src / "bbh" / "LICENSE", out / "bbh" / "LICENSE")

    for subject in MMLU_SUBJECTS:
        for split, n in (("dev", 5), ("test", ITEMS)):
            (out / "mmlu" / split).mkdir(parents=True, exist_ok=True)
            name = f"{subject}_{split}.csv"
            (out / "mmlu" / split / name).write_text(_lines(src / "mmlu" / split / name, n), encoding="utf-8")

    with gzip.open(src / "humaneval" / "HumanEval.jsonl.gz", "rt", encoding="utf-8") as handle:
        problems = [line for line in handle if line.strip()][:ITEMS]
    (out / "humaneval").mkdir(parents=True, exist_ok=True)
    (out / "humaneval" / "HumanEval.jsonl.gz").write_bytes(gzip.compress("".join(problems).encode(), mtime=0))
    shutil.copyfile(src / "humaneval" / "LICENSE", out / "humaneval" / "LICENSE")

    with gzip.open(src / "drop" / "drop_dev_structured.jsonl.gz", "rt", encoding="utf-8") as handle:
        rows = [line for _, line in zip(range(DROP_ROWS), handle)]
    (out / "drop").mkdir(parents=True, exist_ok=True)
    (out / "drop" / "drop_dev_structured.jsonl.gz").write_bytes(gzip.compress("".join(rows).encode(), mtime=0))
    print(f"wrote {out}: BBH {len(BBH_TASKS)}×{ITEMS}, MMLU {len(MMLU_SUBJECTS)}×{ITEMS}, HumanEval {len(problems)}, DROP {len(rows)} questions")


if __name__ == "__main__":
    main()
