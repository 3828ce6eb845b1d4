"""The filter on the real instruction data in ../shared/data/instruct (skipped when it is absent)."""

from __future__ import annotations

import json

import pytest

import ablate

FILES = ["gpteacher_roleplay_simple_deduped.json.gz", "gpteacher_codegen_instruct.json.gz",
         "hh_rlhf_harmless_base_test.jsonl.gz", "alpaca_eval_model_outputs.jsonl.gz",
         "sharegpt_v3_unfiltered_cleaned_split.partial.json.gz"]


@pytest.mark.parametrize("name", FILES)
def test_real_file_filters_and_reconciles(shared_data, tmp_path, name):
    report = ablate.filter(shared_data / "instruct" / name, tmp_path / "out.jsonl", refusals="drop", on_bad_row="skip")
    counts = report.counts
    assert counts["rows_in"] == counts["kept"] + counts["removed"] + counts["rejected"]
    if counts["removed"]:
        removed = _jsonl(tmp_path / "out.removed.jsonl")
        assert len(removed) == counts["removed"] and all(r["refusal_reason"] for r in removed)


def _jsonl(path):
    # split on "\n" only: str.splitlines() would also split on U+2028 inside JSON strings
    return [json.loads(line) for line in path.read_text(encoding="utf-8").split("\n") if line]


def test_disclaimers_with_answers_are_not_refusals(shared_data, tmp_path):
    """AlpacaEval outputs of a Llama-2-chat fine-tune open most answers with "As an AI language model,
    I don't have personal preferences, but here are ...": a three-phrase substring filter calls those
    refusals; ablate must call them disclaimers, while still catching real refusers."""
    ablate.filter(shared_data / "instruct" / "alpaca_eval_model_outputs.jsonl.gz", tmp_path / "out.jsonl",
                  refusals="keep", on_bad_row="skip")
    rows = _jsonl(tmp_path / "out.jsonl")
    by_model = {}
    for row in rows:
        by_model.setdefault(row["generator"], []).append(row)
    neft = by_model["llama-2-chat-7b-evol70k-neft"]
    disclaimers = [r for r in neft if r["output"].lower().startswith("as an ai language model, i don't have personal")]
    assert len(disclaimers) > 40
    assert sum(r["refusal"] for r in disclaimers) / len(disclaimers) < 0.05
    assert sum(r["aligned_category"] == "ai_disclaimer" for r in disclaimers) / len(disclaimers) > 0.9
    refusals = {model: sum(r["refusal"] for r in rows) for model, rows in by_model.items()}
    assert refusals["falcon-40b-instruct"] >= 15 and refusals["llama-2-70b-chat-hf"] >= 5
    assert refusals["text_davinci_003"] <= 2
