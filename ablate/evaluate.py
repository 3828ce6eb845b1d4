"""The eval stage: lm-eval's `simple_evaluate` on BBH, MMLU, HumanEval and DROP for each model.

A model is a folder written by `ablate train` (its manifest says whether to load a full model or
base + LoRA adapter), any Hugging Face folder, or a name `ablate.models` knows. With a data
directory the tasks are ablate's local YAMLs (`ablate.eval_tasks`); without one, lm-eval's own hub
tasks. Per model, `<out>/<model>/` gets the raw lm-eval results, the per-item samples (for paired
statistics in the report) and the extraction-failure rate per task; `<out>/results.jsonl` holds
one normalised line per (model, task, subtask, metric): value, stderr, n, plus everything that
makes numbers comparable (lm-eval version, task config hash, few-shot count, chat template,
backend, batch size, seed, data hash).
"""

from __future__ import annotations

import hashlib
import json
import time
from datetime import datetime, timezone
from pathlib import Path
from typing import Callable, Sequence

from . import __version__
from .benchmark_data import default_benchmark_dir
from .errors import ConfigError
from .eval_tasks import BENCHMARK_TASKS, FEWSHOT, HUB_TASKS, benchmark_of, extract_answer, write_tasks
from .io import folder_stamp, write_bytes_atomic
from .models import quiet_loading, resolve_model, trained_model

BENCHMARKS = tuple(BENCHMARK_TASKS)


def model_arguments(model: str) -> tuple[str, str]:
    """(display name, lm-eval hf model_args) for a trained variant folder, a model folder or a name."""
    trained = trained_model(model)
    if trained and "model" in trained:
        return trained["variant"], f"pretrained={trained['model']}"
    if trained:
        return trained["variant"], f"pretrained={trained['base']},peft={trained['adapter']}"
    return Path(model).name or model, f"pretrained={resolve_model(model)}"


def _dir_hash(folder: Path) -> str:
    digest = hashlib.sha256()
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        digest.update(str(path.relative_to(folder)).encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def evaluate_models(models: Sequence[str], out_dir: str | Path, *, tasks: Sequence[str] = BENCHMARKS, limit: int | None = None,
                    data_dir: str | Path | None = "default", backend: str = "hf", batch_size: str | int = "auto",
                    chat_template: bool = False, seed: int = 0, device: str | None = None, resume: bool = False,
                    on_stage: Callable[[str], None] | None = None) -> list[dict]:
    """Evaluate each model; returns the normalised result rows (also written to `<out>/results.jsonl`).

    With `resume`, a model already evaluated in `out_dir` with identical settings (same model
    arguments, tasks, limit, data and task configs) is not evaluated again: its logged rows are
    reused, so an interrupted run picks up at the model it was on.

    Example:
        >>> ablate.evaluate_models(["runs/x/train/aligned", "runs/x/train/filtered"], "runs/x/eval", limit=20)
    """
    import lm_eval
    from lm_eval.tasks import TaskManager

    _quiet_loading()

    # "mmlu" runs the whole benchmark, "mmlu:anatomy" one subtask of it (local data only)
    chosen: dict[str, list[str]] = {}
    for entry in tasks:
        benchmark, _, sub = entry.partition(":")
        chosen.setdefault(benchmark, [])
        if sub:
            chosen[benchmark].append(sub)
    unknown = [t for t in chosen if t not in BENCHMARKS]
    if unknown:
        raise ConfigError(f"unknown task(s) {', '.join(unknown)}; choose from {', '.join(BENCHMARKS)} (or benchmark:subtask)")
    tasks = list(chosen)
    if backend not in ("hf", "vllm"):
        raise ConfigError(f"backend must be hf or vllm, not {backend!r}")
    out = Path(out_dir)
    if data_dir == "default":
        data_dir = default_benchmark_dir()
    if data_dir is not None:
        task_dir = out / "tasks"
        names = write_tasks(data_dir, task_dir, tuple(tasks))
        missing = [t for t in tasks if t not in names]
        if missing:
            raise ConfigError(f"{data_dir}: no data for {', '.join(missing)}")
        for benchmark, subs in chosen.items():
            if subs:
                names[benchmark] = [f"{BENCHMARK_TASKS[benchmark]}_{sub}" for sub in subs]
                absent = [n for n in names[benchmark] if not (task_dir / f"{n}.yaml").exists()]
                if absent:
                    raise ConfigError(f"no such subtask(s): {', '.join(absent)}")
        manager = TaskManager(include_path=str(task_dir))
        data_hash = _dir_hash(task_dir / "data")
        config_hash = hashlib.sha256("".join(p.read_text() for p in sorted(task_dir.glob("*.yaml"))).encode()).hexdigest()[:16]
    else:
        if any(chosen.values()):
            raise ConfigError("subtasks (benchmark:subtask) need local data (--data-dir)")
        names = {t: HUB_TASKS[t] for t in tasks}
        manager, data_hash, config_hash = TaskManager(), "hub", "lm-eval built-in"
    if device is None:
        import torch

        device = "cuda" if torch.cuda.is_available() else "cpu"
    rows: list[dict] = []
    task_names = sorted(n for t in tasks for n in _as_list(names[t]))
    for index, model in enumerate(models, 1):
        name, model_args = model_arguments(model)
        if backend == "vllm":
            model_args = _vllm_arguments(model, model_args)
        folder = out / name
        identity = {"model_args": model_args, "model_files": _files_stamp(model), "tasks": task_names, "limit": limit,
                    "data_hash": data_hash, "task_config_hash": config_hash, "backend": backend,
                    "chat_template": chat_template, "seed": seed, "batch_size": str(batch_size)}
        if resume:
            earlier = _earlier_rows(folder, identity)
            if earlier is not None:
                rows += earlier
                continue
        if on_stage:
            on_stage(f"evaluating {name} ({index}/{len(models)})")
        started = time.perf_counter()
        common = dict(model=backend, model_args=model_args, task_manager=manager, limit=limit, batch_size=batch_size,
                      device=device, log_samples=True, confirm_run_unsafe_code=True, apply_chat_template=chat_template,
                      random_seed=seed, numpy_random_seed=seed, torch_random_seed=seed, fewshot_random_seed=seed)
        if data_dir is not None:  # our YAMLs carry their own few-shot counts
            results = lm_eval.simple_evaluate(tasks=[n for t in tasks for n in _as_list(names[t])], **common)
        else:  # lm-eval's hub tasks: one call per benchmark, each with the paper's few-shot count
            results = {"results": {}, "samples": {}, "n-samples": {}}
            for t in tasks:
                part = lm_eval.simple_evaluate(tasks=[names[t]], num_fewshot=FEWSHOT[t], **common)
                for key in ("results", "samples", "n-samples", "configs", "versions"):
                    results.setdefault(key, {}).update(part.get(key) or {})
        seconds = time.perf_counter() - started
        samples = results.pop("samples", {})
        write_bytes_atomic(folder / "lm_eval_results.json", (json.dumps(results, indent=2, default=str) + "\n").encode())
        failures = {}
        for task, items in samples.items():
            write_bytes_atomic(folder / "samples" / f"{task}.jsonl",
                               "".join(json.dumps(s, default=str) + "\n" for s in items).encode())
            failures[task] = _extraction_failures(task, items)
        comparable = {"lm_eval_version": lm_eval.__version__ if hasattr(lm_eval, "__version__") else "unknown",
                      "task_config_hash": config_hash, "data_hash": data_hash, "chat_template": chat_template,
                      "backend": backend, "batch_size": str(batch_size), "seed": seed, "limit": limit,
                      "model_args": model_args, "ablate_version": __version__}
        model_rows = _normalise(name, results, failures, comparable, tasks, names)
        rows += model_rows
        write_bytes_atomic(folder / "rows.jsonl", "".join(json.dumps(r) + "\n" for r in model_rows).encode())
        # summary.json is written last: its presence (with the identity) marks the model as done
        write_bytes_atomic(folder / "summary.json", (json.dumps(
            {"model": name, "model_args": model_args, "seconds": round(seconds, 1), "extraction_failure_rate": failures,
             "created": datetime.now(timezone.utc).isoformat(timespec="seconds"), **comparable, "identity": identity},
            indent=2) + "\n").encode())
    write_bytes_atomic(out / "results.jsonl", "".join(json.dumps(r) + "\n" for r in rows).encode())
    return rows


def _vllm_arguments(model: str, model_args: str) -> str:
    """vLLM takes a LoRA adapter as lora_local_path and must be told its rank (it refuses ranks above max_lora_rank)."""
    from .models import vllm_max_lora_rank

    if "peft=" not in model_args:
        return model_args
    return model_args.replace("peft=", "lora_local_path=") + f",max_lora_rank={vllm_max_lora_rank(model)}"


def _quiet_loading() -> None:
    """No bars for loading weights and splitting local JSON files: lm-eval's own bars (requests run
    per task) are the progress worth showing."""
    import datasets

    datasets.disable_progress_bars()
    quiet_loading()


def _files_stamp(model: str) -> str:
    """Sizes and modification times of a local model's files (a retrained model in the same folder differs)."""
    path = Path(model)
    return folder_stamp(path, skip=("checkpoint",)) if path.exists() else "not local"


def _earlier_rows(folder: Path, identity: dict) -> list[dict] | None:
    """The result rows of an earlier evaluation of the same model with the same identity, else None."""
    try:
        summary = json.loads((folder / "summary.json").read_text())
        if summary.get("identity") != identity:
            return None
        return [json.loads(line) for line in (folder / "rows.jsonl").read_text().splitlines() if line.strip()]
    except (OSError, ValueError):
        return None


def _as_list(value) -> list[str]:
    return value if isinstance(value, list) else [value]


def _extraction_failures(task: str, items: list[dict]) -> float | None:
    """Share of generated answers where no answer of the expected shape was found (None for loglikelihood tasks)."""
    benchmark = benchmark_of(task)
    if benchmark in (None, "mmlu") or not items:
        return None
    failed = 0
    for item in items:
        response = (item.get("resps") or [[""]])[0][0] if item.get("resps") else ""
        if benchmark == "humaneval":
            failed += not response.strip()
        else:
            target = str(item.get("target", ""))
            shape = "option" if target.strip().startswith("(") and target.strip().endswith(")") else "free"
            failed += not extract_answer(response, shape)[1]
    return round(failed / len(items), 4)


def _normalise(model: str, results: dict, failures: dict, comparable: dict, tasks, names) -> list[dict]:
    rows = []
    groups = {v for v in names.values() if isinstance(v, str)}
    pooled: dict[str, list[float]] = {}  # a group's failure rate: over all its subtasks' items
    for task, rate in failures.items():
        if rate is not None:
            pooled.setdefault(benchmark_of(task), []).append(rate)
    for task, metrics in results.get("results", {}).items():
        benchmark = benchmark_of(task)
        failure = failures.get(task) if task not in groups else (
            round(sum(pooled[benchmark]) / len(pooled[benchmark]), 4) if pooled.get(benchmark) else failures.get(task))
        n = results.get("n-samples", {}).get(task, {}).get("effective")
        for key, value in metrics.items():
            if key in ("alias", "samples") or key.startswith("sample_len") or "_stderr" in key or not isinstance(value, (int, float)):
                continue
            metric, _, filter_name = key.partition(",")
            stderr = metrics.get(f"{metric}_stderr,{filter_name}")
            rows.append({"variant": model, "task": benchmark, "subtask": None if task in groups else task,
                         "metric": metric, "filter": filter_name, "value": value,
                         "stderr": stderr if isinstance(stderr, (int, float)) else None, "n": n,
                         "num_fewshot": FEWSHOT.get(benchmark), "extraction_failure_rate": failure, **comparable})
    return rows


__all__ = ["BENCHMARKS", "evaluate_models", "model_arguments"]
