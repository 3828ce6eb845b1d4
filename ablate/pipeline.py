"""The experiment runner: one TOML file → data, filter, dedup, variants, train, eval, report, safety.

Each stage calls the same function as its own command and writes into `runs/<name>/<stage>/`,
finishing with a `manifest.json` (config, input fingerprints, versions, counts, timings). A stage
is skipped when its config, the files it reads and the stages before it are unchanged; a stage
that was interrupted is resumed (training from its checkpoints, evaluation from the models it
had finished; the quick stages are redone); a stage whose config changed starts from an empty
folder, and everything after it runs again.

The TOML has one table per stage whose keys are the options of that stage's command
(`[train] max_steps = 20` is `ablate train --max-steps 20`). Paths in the file are relative to
the file; `overrides` (`ablate run --set train.max_steps=5`) are relative to the working directory.
The safety audit runs only when the file has a `[safety]` table.
"""

from __future__ import annotations

import dataclasses
import hashlib
import inspect
import json
import platform
import shutil
import sys
import time
import tomllib
import uuid
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Callable

from . import __version__
from .detect.packs import REFUSAL_CATEGORIES
from .errors import ConfigError, InputError
from .io import file_sha256, folder_stamp, write_bytes_atomic

STAGES = ("data", "filter", "dedup", "variants", "train", "eval", "report", "safety")
MANIFEST = "manifest.json"
_STARTED = ".started.json"  # written when a stage starts; a folder with it but no manifest was interrupted


# --------------------------------------------------------------------------- the experiment file


@dataclass
class Experiment:
    """A parsed experiment file: its name, the run folder, and one option table per stage."""

    name: str
    path: Path
    run_dir: Path
    sections: dict[str, dict[str, Any]]
    text: str  # the file as written, copied into the run folder

    def section(self, stage: str) -> dict[str, Any]:
        return dict(self.sections.get(stage, {}))


def _stage_options(stage: str) -> set[str]:
    """The keys a stage's table accepts: the fields of its config, or its function's keyword arguments."""
    from .dedup import DedupConfig
    from .evaluate import evaluate_models
    from .filtering import FilterConfig
    from .report import build_report
    from .safety import SafetyConfig
    from .train import TrainConfig
    from .variants import VariantsConfig

    def fields(cls) -> set[str]:
        return {f.name for f in dataclasses.fields(cls)}

    def keywords(fn, *skip) -> set[str]:
        return {n for n, p in inspect.signature(fn).parameters.items() if p.kind == p.KEYWORD_ONLY} - set(skip)

    return {
        "data": {"inputs", "format", "on_bad_row"},
        "filter": fields(FilterConfig) - {"refusals", "format", "on_bad_row", "annotate"},
        "dedup": fields(DedupConfig) - {"format", "on_bad_row", "annotate"} | {"enabled"},
        "variants": fields(VariantsConfig) - {"format"},
        "train": fields(TrainConfig) | {"variants"},
        "eval": keywords(evaluate_models, "resume", "on_stage") | {"include_base"},
        "report": keywords(build_report, "train_dir"),
        "safety": fields(SafetyConfig) | {"prompts", "jailbreaks", "jailbreak_limit", "include_base", "enabled"},
    }[stage]


# keys whose string values may name a file or folder: resolved against the experiment file's folder
_PATH_KEYS = {("data", "inputs"), ("filter", "filters"), ("filter", "embedding_model"), ("filter", "overrides"), ("dedup", "decontaminate"),
              ("train", "base"), ("eval", "data_dir"), ("safety", "prompts"), ("safety", "jailbreaks"), ("safety", "judge"),
              ("safety", "scorer")}


def _resolve(value, base: Path, must_exist: bool = False):
    if isinstance(value, list):
        return [_resolve(v, base, must_exist) for v in value]
    if not isinstance(value, str):
        return value
    kind, path = _prompt_kind(value)
    if kind:  # a safety prompt file given as KIND:PATH
        return f"{kind}:{_resolve(path, base, must_exist)}"
    candidate = (base / value).expanduser() if not Path(value).expanduser().is_absolute() else Path(value).expanduser()
    if candidate.exists() or must_exist:
        return str(candidate.resolve()) if candidate.exists() else str(candidate)
    return value  # a name (a built-in rule pack, a model name, "default", "hub")


def _prompt_kind(value: str) -> tuple[str | None, str]:
    from .safety import KINDS

    kind, sep, rest = value.partition(":")
    return (kind, rest) if sep and kind in KINDS and rest else (None, value)


def _parse_override(text: str) -> tuple[str, str, Any]:
    target, sep, raw = text.partition("=")
    stage, dot, key = target.strip().partition(".")
    if not sep or not dot or not key:
        raise ConfigError(f"--set {text!r}: expected STAGE.KEY=VALUE, e.g. train.max_steps=5")
    try:
        value = tomllib.loads(f"v = {raw.strip()}")["v"]
    except tomllib.TOMLDecodeError:
        value = raw.strip()  # a bare word: a string
    return stage, key, value


def load_experiment(path: str | Path, *, runs_dir: str | Path = "runs", overrides: tuple[str, ...] | list[str] = ()) -> Experiment:
    """Read and check an experiment file; unknown tables and keys are errors that name the file."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise InputError(f"{path}: no such experiment file") from None
    except UnicodeDecodeError as e:
        raise InputError(f"{path}: not UTF-8 text ({e.reason} at byte {e.start})") from None
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as e:
        raise InputError(f"{path}: invalid TOML: {e}") from None
    base = path.resolve().parent
    name = data.pop("name", path.stem)
    data.pop("description", None)
    if not isinstance(name, str) or not name or "/" in name or name.startswith("."):
        raise ConfigError(f"{path}: name must be a plain folder name, not {name!r}")
    sections: dict[str, dict] = {}
    for stage, table in data.items():
        if stage not in STAGES:
            raise ConfigError(f"{path}: unknown table [{stage}] (or key {stage!r} outside a table); "
                              f"the tables are {', '.join(f'[{s}]' for s in STAGES)}")
        if not isinstance(table, dict):
            raise ConfigError(f"{path}: {stage} must be a table ([{stage}]), not a value")
        sections[stage] = {k: (_resolve(v, base, stage == "data") if (stage, k) in _PATH_KEYS else v) for k, v in table.items()}
    for text_override in overrides:
        stage, key, value = _parse_override(text_override)
        if stage not in STAGES:
            raise ConfigError(f"--set {text_override!r}: unknown stage {stage!r}; choose from {', '.join(STAGES)}")
        sections.setdefault(stage, {})[key] = _resolve(value, Path.cwd(), stage == "data") if (stage, key) in _PATH_KEYS else value
    if "refusals" in sections.get("filter", {}):
        raise ConfigError(f"{path}: [filter] refusals: an experiment flags every row and the variants stage splits them; remove it")
    for stage, table in sections.items():
        allowed = _stage_options(stage)
        unknown = sorted(set(table) - allowed)
        if unknown:
            raise ConfigError(f"{path}: [{stage}] has no option {', '.join(unknown)}; it takes {', '.join(sorted(allowed))}")
    inputs = sections.get("data", {}).get("inputs")
    if not inputs:
        raise ConfigError(f"{path}: [data] needs inputs = [\"file.jsonl\", ...]")
    if isinstance(inputs, str):
        sections["data"]["inputs"] = inputs = [inputs]
    missing = [p for p in inputs if not Path(p).exists()]
    if missing:
        raise InputError(f"{path}: [data] input {missing[0]} does not exist")
    return Experiment(name=name, path=path, run_dir=Path(runs_dir) / name, sections=sections, text=text)


# --------------------------------------------------------------------------- fingerprints and plan


def _fingerprint(value: str) -> str:
    """What a path named in the config holds: sha256 of a file, sizes and times of a folder's files; a name is itself."""
    path = Path(_prompt_kind(value)[1])
    if path.is_file():
        return file_sha256(path)
    if path.is_dir():
        return "dir:" + folder_stamp(path)
    return value


def _identity(experiment: Experiment, stage: str) -> dict:
    """Everything a stage's result depends on, besides the stages before it."""
    config = experiment.section(stage)
    if stage == "filter":  # the data table's format options apply when reading
        config = {**{k: v for k, v in experiment.section("data").items() if k != "inputs"}, **config}
    if stage == "variants" and "categories" not in config and "categories" in experiment.section("filter"):
        config["categories"] = experiment.section("filter")["categories"]
    files = {}
    for key in sorted(config):
        if (stage, key) in _PATH_KEYS:
            values = config[key] if isinstance(config[key], list) else [config[key]]
            files[key] = [_fingerprint(v) for v in values if isinstance(v, str)]
    # "default" benchmark data is whatever default_benchmark_dir finds: fingerprint that
    key, default, missing = {"dedup": ("decontaminate", None, "absent"), "eval": ("data_dir", "default", "hub")}.get(stage, (None,) * 3)
    if key and config.get(key, default) == "default":
        from .benchmark_data import default_benchmark_dir

        found = default_benchmark_dir()
        files[key] = [_fingerprint(str(found)) if found else missing]
    return {"stage": stage, "ablate_version": __version__, "config": config, "files": files}


def _key(identity: dict, upstream: str | None) -> str:
    blob = json.dumps({"identity": identity, "upstream": upstream}, sort_keys=True, default=str)
    return hashlib.sha256(blob.encode()).hexdigest()[:20]


@dataclass
class Step:
    """One stage in the plan: what will happen to it and why."""

    stage: str
    folder: Path
    key: str
    identity: dict
    action: str  # "cached", "run", "resume", "skip" (disabled) or "stop" (after --until)
    reason: str = ""
    manifest: dict | None = None  # the earlier manifest, when cached


def _read_json(path: Path) -> dict | None:
    try:
        return json.loads(path.read_text())
    except (OSError, ValueError):
        return None


def _changed(old: dict | None, new: dict) -> str:
    """Which options or files differ between the identity a stage last ran with and the current one."""
    if not old:
        return "settings changed"
    options = sorted(k for k in {*old.get("config", {}), *new["config"]} if old.get("config", {}).get(k) != new["config"].get(k))
    files = sorted(k for k in {*old.get("files", {}), *new["files"]} if old.get("files", {}).get(k) != new["files"].get(k))
    parts = ([f"option {', '.join(options)}"] if options else []) + ([f"contents of {', '.join(files)}"] if files else [])
    return "changed: " + "; ".join(parts) if parts else "an earlier stage changed"


def plan(experiment: Experiment, *, from_stage: str | None = None, until: str | None = None) -> list[Step]:
    """What `run` would do, stage by stage, without doing it."""
    for option, value in (("--from", from_stage), ("--until", until)):
        if value is not None and value not in STAGES:
            raise ConfigError(f"{option} {value!r}: choose from {', '.join(STAGES)}")
    if from_stage and until and STAGES.index(from_stage) > STAGES.index(until):
        raise ConfigError(f"--from {from_stage} comes after --until {until}")
    steps: list[Step] = []
    upstream_key: str | None = None
    upstream: tuple[str, str] | None = None  # (stage, run id) of the cached stage before this one
    upstream_reruns = False
    stopped = False
    for stage in STAGES:
        folder = experiment.run_dir / stage
        identity = _identity(experiment, stage)
        key = _key(identity, upstream_key)
        manifest = _read_json(folder / MANIFEST)
        started = _read_json(folder / _STARTED)
        # a manifest is current if it was made with this key, from the run of the stage before that is still there
        current = (manifest is not None and manifest.get("key") == key and _outputs_exist(manifest)
                   and (upstream is None or manifest.get("upstream", {}).get(upstream[0]) == upstream[1]))
        if stopped:
            step = Step(stage, folder, key, identity, "stop", f"after --until {until}")
        elif stage == "dedup" and experiment.section("dedup").get("enabled") is False:
            step = Step(stage, folder, upstream_key or "", identity, "skip", "disabled ([dedup] enabled = false)")
            steps.append(step)
            continue  # the next stage reads the filter output, with the filter's key
        elif stage == "safety" and (stage not in experiment.sections or experiment.section(stage).get("enabled") is False):
            reason = "no [safety] table" if stage not in experiment.sections else "disabled ([safety] enabled = false)"
            steps.append(Step(stage, folder, key, identity, "skip", reason))
            continue
        elif from_stage and STAGES.index(stage) >= STAGES.index(from_stage):
            step = Step(stage, folder, key, identity, "run", "forced by --from")
        elif upstream_reruns and (manifest or started):
            step = Step(stage, folder, key, identity, "run", "an earlier stage runs again")
        elif current:
            step = Step(stage, folder, key, identity, "cached", "unchanged", manifest)
        elif started and started.get("key") == key:
            step = Step(stage, folder, key, identity, "resume", "interrupted last time")
        elif manifest or started:
            step = Step(stage, folder, key, identity, "run", _changed((manifest or started).get("identity"), identity))
        else:
            step = Step(stage, folder, key, identity, "run", "not run yet")
        upstream_reruns = upstream_reruns or step.action in ("run", "resume")
        upstream_key = key
        upstream = (stage, manifest["run_id"]) if step.action == "cached" else None
        steps.append(step)
        if until == stage:
            stopped = True
    return steps


def _outputs_exist(manifest: dict) -> bool:
    return all(Path(p).exists() for p in manifest.get("outputs", {}).values() if isinstance(p, str))


# --------------------------------------------------------------------------- the stages


@dataclass
class Hooks:
    """Optional callbacks for a display: stage start/end, and the progress callbacks of the stages."""

    on_start: Callable[[Step], None] | None = None
    on_done: Callable[[Step, dict], None] | None = None
    on_stage: Callable[[str], None] | None = None
    on_progress: Callable[[int, int], None] | None = None
    on_step: Callable[[dict], None] | None = None


@dataclass
class _Context:
    experiment: Experiment
    steps: dict[str, Step]
    hooks: Hooks
    results: dict[str, dict] = field(default_factory=dict)  # manifests of the stages so far

    def folder(self, stage: str) -> Path:
        return self.steps[stage].folder

    def output(self, stage: str, key: str) -> str:
        return self.results[stage]["outputs"][key]


def _data(ctx: _Context) -> dict:
    from .filtering import FilterConfig, input_info, load_input

    section = ctx.experiment.section("data")
    config = FilterConfig(format=section.get("format"), on_bad_row=section.get("on_bad_row", "error"))
    infos, bad = [], 0
    for path in section["inputs"]:
        if ctx.hooks.on_stage:
            ctx.hooks.on_stage(f"reading {path}")
        loaded = load_input(Path(path), config, 0)
        infos.append(input_info(loaded))
        bad += len(loaded.rejects)
    rows = sum(i["rows"] for i in infos)
    formats = sorted({i["format"] for i in infos})
    summary = f"{rows:,} rows in {len(infos)} file{'s' * (len(infos) > 1)} ({', '.join(formats)})" + (f", {bad} bad" if bad else "")
    return {"outputs": {}, "inputs": infos, "counts": {"rows": rows, "bad_rows": bad}, "summary": summary}


def _filter(ctx: _Context) -> dict:
    from .filtering import FilterConfig, filter_dataset

    options = ctx.steps["filter"].identity["config"]
    config = FilterConfig(refusals="keep", annotate=True, **{k: tuple(v) if isinstance(v, list) else v for k, v in options.items()})
    output = ctx.folder("filter") / ("flagged" if config.engine == "ray" else "flagged.jsonl")  # ray: a folder of shards
    result = filter_dataset(ctx.experiment.section("data")["inputs"], output, config=config,
                            on_stage=ctx.hooks.on_stage, on_progress=ctx.hooks.on_progress)
    flagged = {k: v for k, v in result.categories.items() if v}
    summary = f"{result.counts['rows_in']:,} rows: " + (", ".join(f"{v:,} {k}" for k, v in flagged.items()) or "nothing flagged")
    if result.counts["rejected"]:
        summary += f"; {result.counts['rejected']:,} rejected"
    return {"outputs": {k: v for k, v in result.outputs.items() if v}, "counts": {**result.counts, **result.categories},
            "summary": summary}


def _dedup(ctx: _Context) -> dict:
    from .dedup import DedupConfig, dedup_dataset

    options = {k: v for k, v in ctx.steps["dedup"].identity["config"].items() if k != "enabled"}
    data = ctx.experiment.section("data")
    config = DedupConfig(format=data.get("format"), on_bad_row=data.get("on_bad_row", "error"),
                         **{k: tuple(v) if isinstance(v, list) else v for k, v in options.items()})
    output = ctx.folder("dedup") / ("data" if config.engine == "ray" else "data.jsonl")
    result = dedup_dataset(ctx.output("filter", "kept"), output, config=config,
                           on_stage=ctx.hooks.on_stage, on_progress=ctx.hooks.on_progress)
    counts = result.counts
    contaminated = sum(result.contamination.get("rows_matched", {}).values())
    summary = (f"{counts['removed']:,} removed ({counts['duplicates']:,} near-duplicates, {contaminated:,} benchmark matches), "
               f"{counts['kept']:,} kept")
    return {"outputs": {k: v for k, v in result.outputs.items() if v}, "counts": counts, "summary": summary}


def _variants(ctx: _Context) -> dict:
    from .variants import VariantsConfig, build_variants

    options = ctx.steps["variants"].identity["config"]
    source = ctx.output("dedup", "kept") if "dedup" in ctx.results else ctx.output("filter", "kept")
    if Path(source).is_dir():  # the ray engine's shards: the variants are built from them as one file
        source = str(_joined(Path(source), ctx.folder("variants") / "source.jsonl"))
    config = VariantsConfig(format=ctx.experiment.section("data").get("format"),
                            **{k: tuple(v) if isinstance(v, list) else v for k, v in options.items()})
    if ctx.hooks.on_stage:
        ctx.hooks.on_stage("building variants")
    summary = build_variants(source, ctx.folder("variants"), config=config)
    variants = summary["variants"]
    return {"outputs": {"variants": str(ctx.folder("variants") / "variants.json"),
                        **{name: str(ctx.folder("variants") / name) for name in variants}},
            "counts": {name: {"rows": m["rows"], "refusals": m["refusals"]} for name, m in variants.items()},
            "summary": " · ".join(f"{name} {m['rows']:,} rows ({m['refusals']:,} refusals)" for name, m in variants.items())}


def _joined(folder: Path, dest: Path) -> Path:
    from .filtering import shard_files
    from .io import TableWriter, read_table

    writer = TableWriter(dest)
    for part in shard_files(folder):
        writer.write(read_table(part).frame.drop("_line"))
    return writer.close()


def _train(ctx: _Context) -> dict:
    from .train import TrainConfig, train_variants

    options = dict(ctx.steps["train"].identity["config"])
    built = [name for name in ctx.results["variants"]["counts"]]
    chosen = options.pop("variants", None) or built
    unknown = [v for v in chosen if v not in built]
    if unknown:
        raise ConfigError(f"[train] variants: no variant {', '.join(unknown)}; the variants stage built {', '.join(built)}")
    config = TrainConfig(**{k: tuple(v) if isinstance(v, list) else v for k, v in options.items()})
    if ctx.hooks.on_stage:
        ctx.hooks.on_stage(f"training {len(chosen)} variants on {config.base}")
    manifests = train_variants([ctx.output("variants", name) for name in chosen], ctx.folder("train"), config=config,
                               on_step=ctx.hooks.on_step)
    return {"outputs": {"train": str(ctx.folder("train") / "train.json"),
                        **{m["variant"]: str(ctx.folder("train") / m["variant"]) for m in manifests}},
            "counts": {m["variant"]: {"steps": m["steps"], "tokens": m["tokens_trained"], "first_loss": m["first_loss"],
                                      "final_loss": m["final_loss"]} for m in manifests},
            "settings_hash": config.settings_hash(),
            "summary": " · ".join(f"{m['variant']} loss {m['loss_first_10pct']:.2f}→{m['loss_last_10pct']:.2f}" for m in manifests)}


def _eval(ctx: _Context) -> dict:
    from .evaluate import evaluate_models

    options = dict(ctx.steps["eval"].identity["config"])
    models = [path for name, path in ctx.results["train"]["outputs"].items() if name != "train"]
    if options.pop("include_base", False):
        models.append(ctx.steps["train"].identity["config"].get("base") or _default_base())
    tasks = options.pop("tasks", None)
    if isinstance(tasks, str):
        tasks = [t.strip() for t in tasks.split(",") if t.strip()]
    if tasks:
        options["tasks"] = tasks
    if options.get("data_dir") == "hub":
        options["data_dir"] = None
    rows = evaluate_models(models, ctx.folder("eval"), resume=True, on_stage=ctx.hooks.on_stage, **options)
    main = [r for r in rows if r["subtask"] is None]
    n_models = len({r["variant"] for r in main})
    n_tasks = len({r["task"] for r in main})
    return {"outputs": {"results": str(ctx.folder("eval") / "results.jsonl")}, "counts": {"models": n_models, "benchmarks": n_tasks,
            "result_rows": len(rows)}, "summary": f"{n_models} models × {n_tasks} benchmarks" +
            (f", at most {options['limit']} items per (sub)task" if options.get("limit") else "")}


def _default_base() -> str:
    from .models import DEFAULT_BASE

    return DEFAULT_BASE


def _report(ctx: _Context) -> dict:
    import polars as pl

    from .report import MAIN_METRIC, build_report

    options = ctx.steps["report"].identity["config"]
    result = build_report([ctx.folder("eval")], ctx.folder("report"), train_dir=ctx.folder("train"), **options)
    table = pl.read_csv(result["table"])
    headline = table.filter(pl.col("subtask").is_null() & (pl.col("variant") != pl.col("baseline")))
    gaps: dict[str, list[str]] = {}
    for r in headline.iter_rows(named=True):
        if r["metric"] == MAIN_METRIC.get(r["benchmark"]):
            gap = "n/a" if r["gap"] is None or r["gap"] != r["gap"] else f"{r['gap']:+.0%}"  # n/a: a zero baseline
            gaps.setdefault(r["variant"], []).append(f"{r['benchmark']} {gap}")
    summary = "; ".join(f"{variant}: {', '.join(parts)}" for variant, parts in gaps.items())
    return {"outputs": {"report": result["report"], "table": result["table"], "figures": str(ctx.folder("report") / "figures")},
            "counts": {"figures": len([p for p in result["figures"] if p.endswith(".png")])},
            "summary": f"gap vs {table['baseline'][0]}: {summary}" if summary else "report written"}


def _safety(ctx: _Context) -> dict:
    from .safety import SafetyConfig, audit

    options = {k: v for k, v in ctx.steps["safety"].identity["config"].items() if k != "enabled"}
    prompts = options.pop("prompts", None)
    if not prompts:
        raise ConfigError(f"{ctx.experiment.path}: [safety] needs prompts = [\"harmful.csv\", \"benign:ok.csv\", ...]")
    jailbreaks, jailbreak_limit = options.pop("jailbreaks", None), options.pop("jailbreak_limit", 5)
    # the report's baseline first: drift is measured from it
    baseline = ctx.experiment.section("report").get("baseline", "aligned")
    trained = [(name, path) for name, path in ctx.results["train"]["outputs"].items() if name != "train"]
    models = [path for name, path in sorted(trained, key=lambda t: t[0] != baseline)]
    if options.pop("include_base", False):
        models.append(ctx.steps["train"].identity["config"].get("base") or _default_base())
    config = SafetyConfig(**options)
    summary = audit(models, [prompts] if isinstance(prompts, str) else prompts, ctx.folder("safety"), config=config,
                    jailbreaks=jailbreaks, jailbreak_limit=jailbreak_limit, capability=ctx.output("report", "table"),
                    on_stage=ctx.hooks.on_stage, on_progress=ctx.hooks.on_progress)
    main = [r for r in summary["rates"] if r["judge"] == summary["judge"]]
    asr = {r["model"]: r["value"] for r in main if r["kind"] == "harmful" and r["metric"] == "attack_success_rate"}
    over = {r["model"]: r["value"] for r in main if r["kind"] == "benign" and r["metric"] == "over_refusal_rate"}
    parts = [f"{m}: ASR {asr[m]:.2f}" + (f", over-refusal {over[m]:.2f}" if m in over else "") for m in asr]
    return {"outputs": {"safety": str(ctx.folder("safety") / "safety.json"), "rates": str(ctx.folder("safety") / "rates.csv"),
                        "figures": str(ctx.folder("safety") / "figures")},
            "counts": {"models": len(summary["models"]), **{f"prompts_{k}": v for k, v in summary["prompts"].items()}},
            "summary": "; ".join(parts) or "audit written"}


_RUNNERS = {"data": _data, "filter": _filter, "dedup": _dedup, "variants": _variants, "train": _train, "eval": _eval, "report": _report,
            "safety": _safety}


def _versions() -> dict[str, str]:
    from importlib.metadata import PackageNotFoundError, version

    found = {"python": platform.python_version()}
    for package in ("ablate", "polars", "datasketch", "sentence-transformers", "torch", "transformers", "peft", "accelerate", "lm_eval"):
        try:
            found[package] = version(package)
        except PackageNotFoundError:
            pass
    return found


def run_experiment(path: str | Path, *, runs_dir: str | Path = "runs", from_stage: str | None = None,
                   until: str | None = None, overrides: tuple[str, ...] | list[str] = (), hooks: Hooks | None = None) -> dict:
    """Run (or resume) an experiment; returns `run.json`: each stage's action, summary, seconds and outputs.

    Example:
        >>> ablate.run_experiment("examples/demo.toml")
    """
    experiment = load_experiment(path, runs_dir=runs_dir, overrides=overrides)
    hooks = hooks or Hooks()
    steps = plan(experiment, from_stage=from_stage, until=until)
    experiment.run_dir.mkdir(parents=True, exist_ok=True)
    write_bytes_atomic(experiment.run_dir / "experiment.toml", experiment.text.encode())
    ctx = _Context(experiment, {s.stage: s for s in steps}, hooks)
    versions = _versions()
    record = {"name": experiment.name, "experiment": str(experiment.path), "overrides": list(overrides),
              "started": _now(), "stages": {}}
    for step in steps:
        if step.action in ("skip", "stop"):
            record["stages"][step.stage] = {"action": step.action, "reason": step.reason}
            continue
        if hooks.on_start:
            hooks.on_start(step)
        if step.action == "cached":
            manifest = step.manifest
        else:
            manifest = _run_stage(ctx, step, versions)
        ctx.results[step.stage] = manifest
        record["stages"][step.stage] = {"action": step.action, "reason": step.reason, "summary": manifest["summary"],
                                        "seconds": manifest["seconds"] if step.action != "cached" else 0.0,
                                        "outputs": manifest["outputs"]}
        if hooks.on_done:
            hooks.on_done(step, record["stages"][step.stage])
    record["finished"] = _now()
    write_bytes_atomic(experiment.run_dir / "run.json", (json.dumps(record, indent=2) + "\n").encode())
    return record


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def _run_stage(ctx: _Context, step: Step, versions: dict) -> dict:
    folder = step.folder
    if step.action == "run" and folder.exists():
        shutil.rmtree(folder)  # what is there was made with other settings (or is being redone on purpose)
    folder.mkdir(parents=True, exist_ok=True)
    write_bytes_atomic(folder / _STARTED, (json.dumps({"key": step.key, "identity": step.identity, "started": _now()},
                                                      indent=2, default=str) + "\n").encode())
    started = time.perf_counter()
    result = _RUNNERS[step.stage](ctx)
    upstream = [s for s in STAGES[: STAGES.index(step.stage)] if s in ctx.results]
    manifest = {"stage": step.stage, "key": step.key, "run_id": uuid.uuid4().hex, "identity": step.identity,
                "upstream": {s: ctx.results[s]["run_id"] for s in upstream[-1:]}, "action": step.action,
                "reason": step.reason, **result, "versions": versions, "command": " ".join(sys.argv),
                "finished": _now(), "seconds": round(time.perf_counter() - started, 1)}
    write_bytes_atomic(folder / MANIFEST, (json.dumps(manifest, indent=2, default=str) + "\n").encode())
    (folder / _STARTED).unlink(missing_ok=True)
    return manifest


def export_report(run_dir: str | Path, dest: str | Path) -> list[str]:
    """Copy a run's report (report.md, comparison.csv, figures) into `dest`, e.g. the repository's figures/."""
    source = Path(run_dir) / "report"
    if not (source / "report.md").exists():
        raise InputError(f"{source}: no report yet; run the experiment first")
    dest = Path(dest)
    dest.mkdir(parents=True, exist_ok=True)
    copied = []
    for figure in sorted((source / "figures").glob("*")):
        shutil.copyfile(figure, dest / figure.name)
        copied.append(str(dest / figure.name))
    shutil.copyfile(source / "comparison.csv", dest / "comparison.csv")
    safety = Path(run_dir) / "safety"
    if (safety / MANIFEST).exists():  # the safety audit's figures and rates, when the experiment has one
        for figure in sorted((safety / "figures").glob("*")):
            shutil.copyfile(figure, dest / figure.name)
            copied.append(str(dest / figure.name))
        shutil.copyfile(safety / "rates.csv", dest / "safety_rates.csv")
        copied.append(str(dest / "safety_rates.csv"))
    text = (source / "report.md").read_text().replace("](figures/", "](")
    run = _read_json(Path(run_dir) / "run.json") or {}
    if run:  # say where these numbers come from, and how to make them again
        stages = run.get("stages", {})
        lines = [f"_From run `{run.get('name')}` of `{run.get('experiment')}` "
                 f"(finished {run.get('finished')}; overrides: {', '.join(run.get('overrides') or []) or 'none'}). "
                 f"Regenerate: `ablate run {run.get('experiment')} --figures {dest}`._", ""]
        for stage in ("filter", "variants", "train", "eval", "safety"):
            if stages.get(stage, {}).get("summary"):
                lines.append(f"- {stage}: {stages[stage]['summary']}")
        head, _, rest = text.partition("\n\n")
        text = head + "\n\n" + "\n".join(lines) + "\n\n" + rest
    write_bytes_atomic(dest / "report.md", text.encode())
    return copied + [str(dest / "comparison.csv"), str(dest / "report.md")]


__all__ = ["STAGES", "Experiment", "Hooks", "Step", "export_report", "load_experiment", "plan", "run_experiment"]
