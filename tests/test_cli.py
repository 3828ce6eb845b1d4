"""The command line: thin over the API, one-line errors with exit code 2, help for every command."""

from __future__ import annotations

import json
import re
import shlex
from pathlib import Path

import pytest
from click.testing import CliRunner

from ablate.cli import main
from conftest import rows_for, write_rows

ROOT = Path(__file__).resolve().parents[1]


def run(*args):
    return CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=False)


def test_filter_prints_a_summary_and_writes_outputs(tmp_path):
    source = write_rows(rows_for("sharegpt"), tmp_path / "in.jsonl")
    result = run("filter", source, "-o", tmp_path / "out.jsonl", "--turns", "truncate")
    assert result.exit_code == 0, result.output
    assert "rows in" in result.output and "hit by apology-refusal" in result.output
    assert "kept" in result.output and "1 with turns cut" in result.output
    report = json.loads((tmp_path / "out.report.json").read_text())
    assert report["config"]["turns"] == "truncate" and report["counts"]["modified"] == 1
    assert report["config"]["categories"] == ["refusal", "partial_refusal"]


def test_categories_all_and_custom_pack(tmp_path):
    pack = tmp_path / "mine.yaml"
    pack.write_text("name: seine\ncategory: refusal\nkind: phrases\npatterns: [on the seine]\n")
    source = write_rows(rows_for("alpaca"), tmp_path / "in.jsonl")
    result = run("filter", source, "-o", tmp_path / "out.jsonl", "--filters", pack, "--categories", "all",
                 "--detector", "rules", "-q")
    assert result.exit_code == 0 and result.output == ""
    removed = [json.loads(line) for line in (tmp_path / "out.removed.jsonl").read_text().splitlines()]
    assert [r["refusal_reason"] for r in removed] == ['rule:seine "on the Seine"']


@pytest.mark.parametrize("setup,args,message", [
    (None, ["missing.jsonl"], "missing.jsonl: no such file"),
    ("bad.jsonl", ["bad.jsonl"], "bad.jsonl:2: invalid JSON"),
    ("empty.jsonl", ["empty.jsonl"], "empty.jsonl:2: empty response in 'output' (pass --on-bad-row skip to set such rows aside)"),
    ("ok.jsonl", ["ok.jsonl", "--filters", "nonsense"], "unknown rule pack 'nonsense'"),
    ("ok.jsonl", ["ok.jsonl", "--format", "sharegpt"], "format sharegpt needs column(s) conversations"),
])
def test_bad_input_is_one_line_and_exit_2(tmp_path, setup, args, message):
    if setup == "bad.jsonl":
        (tmp_path / setup).write_text('{"prompt": "a", "response": "b"}\n{"prompt": \n')
    elif setup == "empty.jsonl":
        write_rows([{"instruction": "a", "output": "b"}, {"instruction": "c", "output": " "}], tmp_path / setup)
    elif setup:
        write_rows(rows_for("alpaca"), tmp_path / setup)
    result = CliRunner().invoke(main, ["filter", *[str(tmp_path / a) if a.endswith(".jsonl") else a for a in args],
                                       "-o", str(tmp_path / "out.jsonl")])
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output
    assert message in result.output
    assert len(result.output.strip().splitlines()) == 1


def test_invalid_category_is_a_usage_error(tmp_path):
    source = write_rows(rows_for("alpaca"), tmp_path / "in.jsonl")
    result = CliRunner().invoke(main, ["filter", str(source), "-o", str(tmp_path / "o.jsonl"), "--categories", "rude"])
    assert result.exit_code == 2 and "unknown rude" in result.output


def test_every_command_has_help_with_an_example():
    for name, command in main.commands.items():
        result = run(name, "--help")
        assert result.exit_code == 0 and "Example:" in result.output, name


def _readme_commands() -> list[str]:
    blocks = re.findall(r"```bash\n(.*?)```", (ROOT / "README.md").read_text(), re.S)
    return [b.strip() for b in blocks[:2]]


def test_readme_opens_with_the_two_commands():
    main_job, tests = _readme_commands()
    assert "pip install" in main_job and main_job.endswith("ablate run examples/demo.toml")
    assert "pip install -e '.[test]'" in tests and "pytest" in tests
    ci = (ROOT / ".ci" / "run").read_text()
    setup = tests.rsplit("&&", 1)[0].strip()  # CI installs exactly as the README says, then runs its pytest
    assert setup in ci and "python -m pytest" in ci


# the README's demo, shrunk: a random 2-layer model for 2 steps, one item per (sub)task
REDUCED = ("train.base=tiny-random", "train.max_steps=2", "train.batch_size=2", "train.max_length=64",
           "eval.limit=1", "eval.batch_size=1", "report.resamples=200", "safety.limit=2", "safety.max_new_tokens=4")


def test_readme_main_job_runs_the_demo_end_to_end(tmp_path):
    command = _readme_commands()[0].split("&&")[-1].strip()
    args = shlex.split(command)[1:]  # drop the .venv/bin/ablate prefix
    args = [str(ROOT / a) if a.startswith("examples/") else a for a in args]
    args += ["--runs-dir", str(tmp_path / "runs"), "--figures", str(tmp_path / "figures")]
    for override in REDUCED:
        args += ["--set", override]
    result = run(*args)
    assert result.exit_code == 0, result.output
    run_dir = tmp_path / "runs" / "demo"
    record = json.loads((run_dir / "run.json").read_text())
    assert list(record["stages"]) == ["data", "filter", "dedup", "variants", "train", "eval", "report", "safety"]
    assert record["stages"]["filter"]["summary"].startswith("200 rows")
    results = [json.loads(line) for line in (run_dir / "eval" / "results.jsonl").read_text().splitlines()]
    assert {r["task"] for r in results} == {"bbh", "mmlu", "humaneval", "drop"}
    assert "report → " in result.output
    assert (tmp_path / "figures" / "headline.png").exists() and (tmp_path / "figures" / "comparison.csv").exists()
    safety = json.loads((run_dir / "safety" / "safety.json").read_text())
    assert safety["models"][0] == "aligned" and safety["prompts"] == {"harmful": 2, "jailbreak": 2, "benign": 2}
    for figure in ("safety_rates", "best_of_n", "drift", "tradeoff"):
        assert (tmp_path / "figures" / f"{figure}.png").exists(), figure
