"""The capability-gap report: per-item scores re-read from logged samples, paired statistics, figures.

Variants are compared on the same items: the gap of a variant to the baseline (`aligned` when
present) is the paper's relative gap (variant − baseline) / baseline, with a paired bootstrap 95%
interval over items and, for 0/1 metrics, McNemar's exact test. Runs whose evaluation settings
differ (lm-eval version, task config, data, few-shot, chat template, backend) are refused unless
`force=True`: their numbers would not be comparable.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Sequence

import numpy as np
import polars as pl

from .errors import ConfigError, InputError
from .eval_tasks import benchmark_of
from .io import write_bytes_atomic, write_table

# the metric the paper reports per benchmark
MAIN_METRIC = {"bbh": "exact_match", "mmlu": "acc", "humaneval": "humaneval_pass_at_1", "drop": "f1"}
SETTINGS = ("lm_eval_version", "task_config_hash", "data_hash", "chat_template", "backend", "limit")
BENCHMARK_ORDER = ("bbh", "mmlu", "humaneval", "drop")


def load_items(eval_dirs: Sequence[str | Path]) -> tuple[pl.DataFrame, dict[str, dict]]:
    """Per-item scores of every evaluated model: variant, benchmark, subtask, doc_id, metric, value;
    and each variant's evaluation settings."""
    rows, settings = [], {}
    for eval_dir in map(Path, eval_dirs):
        results = eval_dir / "results.jsonl"
        if not results.exists():
            raise InputError(f"{eval_dir}: no results.jsonl (expected a folder written by ablate eval)")
        for line in results.read_text().splitlines():
            r = json.loads(line)
            settings.setdefault(r["variant"], {k: r.get(k) for k in SETTINGS})
            settings[r["variant"]][f"fewshot:{r['task']}"] = r.get("num_fewshot")
        for model_dir in sorted(p for p in eval_dir.iterdir() if (p / "samples").is_dir()):
            variant = json.loads((model_dir / "summary.json").read_text())["model"] if (model_dir / "summary.json").exists() else model_dir.name
            if variant not in settings:  # left over from an earlier run into the same folder: not in its results
                continue
            for sample_file in sorted((model_dir / "samples").glob("*.jsonl")):
                task = sample_file.stem
                benchmark = benchmark_of(task)
                if benchmark is None:
                    continue
                for line in sample_file.read_text().splitlines():
                    sample = json.loads(line)
                    for metric in (MAIN_METRIC[benchmark], "em") if benchmark == "drop" else (MAIN_METRIC[benchmark],):
                        if metric in sample:
                            rows.append((variant, benchmark, task, int(sample["doc_id"]), metric, float(sample[metric])))
    if not rows:
        raise InputError("no per-item samples found; run ablate eval (it logs them) first")
    frame = pl.DataFrame(rows, schema=["variant", "benchmark", "subtask", "doc_id", "metric", "value"], orient="row")
    return frame, settings


def check_settings(settings: dict[str, dict], force: bool = False) -> list[str]:
    """Names of settings that differ between variants; raises unless force."""
    variants = list(settings)
    differing = []
    for key in sorted({k for s in settings.values() for k in s}):
        values = {json.dumps(settings[v].get(key)) for v in variants}
        if len(values) > 1:
            differing.append(f"{key} ({', '.join(f'{v}={settings[v].get(key)}' for v in variants)})")
    if differing and not force:
        raise ConfigError("the runs were evaluated with different settings, so their numbers are not comparable: "
                          + "; ".join(differing) + " (pass --force to compare anyway)")
    return differing


def paired(base: np.ndarray, other: np.ndarray, *, resamples: int = 2000, seed: int = 0) -> dict:
    """Paired bootstrap over items: the mean difference and relative gap with 95% intervals,
    and McNemar's exact test when both are 0/1 scores."""
    base, other = np.asarray(base, float), np.asarray(other, float)
    n = len(base)
    rng = np.random.default_rng(seed)
    picks = rng.integers(0, n, size=(resamples, n))
    base_means, other_means = base[picks].mean(axis=1), other[picks].mean(axis=1)
    diffs = other_means - base_means
    with np.errstate(divide="ignore", invalid="ignore"):
        gaps = np.where(base_means > 0, diffs / base_means, np.nan)
    b_mean, o_mean = base.mean(), other.mean()
    out = {"n": n, "baseline_score": float(b_mean), "score": float(o_mean), "diff": float(o_mean - b_mean),
           "diff_low": float(np.percentile(diffs, 2.5)), "diff_high": float(np.percentile(diffs, 97.5)),
           "gap": float((o_mean - b_mean) / b_mean) if b_mean > 0 else float("nan"),
           "gap_low": float(np.nanpercentile(gaps, 2.5)) if np.isfinite(gaps).any() else float("nan"),
           "gap_high": float(np.nanpercentile(gaps, 97.5)) if np.isfinite(gaps).any() else float("nan"),
           "p_value": None}
    if set(np.unique(base)) <= {0.0, 1.0} and set(np.unique(other)) <= {0.0, 1.0}:
        from scipy.stats import binomtest

        only_base = int(((base == 1) & (other == 0)).sum())
        only_other = int(((base == 0) & (other == 1)).sum())
        discordant = only_base + only_other
        out["p_value"] = float(binomtest(only_other, discordant, 0.5).pvalue) if discordant else 1.0
    return out


def compare(items: pl.DataFrame, baseline: str | None = None, *, resamples: int = 2000, seed: int = 0) -> pl.DataFrame:
    """Every variant against the baseline, per benchmark (items pooled over subtasks) and per subtask."""
    variants = items["variant"].unique(maintain_order=True).to_list()
    if baseline is None:
        baseline = "aligned" if "aligned" in variants else variants[0]
    if baseline not in variants:
        raise ConfigError(f"baseline {baseline!r} is not among the evaluated variants ({', '.join(variants)})")
    out = []
    base = items.filter(pl.col("variant") == baseline)
    for variant in variants:
        other = items.filter(pl.col("variant") == variant)
        joined = base.join(other, on=["benchmark", "subtask", "doc_id", "metric"], suffix="_other")
        for (benchmark, metric), group in joined.group_by(["benchmark", "metric"], maintain_order=True):
            stats = paired(group["value"].to_numpy(), group["value_other"].to_numpy(), resamples=resamples, seed=seed)
            out.append({"variant": variant, "baseline": baseline, "benchmark": benchmark, "subtask": None, "metric": metric, **stats})
            if group["subtask"].n_unique() > 1:
                for (subtask,), sub in group.group_by(["subtask"], maintain_order=True):
                    stats = paired(sub["value"].to_numpy(), sub["value_other"].to_numpy(), resamples=resamples, seed=seed)
                    out.append({"variant": variant, "baseline": baseline, "benchmark": benchmark, "subtask": subtask,
                                "metric": metric, **stats})
    return pl.DataFrame(out, infer_schema_length=None)


# --------------------------------------------------------------------------- figures


def _pyplot():
    """matplotlib's pyplot on the file-only backend (no display needed)."""
    import matplotlib

    matplotlib.use("Agg")
    matplotlib.rcParams["svg.fonttype"] = "none"  # SVG text stays text: editable in a paper, searchable
    import matplotlib.pyplot as plt

    return plt


def _tidy(ax, title: str, legend: bool = True) -> None:
    ax.set_title(title, fontsize=9)
    if legend:
        ax.legend(frameon=False, fontsize=8)
    ax.spines[["top", "right"]].set_visible(False)


def _save(fig, folder: Path, name: str) -> list[str]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for ext in ("png", "svg"):
        path = folder / f"{name}.{ext}"
        fig.savefig(path, dpi=160, bbox_inches="tight")
        paths.append(str(path))
    _pyplot().close(fig)
    return paths


def headline_figure(table: pl.DataFrame, folder: Path) -> list[str]:
    """Grouped bars: the main metric of each benchmark per variant, with bootstrap 95% intervals of the mean."""
    plt = _pyplot()
    main = table.filter(pl.col("subtask").is_null() & pl.col("metric").is_in(list(MAIN_METRIC.values())))
    benchmarks = [b for b in BENCHMARK_ORDER if b in main["benchmark"].to_list()]
    variants = main["variant"].unique(maintain_order=True).to_list()
    fig, ax = plt.subplots(figsize=(1.8 + 1.6 * len(benchmarks), 3.6))
    width = 0.8 / max(len(variants), 1)
    for k, variant in enumerate(variants):
        rows = {r["benchmark"]: r for r in main.filter(pl.col("variant") == variant).iter_rows(named=True)}
        scores = [rows[b]["score"] if b in rows else np.nan for b in benchmarks]
        # around a non-baseline variant's bar: the 95% interval of its paired difference to the baseline
        low = [rows[b]["diff"] - rows[b]["diff_low"] if b in rows else 0.0 for b in benchmarks]
        high = [rows[b]["diff_high"] - rows[b]["diff"] if b in rows else 0.0 for b in benchmarks]
        is_baseline = all(rows[b]["variant"] == rows[b]["baseline"] for b in rows)
        xs = np.arange(len(benchmarks)) + (k - (len(variants) - 1) / 2) * width
        ax.bar(xs, scores, width, label=variant, capsize=3,
               yerr=None if is_baseline else [np.maximum(low, 0), np.maximum(high, 0)])
        for x, score in zip(xs, scores):
            ax.text(x, score, f"{score:.3f}", ha="center", va="bottom", fontsize=7)
    ax.set_xticks(np.arange(len(benchmarks)))
    ax.set_xticklabels([f"{b}\n({MAIN_METRIC[b]})" for b in benchmarks])
    ax.set_ylabel("score")
    _tidy(ax, "Capability by variant (error bars: paired bootstrap 95% CI of the difference to the baseline)")
    return _save(fig, folder, "headline")


def subtask_figure(table: pl.DataFrame, benchmark: str, folder: Path) -> list[str]:
    """Sorted relative gaps per subtask of one benchmark, for every non-baseline variant."""
    plt = _pyplot()
    rows = table.filter((pl.col("benchmark") == benchmark) & pl.col("subtask").is_not_null()
                        & (pl.col("variant") != pl.col("baseline")) & (pl.col("metric") == MAIN_METRIC[benchmark]))
    if rows.is_empty():
        return []
    paths = []
    for (variant,), group in rows.group_by(["variant"], maintain_order=True):
        group = group.with_columns(pl.col("diff").alias("d")).sort("d")
        labels = [s.split(f"ablate_{benchmark}_")[-1] for s in group["subtask"].to_list()]
        fig, ax = plt.subplots(figsize=(6, 0.22 * len(labels) + 1.2))
        colors = ["#c0392b" if d < 0 else "#2e86c1" for d in group["d"].to_list()]
        ax.barh(labels, group["d"].to_list(), color=colors,
                xerr=[(group["d"] - group["diff_low"]).clip(0).to_list(), (group["diff_high"] - group["d"]).clip(0).to_list()],
                capsize=2)
        ax.axvline(0, color="black", linewidth=0.8)
        ax.set_xlabel(f"{variant} − {group['baseline'][0]} ({MAIN_METRIC[benchmark]}, 95% CI)")
        ax.tick_params(axis="y", labelsize=6)
        _tidy(ax, f"{benchmark}: per-subtask difference, sorted", legend=False)
        paths += _save(fig, folder, f"{benchmark}_subtasks_{variant}")
    return paths


def dose_figure(table: pl.DataFrame, folder: Path) -> list[str]:
    plt = _pyplot()
    main = table.filter(pl.col("subtask").is_null() & pl.col("variant").str.starts_with("dose-")
                        & pl.col("metric").is_in(list(MAIN_METRIC.values())))
    if main["variant"].n_unique() < 2:
        return []
    fig, ax = plt.subplots(figsize=(5, 3.4))
    for (benchmark,), group in main.group_by(["benchmark"], maintain_order=True):
        group = group.with_columns(pl.col("variant").str.slice(5).cast(pl.Int32).alias("dose")).sort("dose")
        ax.errorbar(group["dose"].to_list(), group["score"].to_list(),
                    yerr=[(group["diff"] - group["diff_low"]).clip(0).to_list(), (group["diff_high"] - group["diff"]).clip(0).to_list()],
                    marker="o", capsize=3, label=benchmark)
    ax.set_xlabel("refusals kept (% of those in the data), equal size")
    ax.set_ylabel("score")
    _tidy(ax, "Dose response")
    return _save(fig, folder, "dose_response")


def loss_figure(train_dir: Path, folder: Path) -> list[str]:
    plt = _pyplot()
    logs = sorted(train_dir.glob("*/train_log.jsonl"))
    if not logs:
        return []
    fig, ax = plt.subplots(figsize=(5, 3.4))
    for log in logs:
        entries = [json.loads(line) for line in log.read_text().splitlines() if line.strip()]
        ax.plot([e["step"] for e in entries], [e["loss"] for e in entries], label=log.parent.name, linewidth=1.2)
    ax.set_xlabel("optimizer step")
    ax.set_ylabel("training loss (assistant tokens)")
    _tidy(ax, "Training curves (identical settings)")
    return _save(fig, folder, "training_loss")


# --------------------------------------------------------------------------- the stage


def build_report(eval_dirs: Sequence[str | Path], out_dir: str | Path, *, baseline: str | None = None,
                 train_dir: str | Path | None = None, force: bool = False, resamples: int = 2000, seed: int = 0) -> dict:
    """Table, figures and report.md for one or more `ablate eval` folders.

    Example:
        >>> ablate.build_report(["runs/x/eval"], "runs/x/report", train_dir="runs/x/train")
    """
    out = Path(out_dir)
    items, settings = load_items(eval_dirs)
    differing = check_settings(settings, force)
    table = compare(items, baseline, resamples=resamples, seed=seed)
    write_table(table, out / "comparison.csv")
    write_table(items, out / "items.parquet")
    figures = out / "figures"
    paths = headline_figure(table, figures)
    for benchmark in ("bbh", "mmlu"):
        paths += subtask_figure(table, benchmark, figures)
    paths += dose_figure(table, figures)
    if train_dir is not None:
        paths += loss_figure(Path(train_dir), figures)
    lines = ["# Capability-gap report", "",
             f"Baseline: `{table['baseline'][0]}`. Gap = (variant − baseline) / baseline; 95% intervals from a paired "
             f"bootstrap over items ({resamples} resamples, seed {seed}); p: McNemar's exact test (0/1 metrics).", ""]
    if differing:
        lines += ["**Warning: compared with --force although these settings differ:** " + "; ".join(differing), ""]
    lines += ["| variant | benchmark | metric | n | score | baseline | gap | 95% CI of gap | p |", "|---|---|---|---|---|---|---|---|---|"]
    for r in table.filter(pl.col("subtask").is_null()).iter_rows(named=True):
        p = "" if r["p_value"] is None else f"{r['p_value']:.3g}"
        pct = (lambda x: "n/a" if x is None or x != x else f"{x:+.1%}")  # a zero baseline has no relative gap
        lines.append(f"| {r['variant']} | {r['benchmark']} | {r['metric']} | {r['n']} | {r['score']:.4f} | {r['baseline_score']:.4f} | "
                     f"{pct(r['gap'])} | [{pct(r['gap_low'])}, {pct(r['gap_high'])}] | {p} |")
    lines += ["", "## Figures", ""] + [f"![{Path(p).stem}](figures/{Path(p).name})" for p in paths if p.endswith(".png")]
    write_bytes_atomic(out / "report.md", ("\n".join(lines) + "\n").encode())
    return {"table": str(out / "comparison.csv"), "report": str(out / "report.md"), "figures": paths, "differing_settings": differing}


__all__ = ["build_report", "check_settings", "compare", "load_items", "paired"]
