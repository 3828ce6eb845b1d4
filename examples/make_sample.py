"""Rebuild examples/data/chat_sample.jsonl from the MIT-licensed sets in ../shared/data/instruct.

The sample mixes HH-RLHF harmless-base test transcripts (Anthropic, MIT), about half of
them chosen because their final assistant turn contains a stock refusal phrase, with
GPTeacher roleplay and codegen instructions (teknium1/GPTeacher, MIT), in the chat
`messages` format. Seeded, so rebuilding gives the same file.

    python examples/make_sample.py [--data ../shared/data/instruct]
"""

from __future__ import annotations

import argparse
import gzip
import json
import random
from pathlib import Path

from ablate.records import parse_hh

STOCK = ("i'm sorry", "i’m sorry", "i cannot", "i can't", "i can’t", "as an ai", "i don't think", "i don’t think")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", default=Path(__file__).resolve().parents[2] / "shared" / "data" / "instruct", type=Path)
    parser.add_argument("--out", default=Path(__file__).resolve().parent / "data" / "chat_sample.jsonl", type=Path)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    rng = random.Random(args.seed)

    hh = [json.loads(line) for line in gzip.open(args.data / "hh_rlhf_harmless_base_test.jsonl.gz", "rt", encoding="utf-8")]
    hh_rows = []
    for index, row in enumerate(hh):
        messages = parse_hh(row["chosen"])
        if not messages or messages[-1]["role"] != "assistant" or not messages[-1]["content"].strip():
            continue
        stock = any(p in messages[-1]["content"].lower() for p in STOCK)
        hh_rows.append((stock, {"id": f"hh-harmless-test-{index}", "messages": messages, "origin": "hh-rlhf"}))
    stock = [r for s, r in hh_rows if s]
    plain = [r for s, r in hh_rows if not s]
    picked = rng.sample(stock, min(60, len(stock))) + rng.sample(plain, 60)

    for name, count in (("gpteacher_roleplay_simple_deduped.json.gz", 50), ("gpteacher_codegen_instruct.json.gz", 30)):
        rows = json.load(gzip.open(args.data / name, "rt", encoding="utf-8"))
        for index in sorted(rng.sample(range(len(rows)), count)):
            row = rows[index]
            prompt = row["instruction"] + (f"\n\n{row['input']}" if row.get("input", "").strip() else "")
            picked.append({"id": f"{name.split('.')[0]}-{index}", "origin": "gpteacher",
                           "messages": [{"role": "user", "content": prompt}, {"role": "assistant", "content": row["response"]}]})
    rng.shuffle(picked)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    with args.out.open("w", encoding="utf-8") as handle:
        for row in picked:
            handle.write(json.dumps({"id": row["id"], "origin": row["origin"], "messages": row["messages"]}, ensure_ascii=False) + "\n")
    print(f"wrote {len(picked)} rows to {args.out}")


if __name__ == "__main__":
    main()
