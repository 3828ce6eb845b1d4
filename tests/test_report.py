"""The report's statistics on synthetic per-item results with known answers, and the settings check."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import polars as pl
import pytest

from ablate.errors import ConfigError
from ablate.report import check_settings, compare, paired


def test_identical_variants_give_a_zero_gap_and_no_significance():
    rng = np.random.default_rng(1)
    scores = (rng.random(500) < 0.6).astype(float)
    stats = paired(scores, scores.copy())
    assert stats["diff"] == 0 and stats["diff_low"] == 0 and stats["diff_high"] == 0 and stats["p_value"] == 1.0


def test_independent_noise_gives_an_interval_around_zero():
    rng = np.random.default_rng(2)
    base = (rng.random(800) < 0.5).astype(float)
    other = np.where(rng.random(800) < 0.1, 1 - base, base)  # 10% of items flipped at random, both ways
    stats = paired(base, other)
    assert stats["diff_low"] < 0 < stats["diff_high"] and stats["p_value"] > 0.05


def test_a_planted_gap_is_recovered():
    rng = np.random.default_rng(3)
    base = (rng.random(1000) < 0.5).astype(float)
    other = base.copy()
    wrong = np.flatnonzero(base == 0)
    other[rng.choice(wrong, 100, replace=False)] = 1.0  # +0.10 accuracy, +20% relative
    stats = paired(base, other)
    assert abs(stats["diff"] - 0.10) < 1e-9 and stats["diff_low"] > 0.07 and stats["diff_high"] < 0.13
    assert stats["gap_low"] < 0.10 / stats["baseline_score"] < stats["gap_high"] and stats["p_value"] < 1e-10


def test_compare_pairs_items_by_subtask_and_doc():
    rows = []
    for variant, boost in (("aligned", 0.0), ("filtered", 0.2)):
        rng = np.random.default_rng(0)
        for subtask in ("ablate_bbh_a", "ablate_bbh_b"):
            for doc in range(200):
                rows.append((variant, "bbh", subtask, doc, "exact_match", float(rng.random() < 0.4 + boost)))
    table = compare(pl.DataFrame(rows, schema=["variant", "benchmark", "subtask", "doc_id", "metric", "value"], orient="row"))
    overall = table.filter((pl.col("variant") == "filtered") & pl.col("subtask").is_null()).row(0, named=True)
    assert overall["baseline"] == "aligned" and overall["n"] == 400
    assert overall["diff_low"] > 0.1 and overall["gap"] == pytest.approx(overall["diff"] / overall["baseline_score"])
    assert table.filter(pl.col("subtask").is_not_null())["subtask"].n_unique() == 2


def test_differing_settings_are_refused_unless_forced():
    settings = {"aligned": {"backend": "hf", "chat_template": False}, "filtered": {"backend": "vllm", "chat_template": False}}
    with pytest.raises(ConfigError, match="backend"):
        check_settings(settings)
    assert check_settings(settings, force=True) == ["backend (aligned=hf, filtered=vllm)"]


def write_eval_dir(folder, variants: dict[str, float], seed: int = 0, backend: str = "hf"):
    """A folder shaped like `ablate eval` output: results.jsonl plus per-item samples per variant."""
    import json

    rng = np.random.default_rng(seed)
    truth = rng.random(300)
    lines = []
    for variant, p in variants.items():
        samples = folder / variant / "samples"
        samples.mkdir(parents=True)
        (folder / variant / "summary.json").write_text(json.dumps({"model": variant}))
        for task, metric in (("ablate_mmlu_anatomy", "acc"), ("ablate_mmlu_virology", "acc"), ("ablate_drop", "f1")):
            with open(samples / f"{task}.jsonl", "w") as handle:
                for doc in range(150):
                    handle.write(json.dumps({"doc_id": doc, metric: float(truth[doc] < p), "em": float(truth[doc] < p)}) + "\n")
        for benchmark in ("mmlu", "drop"):
            lines.append({"variant": variant, "task": benchmark, "subtask": None, "metric": "acc", "num_fewshot": 5,
                          "lm_eval_version": "0.4.13", "task_config_hash": "x", "data_hash": "y", "chat_template": False,
                          "backend": backend, "limit": None})
    (folder / "results.jsonl").write_text("".join(json.dumps(r) + "\n" for r in lines))


def test_report_command_writes_table_figures_and_summary(tmp_path):
    from click.testing import CliRunner

    from ablate.cli import main

    write_eval_dir(tmp_path / "eval", {"aligned": 0.4, "filtered": 0.5, "random-control": 0.4})
    result = CliRunner().invoke(main, ["report", str(tmp_path / "eval"), "-o", str(tmp_path / "report"), "--resamples", "500"])
    assert result.exit_code == 0, result.output
    table = pl.read_csv(tmp_path / "report" / "comparison.csv")
    filtered = table.filter((pl.col("variant") == "filtered") & (pl.col("benchmark") == "mmlu") & pl.col("subtask").is_null()).row(0, named=True)
    assert filtered["n"] == 300 and filtered["score"] > filtered["baseline_score"] and filtered["p_value"] < 0.05
    control = table.filter((pl.col("variant") == "random-control") & (pl.col("benchmark") == "mmlu") & pl.col("subtask").is_null()).row(0, named=True)
    assert control["diff"] == 0
    for name in ("headline", "mmlu_subtasks_filtered"):
        assert (tmp_path / "report" / "figures" / f"{name}.png").stat().st_size > 5000
        assert (tmp_path / "report" / "figures" / f"{name}.svg").exists()
    # the numbers printed on the headline bars are the table's scores
    svg = (tmp_path / "report" / "figures" / "headline.svg").read_text()
    for row in table.filter(pl.col("subtask").is_null()).iter_rows(named=True):
        assert f">{row['score']:.3f}<" in svg, row
    summary = (tmp_path / "report" / "report.md").read_text()
    assert f"{filtered['gap']:+.1%}" in summary and "![headline](figures/headline.png)" in summary

    other = tmp_path / "eval_vllm"
    write_eval_dir(other, {"dose-050": 0.45}, backend="vllm")
    result = CliRunner().invoke(main, ["report", str(tmp_path / "eval"), str(other), "-o", str(tmp_path / "r2")])
    assert result.exit_code == 2 and "backend" in result.output and "--force" in result.output


def test_dose_response_and_loss_curves(tmp_path):
    import json

    from ablate.report import build_report

    write_eval_dir(tmp_path / "eval", {"aligned": 0.4, "dose-000": 0.5, "dose-050": 0.45, "dose-100": 0.4})
    for variant in ("aligned", "filtered"):
        (tmp_path / "train" / variant).mkdir(parents=True)
        (tmp_path / "train" / variant / "train_log.jsonl").write_text(
            "".join(json.dumps({"step": s, "loss": 3 - 0.1 * s}) + "\n" for s in range(1, 11)))
    result = build_report([tmp_path / "eval"], tmp_path / "report", train_dir=tmp_path / "train", resamples=200)
    names = {p.rsplit("/", 1)[-1] for p in result["figures"]}
    assert {"dose_response.png", "training_loss.png", "headline.png"} <= names


def test_figure_notebook_runs_against_a_run_directory(tmp_path, monkeypatch):
    """notebooks/capability_gap.ipynb executes top to bottom on a small run directory."""
    import nbformat
    from nbclient import NotebookClient

    from ablate.report import compare, load_items

    write_eval_dir(tmp_path / "run" / "eval", {"aligned": 0.4, "filtered": 0.5})
    monkeypatch.setenv("ABLATE_RUN_DIR", str(tmp_path / "run"))
    monkeypatch.setenv("ABLATE_FIGURE_DIR", str(tmp_path / "figures"))
    notebook = nbformat.read(Path(__file__).resolve().parents[1] / "notebooks" / "capability_gap.ipynb", as_version=4)
    NotebookClient(notebook, timeout=120, kernel_name="python3", resources={"metadata": {"path": str(tmp_path)}}).execute()
    assert not [o for c in notebook.cells if c.cell_type == "code" for o in c.outputs if o.output_type == "error"]
    assert (tmp_path / "figures" / "headline.png").exists() and (tmp_path / "figures" / "mmlu_subtasks_filtered.png").exists()
    # the table the notebook shows carries the report's numbers
    items, _ = load_items([tmp_path / "run" / "eval"])
    score = compare(items, resamples=1000, seed=0).filter(pl.col("variant") == "filtered")["score"][0]
    shown = "".join(o.get("data", {}).get("text/plain", "") for c in notebook.cells if c.cell_type == "code" for o in c.outputs)
    assert f"{score:.3f}"[:4] in shown and "filtered" in shown
