"""Rebuild examples/safety/harmful.csv and jailbreaks.csv, the demo's safety prompts, from ../shared/data.

- harmful.csv: 17 AdvBench harmful behaviours (MIT, Zou et al. 2023), every 32nd row, `goal` column;
- jailbreaks.csv: the 2 shortest GPTFuzzer templates (MIT, Yu et al. 2023), with [INSERT PROMPT HERE].

benign.csv (sensitive-sounding but harmless requests, for over-refusal) is written by hand for ablate.

    python examples/make_safety_sample.py [--data ../shared/data/safety]
"""

from __future__ import annotations

import argparse
import csv
import io
from pathlib import Path

HARMFUL_EVERY = 32
TEMPLATES = 2


def _csv(rows: list[dict], columns: list[str]) -> str:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=columns, lineterminator="\n", extrasaction="ignore")
    writer.writeheader()
    writer.writerows(rows)
    return buffer.getvalue()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=Path(__file__).parent.parent.parent / "shared" / "data" / "safety")
    args = parser.parse_args()
    out = Path(__file__).parent / "safety"
    with open(args.data / "advbench" / "harmful_behaviors.csv", newline="", encoding="utf-8") as f:
        harmful = list(csv.DictReader(f))[::HARMFUL_EVERY]
    with open(args.data / "jailbreaks" / "gptfuzzer_templates.csv", newline="", encoding="utf-8") as f:
        templates = sorted(csv.DictReader(f), key=lambda r: (len(r["text"]), r["id"]))[:TEMPLATES]
    (out / "harmful.csv").write_text(_csv(harmful, ["goal"]), encoding="utf-8")
    (out / "jailbreaks.csv").write_text(_csv(templates, ["id", "text"]), encoding="utf-8")
    print(f"wrote {len(harmful)} harmful prompts and {len(templates)} jailbreak templates to {out}")


if __name__ == "__main__":
    main()
