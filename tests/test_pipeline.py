"""`ablate run`: a reduced experiment end to end, caching, invalidation, resume, and config errors."""

from __future__ import annotations

import json
import time
from pathlib import Path

import polars as pl
import pytest
from click.testing import CliRunner

from ablate.cli import main
from ablate.errors import AblateError
from ablate.pipeline import Hooks, load_experiment, plan, run_experiment

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"

# the demo, shrunk to seconds: random 2-layer model, two subtasks, one item each
SMALL = f"""
name = "small"

[data]
inputs = ["{EXAMPLES / 'data' / 'chat_sample.jsonl'}"]

[filter]
detector = "rules"

[dedup]
decontaminate = "{EXAMPLES / 'benchmarks'}"

[variants]
seed = 0

[train]
base = "tiny-random"
max_steps = 2
batch_size = 2
max_length = 64
save_every = 1

[eval]
data_dir = "{EXAMPLES / 'benchmarks'}"
tasks = ["bbh:boolean_expressions", "mmlu:high_school_geography"]
limit = 2
batch_size = 2

[report]
resamples = 200

[safety]
prompts = ["{EXAMPLES / 'safety' / 'harmful.csv'}", "benign:{EXAMPLES / 'safety' / 'benign.csv'}"]
limit = 2
n = 2
max_new_tokens = 4
detector = "rules"
"""


def _experiment(folder: Path, text: str = SMALL) -> Path:
    path = folder / "small.toml"
    path.write_text(text)
    return path


@pytest.fixture(scope="module")
def small_run(tmp_path_factory):
    """One finished run of the small experiment, shared by the tests that only read it."""
    folder = tmp_path_factory.mktemp("pipeline")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("HF_HUB_OFFLINE", "1")
        patch.setenv("ABLATE_HOME", str(folder / "home"))
        experiment = _experiment(folder)
        record = run_experiment(experiment, runs_dir=folder / "runs")
        yield {"folder": folder, "experiment": experiment, "record": record, "run_dir": folder / "runs" / "small", "home": folder / "home"}


def test_every_stage_writes_outputs_and_a_manifest(small_run):
    run_dir, record = small_run["run_dir"], small_run["record"]
    assert [s for s, info in record["stages"].items() if info["action"] == "run"] == list(record["stages"])
    for stage in record["stages"]:
        manifest = json.loads((run_dir / stage / "manifest.json").read_text())
        assert manifest["stage"] == stage and manifest["key"] and manifest["versions"]["ablate"]
        assert all(Path(p).exists() for p in manifest["outputs"].values())
        assert not (run_dir / stage / ".started.json").exists()
    flagged = pl.read_ndjson(run_dir / "filter" / "flagged.jsonl")
    assert flagged.height == 200 and "refusal" in flagged.columns
    deduped = pl.read_ndjson(run_dir / "dedup" / "data.jsonl")
    assert "refusal" in deduped.columns  # the flags pass through dedup for the variants
    variants = json.loads((run_dir / "variants" / "variants.json").read_text())["variants"]
    assert variants["filtered"]["refusals"] == 0 and variants["aligned"]["refusals"] == int(deduped["refusal"].sum())
    assert variants["random-control"]["rows"] == variants["filtered"]["rows"]
    results = [json.loads(line) for line in (run_dir / "eval" / "results.jsonl").read_text().splitlines()]
    assert {r["variant"] for r in results} == {"aligned", "filtered", "random-control"}
    table = pl.read_csv(run_dir / "report" / "comparison.csv")
    assert set(table["benchmark"]) == {"bbh", "mmlu"}
    assert (run_dir / "report" / "report.md").exists() and list((run_dir / "report" / "figures").glob("*.png"))
    assert (run_dir / "experiment.toml").read_text() == small_run["experiment"].read_text()


def test_an_unchanged_rerun_is_cached_and_quick(small_run, monkeypatch):
    monkeypatch.setenv("ABLATE_HOME", str(small_run["home"]))
    started = time.perf_counter()
    record = run_experiment(small_run["experiment"], runs_dir=small_run["folder"] / "runs")
    assert {info["action"] for info in record["stages"].values()} == {"cached"}
    assert time.perf_counter() - started < 10  # fingerprints only; nothing is loaded or trained


def test_a_changed_option_reruns_that_stage_and_later_ones(small_run, monkeypatch):
    monkeypatch.setenv("ABLATE_HOME", str(small_run["home"]))
    loaded = load_experiment(small_run["experiment"], runs_dir=small_run["folder"] / "runs", overrides=["eval.limit=3"])
    steps = {s.stage: s for s in plan(loaded)}
    assert [s for s in steps if steps[s].action == "cached"] == ["data", "filter", "dedup", "variants", "train"]
    assert steps["eval"].action == "run" and "limit" in steps["eval"].reason
    assert steps["report"].action == "run"
    forced = {s.stage: s.action for s in plan(loaded, from_stage="variants", until="train")}
    assert forced == {"data": "cached", "filter": "cached", "dedup": "cached", "variants": "run", "train": "run",
                      "eval": "stop", "report": "stop", "safety": "stop"}
    # the safety audit comes last: changing it reruns nothing else
    audit = load_experiment(small_run["experiment"], runs_dir=small_run["folder"] / "runs", overrides=["safety.n=3"])
    assert {s.stage: s.action for s in plan(audit) if s.action != "cached"} == {"safety": "run"}
    # a changed input file invalidates everything
    copy = small_run["folder"] / "changed.jsonl"
    copy.write_text((EXAMPLES / "data" / "chat_sample.jsonl").read_text()[:-1] + " \n")
    changed = load_experiment(small_run["experiment"], runs_dir=small_run["folder"] / "runs", overrides=[f"data.inputs=['{copy}']"])
    assert {s.action for s in plan(changed)} == {"run"}


def test_dry_run_prints_the_plan_and_changes_nothing(small_run, monkeypatch):
    monkeypatch.setenv("ABLATE_HOME", str(small_run["home"]))
    before = (small_run["run_dir"] / "run.json").read_text()
    result = CliRunner().invoke(main, ["run", str(small_run["experiment"]), "--runs-dir", str(small_run["folder"] / "runs"),
                                       "--dry-run", "--set", "train.learning_rate=1e-3"])
    assert result.exit_code == 0, result.output
    assert "changed: option learning_rate" in result.output and "cached" in result.output
    assert (small_run["run_dir"] / "run.json").read_text() == before


def test_export_copies_the_report_with_working_links(small_run, tmp_path):
    from ablate.pipeline import export_report

    copied = export_report(small_run["run_dir"], tmp_path / "figures")
    report = (tmp_path / "figures" / "report.md").read_text()
    for link in [line.split("](")[1].rstrip(")") for line in report.splitlines() if line.startswith("![")]:
        assert (tmp_path / "figures" / link).exists(), link
    assert any(p.endswith("comparison.csv") for p in copied)


def test_an_interrupted_run_resumes_training_from_its_checkpoint(tmp_path):
    experiment = _experiment(tmp_path, SMALL.replace('tasks = ["bbh:boolean_expressions", "mmlu:high_school_geography"]',
                                                     'tasks = ["bbh:boolean_expressions"]'))

    def interrupt(entry: dict) -> None:  # the second variant's second step: its first step is checkpointed
        if entry["variant"] == "filtered" and entry["step"] == 2:
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        run_experiment(experiment, runs_dir=tmp_path / "runs", hooks=Hooks(on_step=interrupt))
    train_dir = tmp_path / "runs" / "small" / "train"
    assert (train_dir / ".started.json").exists() and not (train_dir / "manifest.json").exists()
    aligned_before = json.loads((train_dir / "aligned" / "manifest.json").read_text())
    assert (train_dir / "filtered" / "checkpoint").exists()

    steps = {s.stage: s.action for s in plan(load_experiment(experiment, runs_dir=tmp_path / "runs"))}
    assert steps["train"] == "resume" and steps["variants"] == "cached"
    record = run_experiment(experiment, runs_dir=tmp_path / "runs")
    assert record["stages"]["train"]["action"] == "resume"
    aligned_after = json.loads((train_dir / "aligned" / "manifest.json").read_text())
    assert aligned_after["created"] == aligned_before["created"]  # the finished variant was not trained again
    filtered = json.loads((train_dir / "filtered" / "manifest.json").read_text())
    assert filtered["resumed_from_step"] == 1 and filtered["steps"] == 2
    assert (tmp_path / "runs" / "small" / "report" / "report.md").exists()


@pytest.mark.parametrize("text, message", [
    ("[data]\ninputs = ['missing.jsonl']\n", "input"),
    (SMALL.replace("max_steps = 2", "max_stepz = 2"), "[train] has no option max_stepz"),
    (SMALL + "\n[training]\nx = 1\n", "unknown table [training]"),
    (SMALL.replace("[variants]\nseed = 0", "[variants]\nseed = = 0"), "line"),
    ("name = 'x'\n", "[data] needs inputs"),
    (SMALL.replace('detector = "rules"', 'detector = "rules"\nrefusals = "drop"'), "refusals"),
])
def test_bad_experiment_files_get_one_line_errors(tmp_path, text, message):
    experiment = _experiment(tmp_path, text)
    result = CliRunner().invoke(main, ["run", str(experiment), "--runs-dir", str(tmp_path / "runs"), "--until", "filter"])
    assert result.exit_code == 2, result.output
    assert message in result.output and "Traceback" not in result.output
    assert str(experiment) in result.output or message == "refusals"


def test_bad_overrides_are_refused(tmp_path):
    experiment = _experiment(tmp_path)
    for override, message in (("train.max_steps", "STAGE.KEY=VALUE"), ("nope.x=1", "unknown stage"), ("eval.limt=3", "no option limt")):
        with pytest.raises(AblateError, match=message):
            load_experiment(experiment, overrides=[override])


def test_without_a_safety_table_the_audit_is_skipped(tmp_path):
    experiment = _experiment(tmp_path, SMALL.split("[safety]")[0])
    steps = {s.stage: s for s in plan(load_experiment(experiment, runs_dir=tmp_path / "runs"))}
    assert steps["safety"].action == "skip" and steps["safety"].reason == "no [safety] table"
    assert steps["report"].action == "run"
    with_kind = _experiment(tmp_path, SMALL.replace(f"benign:{EXAMPLES / 'safety' / 'benign.csv'}", "benign:benign.csv"))
    (tmp_path / "benign.csv").write_text("prompt\nHow do I kill a process?\n")
    prompts = load_experiment(with_kind, runs_dir=tmp_path / "runs").section("safety")["prompts"]
    assert prompts[1] == f"benign:{(tmp_path / 'benign.csv').resolve()}"  # KIND:PATH resolved against the file's folder
