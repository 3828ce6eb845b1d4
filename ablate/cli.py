"""The `ablate` command line: thin click wrappers over the Python API.

Any `AblateError` becomes one line on stderr and exit code 2, never a traceback.
"""

from __future__ import annotations

import contextlib
import functools
import sys
from pathlib import Path
from typing import Callable

import click
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, SpinnerColumn, TextColumn, TimeRemainingColumn
from rich.table import Table

from . import __version__
from .detect.ensemble import DETECTORS
from .detect.packs import CATEGORIES, REFUSAL_CATEGORIES
from .errors import AblateError
from .filtering import FilterConfig, FilterReport, filter_dataset
from .pipeline import STAGES
from .records import FORMATS

console = Console(stderr=True, highlight=False)


class UserError(click.ClickException):
    exit_code = 2


def user_errors(command):
    """Turn AblateError (and a vanished stdout) into a one-line message with exit code 2."""

    @functools.wraps(command)
    def wrapper(*args, **kwargs):
        try:
            return command(*args, **kwargs)
        except AblateError as e:
            raise UserError(str(e)) from None
        except KeyboardInterrupt:
            raise UserError("interrupted; outputs are written atomically, so nothing half-written was left") from None

    return wrapper


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="ablate")
def main() -> None:
    """Measure the alignment tax of instruction-tuning data: filter refusal-style answers,
    build matched variants, fine-tune, evaluate and report."""


def _categories(_ctx, _param, values: tuple[str, ...]) -> tuple[str, ...]:
    names = [n.strip() for v in values for n in v.split(",") if n.strip()]
    if not names:
        return REFUSAL_CATEGORIES
    if "all" in names:
        return CATEGORIES
    unknown = [n for n in names if n not in CATEGORIES]
    if unknown:
        raise click.BadParameter(f"unknown {', '.join(unknown)}; choose from {', '.join(CATEGORIES)} or all")
    return tuple(dict.fromkeys(names))


def engine_options(command):
    """--engine, --ray-address, --shard-mb and --batch-rows, shared by filter and dedup."""
    for option in reversed([
        click.option("--engine", type=click.Choice(["local", "ray"]), default="local", show_default=True,
                     help="local: stream the shards on this machine; ray: in parallel on Ray Data, OUTPUT becomes a folder of shards."),
        click.option("--ray-address", metavar="ADDRESS", help="An existing Ray cluster (ray://head:10001). [default: $RAY_ADDRESS, else a local instance]"),
        click.option("--shard-mb", type=click.FloatRange(min=0, min_open=True), default=128, show_default=True,
                     help="Plain JSONL inputs are cut into shards of about this size."),
        click.option("--batch-rows", type=click.IntRange(1), default=None, help="Rows in memory at once (per worker)."),
    ]):
        command = option(command)
    return command


def _engine_settings(engine, ray_address, shard_mb, batch_rows) -> dict:
    return {"engine": engine, "ray_address": ray_address, "shard_mb": shard_mb, **({"batch_rows": batch_rows} if batch_rows else {})}


@main.command(name="filter")
@click.argument("inputs", nargs=-1, required=True, type=click.Path())
@click.option("-o", "--output", required=True, type=click.Path(), help="Kept rows; the extension picks the container (.jsonl, .json, .parquet, .csv, + .gz). With --engine ray: a folder.")
@click.option("--refusals", type=click.Choice(["drop", "keep", "only"]), default="drop", show_default=True,
              help="drop: remove refusals; keep: keep every row and annotate; only: keep just the refusals.")
@click.option("--filters", "filters", multiple=True, metavar="PACK",
              help="Rule pack: a built-in name, a .yaml path or a folder; repeatable. 'builtin' means all built-in packs (the default).")
@click.option("--turns", type=click.Choice(["conversation", "truncate", "turn"]), default="conversation", show_default=True,
              help="Multi-turn data: drop the whole conversation, cut it before the first refusing exchange, or remove only refusing exchanges.")
@click.option("--categories", multiple=True, callback=_categories, metavar="CATS",
              help=f"Categories the policy acts on, comma-separated: {', '.join(CATEGORIES)} or all. [default: refusal,partial_refusal]")
@click.option("--format", "format_", type=click.Choice(FORMATS), help="Force the input format instead of detecting it.")
@click.option("--output-format", type=click.Choice(FORMATS), help="Write another format than the input's.")
@click.option("--on-bad-row", type=click.Choice(["error", "skip"]), default="error", show_default=True,
              help="skip: write bad rows to <output>.rejects.jsonl and go on.")
@click.option("--report", type=click.Path(dir_okay=False), help="Report JSON path. [default: <output>.report.json]")
@click.option("--annotate/--no-annotate", default=None, help="Add refusal columns to the kept rows. [default: with keep and only, not with drop]")
@click.option("--detector", type=click.Choice(DETECTORS), default="ensemble", show_default=True,
              help="rules: rule packs only; embedding: every response against the prototypes; ensemble: rules, then embeddings where they can change the verdict.")
@click.option("--embedding-model", metavar="MODEL", help="sentence-transformers model: a local folder or a name. [default: all-MiniLM-L6-v2, shipped offline]")
@click.option("--overrides", type=click.Path(dir_okay=False), metavar="JSONL",
              help="Human decisions (ablate review export) that replace the detector's verdict for the rows they name.")
@engine_options
@click.option("-q", "--quiet", is_flag=True, help="Print nothing but errors.")
@user_errors
def filter_command(inputs, output, refusals, filters, turns, categories, format_, output_format, on_bad_row, report, annotate,
                   detector, embedding_model, overrides, engine, ray_address, shard_mb, batch_rows, quiet):
    """Find refusal-style responses and drop, keep (annotated) or isolate them.

    Removed rows go to <output>.removed.<ext> with their reasons; bad rows (with
    --on-bad-row skip) to <output>.rejects.jsonl; counts to <output>.report.json.

    \b
    Example:
        ablate filter data.jsonl -o clean.jsonl --refusals drop
        ablate filter sharegpt.json -o clean.json --turns truncate --categories all
    """
    config = FilterConfig(refusals=refusals, filters=filters, turns=turns, categories=categories, format=format_,
                          output_format=output_format, on_bad_row=on_bad_row, annotate=annotate,
                          detector=detector, embedding_model=embedding_model, overrides=overrides,
                          **_engine_settings(engine, ray_address, shard_mb, batch_rows))
    with progress_display(quiet or engine == "ray") as (on_stage, on_progress):
        result = filter_dataset(inputs, output, config=config, report=report, on_stage=on_stage, on_progress=on_progress)
    if not quiet:
        print_filter_summary(result)


def _progress_bar() -> Progress:
    """The one progress bar style of the CLI: label, bar, count, time left; cleared when done."""
    return Progress(SpinnerColumn(), TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
                    TimeRemainingColumn(), console=console, transient=True)


@contextlib.contextmanager
def progress_display(quiet: bool, work: str | None = "embedding response openings"):
    """A stage label and, once counted work starts, a progress bar (only on a terminal)."""
    if quiet or not sys.stderr.isatty():
        yield (None, None)
        return
    with _progress_bar() as progress:
        task = progress.add_task("starting", total=None)

        def on_stage(label: str) -> None:
            progress.update(task, description=label, total=None, completed=0)

        def on_progress(done: int, total: int) -> None:
            progress.update(task, total=total, completed=done, **({"description": work} if work else {}))

        yield (on_stage, on_progress)


def print_filter_summary(result: FilterReport) -> None:
    counts = result.counts
    table = Table(title="ablate filter", show_header=True, header_style="bold")
    table.add_column("")
    table.add_column("rows", justify="right")
    table.add_row("rows in", f"{counts['rows_in']:,}")
    for name, info in result.packs.items():
        if info["rows_hit"]:
            table.add_row(f"  hit by {name} ({info['category']})", f"{info['rows_hit']:,}")
    if result.detector.get("embedded"):
        table.add_row(f"  openings embedded ({result.detector['name']})", f"{result.detector['embedded']:,}")
    for name, count in result.categories.items():
        table.add_row(f"  judged {name}", f"{count:,}")
    if counts.get("overridden"):
        table.add_row("  decided by a reviewer (--overrides)", f"{counts['overridden']:,}")
    table.add_row("kept", f"{counts['kept']:,}" + (f" ({counts['modified']:,} with turns cut)" if counts["modified"] else ""))
    table.add_row("removed", f"{counts['removed']:,}")
    table.add_row("rejected", f"{counts['rejected']:,}")
    console.print(table)
    outputs = result.outputs
    console.print(f"kept      → {outputs['kept']}")
    for key in ("removed", "rejects", "report"):
        if outputs[key]:
            console.print(f"{key:<9} → {outputs[key]}")
    console.print(f"[dim]{result.timings['total']:.1f} s[/dim]")


@main.command(name="dedup")
@click.argument("inputs", nargs=-1, required=True, type=click.Path())
@click.option("-o", "--output", required=True, type=click.Path(), help="Kept rows; the extension picks the container. With --engine ray: a folder.")
@click.option("--threshold", type=click.FloatRange(0, 1, min_open=True), default=0.8, show_default=True,
              help="Jaccard similarity (of word n-gram sets) at which two rows are near-duplicates.")
@click.option("--num-perm", type=click.IntRange(8), default=128, show_default=True, help="MinHash permutations.")
@click.option("--ngram", type=click.IntRange(1), default=5, show_default=True, help="Words per shingle.")
@click.option("--field", "field_", type=click.Choice(["prompt", "response", "both"]), default="both", show_default=True,
              help="Which text is compared.")
@click.option("--duplicates", type=click.Choice(["drop", "keep"]), default="drop", show_default=True,
              help="keep: annotate clusters, remove nothing.")
@click.option("--decontaminate", is_flag=False, flag_value="default", default=None, metavar="[DATA_DIR]",
              help="Also remove rows that contain benchmark items from DATA_DIR (bbh/ mmlu/ humaneval/ drop/); "
                   "without a value: ../shared/data/benchmarks.")
@click.option("--contaminated", type=click.Choice(["drop", "keep"]), default="drop", show_default=True,
              help="keep: annotate contaminated rows, remove nothing for them.")
@click.option("--overlap", type=click.FloatRange(0, 1, min_open=True), default=0.5, show_default=True,
              help="Share of a benchmark item's 13-grams in a row that makes the row contaminated.")
@click.option("--seed", type=int, default=1, show_default=True, help="MinHash permutation seed.")
@click.option("--format", "format_", type=click.Choice(FORMATS), help="Force the input format instead of detecting it.")
@click.option("--on-bad-row", type=click.Choice(["error", "skip"]), default="error", show_default=True,
              help="skip: write bad rows to <output>.rejects.jsonl and go on.")
@click.option("--report", type=click.Path(dir_okay=False), help="Report JSON path. [default: <output>.report.json]")
@click.option("--annotate/--no-annotate", default=None,
              help="Add dedup_cluster, dedup_similarity and contamination to kept rows. [default: when --duplicates or --contaminated keep]")
@engine_options
@click.option("-q", "--quiet", is_flag=True, help="Print nothing but errors.")
@user_errors
def dedup_command(inputs, output, threshold, num_perm, ngram, field_, duplicates, decontaminate, contaminated, overlap, seed,
                  format_, on_bad_row, report, annotate, engine, ray_address, shard_mb, batch_rows, quiet):
    """Remove near-duplicates (MinHash LSH; the earliest row of each cluster is kept) and
    rows that contain benchmark items.

    Removed rows go to <output>.removed.<ext> with their cluster or benchmark item, the
    clusters to <output>.clusters.jsonl, counts to <output>.report.json.

    \b
    Example:
        ablate dedup clean.jsonl -o dedup.jsonl --threshold 0.8 --decontaminate
    """
    from .dedup import DedupConfig, dedup_dataset

    config = DedupConfig(threshold=threshold, num_perm=num_perm, ngram=ngram, field=field_, duplicates=duplicates,
                         decontaminate=decontaminate, contaminated=contaminated, overlap=overlap, seed=seed,
                         format=format_, on_bad_row=on_bad_row, annotate=annotate,
                         **_engine_settings(engine, ray_address, shard_mb, batch_rows))
    with progress_display(quiet or engine == "ray", None) as (on_stage, on_progress):
        result = dedup_dataset(inputs, output, config=config, report=report, on_stage=on_stage, on_progress=on_progress)
    if quiet:
        return
    counts = result.counts
    table = Table(title="ablate dedup", header_style="bold")
    table.add_column("")
    table.add_column("rows", justify="right")
    table.add_row("rows in", f"{counts['rows_in']:,}")
    table.add_row(f"  in {counts['clusters']:,} near-duplicate clusters", f"{counts['rows_in_clusters']:,}")
    table.add_row("  duplicates (not the kept copy)", f"{counts['duplicates']:,}")
    if result.contamination.get("data_dir"):
        for name, hits in result.contamination["rows_matched"].items():
            table.add_row(f"  contain a {name} item", f"{hits:,}")
    table.add_row("kept", f"{counts['kept']:,}")
    table.add_row("removed", f"{counts['removed']:,}")
    table.add_row("rejected", f"{counts['rejected']:,}")
    console.print(table)
    for key in ("kept", "removed", "clusters", "rejects", "report"):
        if result.outputs[key]:
            console.print(f"{key:<9} → {result.outputs[key]}")
    console.print(f"[dim]{result.timings['total']:.1f} s[/dim]")


@main.command(name="variants")
@click.argument("input_", metavar="INPUT", type=click.Path(dir_okay=False))
@click.option("-o", "--output", "out_dir", required=True, type=click.Path(file_okay=False), help="Folder for the variants.")
@click.option("--seed", type=int, default=0, show_default=True, help="Seed of every random choice.")
@click.option("--doses", default="", metavar="PCTS", help="Dose-response variants: refusal shares in % of the refusals held, e.g. 0,25,50,75,100.")
@click.option("--match", type=click.Choice(["rows", "tokens"]), default="rows", show_default=True,
              help="What the size-matched controls hold equal.")
@click.option("--max-rows", type=click.IntRange(2), help="Draw this many rows first (stratified, same draw for all variants).")
@click.option("--categories", multiple=True, callback=_categories, metavar="CATS",
              help="Which flagged categories count as refusals (removed from filtered), comma-separated, or all. "
                   "[default: refusal,partial_refusal]")
@click.option("--format", "format_", type=click.Choice(FORMATS), help="Force the input format instead of detecting it.")
@user_errors
def variants_command(input_, out_dir, seed, doses, match, max_rows, categories, format_):
    """Build matched variants of one flagged dataset: aligned (everything), filtered (no
    refusals), random-control (as many random non-refusal rows removed, so sizes match), and
    optional dose-response variants at equal size.

    INPUT is the output of `ablate filter --refusals keep` (or any dataset: it is flagged first).

    \b
    Example:
        ablate variants flagged.jsonl -o runs/x/variants --doses 0,50,100
    """
    from .variants import VariantsConfig, build_variants

    try:
        dose_list = tuple(int(d) for d in doses.split(",") if d.strip())
    except ValueError:
        raise click.BadParameter(f"expected comma-separated integers, got {doses!r}", param_hint="--doses") from None
    config = VariantsConfig(seed=seed, doses=dose_list, match=match, max_rows=max_rows, format=format_, categories=categories)
    with progress_display(False, None) as (on_stage, _):
        if on_stage:
            on_stage("building variants")
        summary = build_variants(input_, out_dir, config=config)
    table = Table(title="ablate variants", header_style="bold")
    for column in ("variant", "rows", "refusals", "share", "tokens (words)"):
        table.add_column(column, justify="left" if column == "variant" else "right")
    for name, m in summary["variants"].items():
        table.add_row(name, f"{m['rows']:,}", f"{m['refusals']:,}", f"{m['refusal_share']:.1%}", f"{m['tokens']:,}")
    console.print(table)
    console.print(f"variants → {out_dir}/variants.json")


@main.command(name="train")
@click.argument("variants", nargs=-1, required=True, type=click.Path(exists=True))
@click.option("--base", default="smollm2-135m-instruct", show_default=True,
              help="Base model: smollm2-135m-instruct, tiny-random, a local folder or a hub name.")
@click.option("-o", "--output", "out_dir", required=True, type=click.Path(file_okay=False), help="Folder for the trained variants.")
@click.option("--method", type=click.Choice(["lora", "full"]), default="lora", show_default=True)
@click.option("--seed", type=int, default=0, show_default=True)
@click.option("--learning-rate", type=float, default=2e-4, show_default=True)
@click.option("--schedule", type=click.Choice(["cosine", "linear", "constant"]), default="cosine", show_default=True)
@click.option("--warmup-ratio", type=float, default=0.05, show_default=True)
@click.option("--epochs", type=float, default=1.0, show_default=True)
@click.option("--max-steps", type=click.IntRange(1), help="Optimizer steps (overrides --epochs).")
@click.option("--token-budget", type=click.IntRange(1), help="Train on this many tokens per variant (overrides --epochs).")
@click.option("--batch-size", type=click.IntRange(1), default=8, show_default=True)
@click.option("--grad-accum", type=click.IntRange(1), default=1, show_default=True)
@click.option("--max-length", type=click.IntRange(16), default=256, show_default=True)
@click.option("--packing/--no-packing", default=True, show_default=True)
@click.option("--lora-r", type=int, default=16, show_default=True)
@click.option("--lora-alpha", type=int, default=32, show_default=True)
@click.option("--merge", is_flag=True, help="LoRA: also write the merged full model.")
@click.option("--save-every", type=click.IntRange(1), default=25, show_default=True, help="Checkpoint every N steps.")
@click.option("--no-chat-template", is_flag=True, help="Plain User:/Assistant: layout instead of the tokenizer's chat template.")
@user_errors
def train_command(variants, base, out_dir, method, seed, learning_rate, schedule, warmup_ratio, epochs, max_steps,
                  token_budget, batch_size, grad_accum, max_length, packing, lora_r, lora_alpha, merge, save_every,
                  no_chat_template):
    """Fine-tune BASE on each variant with identical settings (loss on assistant tokens only).

    Re-running after an interruption resumes from the last checkpoint. Several GPUs:
    accelerate launch -m ablate.cli train ... (data parallel, same settings).

    \b
    Example:
        ablate train runs/x/variants/aligned runs/x/variants/filtered -o runs/x/train --max-steps 30
    """
    from .train import TrainConfig, train

    config = TrainConfig(base=base, method=method, seed=seed, learning_rate=learning_rate, schedule=schedule,
                         warmup_ratio=warmup_ratio, epochs=epochs, max_steps=max_steps, token_budget=token_budget,
                         batch_size=batch_size, grad_accum=grad_accum, max_length=max_length, packing=packing,
                         lora_r=lora_r, lora_alpha=lora_alpha, merge=merge, save_every=save_every,
                         chat_template=not no_chat_template)
    with _step_progress() as on_step:
        manifests = train(variants, out_dir, config=config, on_step=on_step)
    if any("steps" not in m for m in manifests):  # a worker rank under accelerate launch
        return
    table = Table(title=f"ablate train (settings {config.settings_hash()})", header_style="bold")
    for column in ("variant", "steps", "tokens", "loss first → last 10%", "tokens/s", "model"):
        table.add_column(column, justify="left" if column in ("variant", "model") else "right")
    for m in manifests:
        table.add_row(m["variant"], str(m["steps"]), f"{m['tokens_trained']:,}",
                      f"{m['loss_first_10pct']:.3f} → {m['loss_last_10pct']:.3f}", f"{m['tokens_per_s']:,.0f}",
                      m["outputs"].get("model") or m["outputs"]["adapter"])
    console.print(table)


@contextlib.contextmanager
def _step_progress():
    """A progress bar per variant, fed by train's on_step callback (only on a terminal)."""
    if not sys.stderr.isatty():
        yield None
        return
    with _progress_bar() as progress:
        yield _variant_bars(progress, {})


def _variant_bars(progress: Progress, tasks: dict[str, int], label: str = "") -> Callable[[dict], None]:
    """train's on_step callback: one bar per variant in `progress` (its task ids are kept in `tasks`)."""

    def on_step(entry: dict) -> None:
        name = entry["variant"]
        if name not in tasks:
            tasks[name] = progress.add_task(name, total=entry["total_steps"])
        progress.update(tasks[name], completed=entry["step"],
                        description=f"{label}{name}: loss {entry['loss']:.3f}, {entry['tokens_per_s']:,.0f} tok/s")

    return on_step


@main.command(name="eval")
@click.argument("models", nargs=-1, required=True)
@click.option("-o", "--output", "out_dir", required=True, type=click.Path(file_okay=False), help="Folder for results and samples.")
@click.option("--tasks", default="bbh,mmlu,humaneval,drop", show_default=True, help="Comma-separated benchmarks.")
@click.option("--limit", type=click.IntRange(1), help="At most this many items per (sub)task.")
@click.option("--data-dir", default="default", show_default=True,
              help="Benchmark data (bbh/ mmlu/ humaneval/ drop/); 'default': ../shared/data/benchmarks when present, "
                   "else lm-eval's own hub tasks; 'hub': always the hub tasks.")
@click.option("--backend", type=click.Choice(["hf", "vllm"]), default="hf", show_default=True)
@click.option("--batch-size", default="auto", show_default=True, help="An integer or auto.")
@click.option("--chat-template/--no-chat-template", default=False, show_default=True, help="Render prompts with the model's chat template.")
@click.option("--seed", type=int, default=0, show_default=True)
@user_errors
def eval_command(models, out_dir, tasks, limit, data_dir, backend, batch_size, chat_template, seed):
    """Evaluate models (ablate train outputs, model folders or names) on BBH (3-shot), MMLU (5-shot),
    HumanEval (0-shot pass@1, sandboxed) and DROP (3-shot) through lm-eval.

    \b
    Example:
        ablate eval runs/x/train/aligned runs/x/train/filtered -o runs/x/eval --limit 20
    """
    from .benchmark_data import default_benchmark_dir
    from .evaluate import evaluate_models

    if data_dir == "default" and default_benchmark_dir() is None:
        console.print("no local benchmark data (../shared/data/benchmarks): using lm-eval's hub tasks")
        data_dir = "hub"
    rows = evaluate_models(models, out_dir, tasks=[t.strip() for t in tasks.split(",") if t.strip()], limit=limit,
                           data_dir=None if data_dir == "hub" else data_dir, backend=backend,
                           batch_size=int(batch_size) if str(batch_size).isdigit() else batch_size,
                           chat_template=chat_template, seed=seed)
    table = Table(title="ablate eval", header_style="bold")
    for column in ("model", "task", "metric", "value", "± stderr", "n", "extraction failures"):
        table.add_column(column, justify="left" if column in ("model", "task", "metric") else "right")
    for r in rows:
        if r["subtask"] is None:
            stderr = f"{r['stderr']:.3f}" if isinstance(r["stderr"], float) else ""
            failures = r["extraction_failure_rate"]
            table.add_row(r["variant"], r["task"], r["metric"], f"{r['value']:.3f}", stderr, str(r["n"] or ""),
                          "" if failures is None else f"{failures:.1%}")
    console.print(table)
    console.print(f"results → {out_dir}/results.jsonl")


@main.command(name="report")
@click.argument("eval_dirs", nargs=-1, required=True, type=click.Path(exists=True, file_okay=False))
@click.option("-o", "--output", "out_dir", required=True, type=click.Path(file_okay=False), help="Folder for the table, figures and report.md.")
@click.option("--baseline", help="The variant the others are compared with. [default: aligned, else the first]")
@click.option("--train-dir", type=click.Path(exists=True, file_okay=False), help="An ablate train folder, for the loss curves.")
@click.option("--force", is_flag=True, help="Compare runs even if their evaluation settings differ.")
@click.option("--resamples", type=click.IntRange(100), default=2000, show_default=True, help="Bootstrap resamples.")
@click.option("--seed", type=int, default=0, show_default=True)
@user_errors
def report_command(eval_dirs, out_dir, baseline, train_dir, force, resamples, seed):
    """Compare evaluated variants: relative gaps with paired bootstrap 95% CIs and McNemar tests,
    figures (PNG + SVG) and a Markdown summary, re-scored from the logged per-item samples.

    \b
    Example:
        ablate report runs/x/eval -o runs/x/report --train-dir runs/x/train
    """
    from .report import build_report

    result = build_report(eval_dirs, out_dir, baseline=baseline, train_dir=train_dir, force=force, resamples=resamples, seed=seed)
    console.print(f"table   → {result['table']}")
    console.print(f"figures → {len([p for p in result['figures'] if p.endswith('.png')])} PNG + SVG in {out_dir}/figures")
    console.print(f"report  → {result['report']}")


@main.command(name="run")
@click.argument("experiment", type=click.Path(dir_okay=False))
@click.option("--from", "from_stage", type=click.Choice(STAGES), help="Run this stage and every later one again, even if unchanged.")
@click.option("--until", type=click.Choice(STAGES), help="Stop after this stage.")
@click.option("--dry-run", is_flag=True, help="Print the plan (which stages run, which are cached, and why) and stop.")
@click.option("--set", "overrides", multiple=True, metavar="STAGE.KEY=VALUE",
              help="Override an option of the file, e.g. --set eval.limit=5 (repeatable; paths relative to here).")
@click.option("--runs-dir", default="runs", show_default=True, type=click.Path(file_okay=False), help="Run folders go to RUNS_DIR/<name>/.")
@click.option("--figures", "figures_dir", type=click.Path(file_okay=False), metavar="DIR",
              help="Also copy the report (figures, comparison.csv, report.md) into DIR.")
@user_errors
def run_command(experiment, from_stage, until, dry_run, overrides, runs_dir, figures_dir):
    """Run a whole experiment from one TOML file: data → filter → dedup → variants → train →
    eval → report (→ safety, with a [safety] table), each stage the code of its own command,
    outputs in RUNS_DIR/<name>/<stage>/.

    Unchanged stages are skipped; run it again after an interruption and it resumes
    (training from its last checkpoint).

    \b
    Example:
        ablate run examples/demo.toml
        ablate run examples/demo.toml --dry-run --set train.learning_rate=1e-4
    """
    from .pipeline import Hooks, load_experiment, plan, run_experiment

    if dry_run:
        loaded = load_experiment(experiment, runs_dir=runs_dir, overrides=overrides)
        table = Table(title=f"ablate run {experiment}: plan for {loaded.run_dir}", header_style="bold")
        for column in ("stage", "action", "why"):
            table.add_column(column)
        for step in plan(loaded, from_stage=from_stage, until=until):
            table.add_row(step.stage, step.action, step.reason)
        console.print(table)
        return
    with _run_display() as hooks:
        try:
            record = run_experiment(experiment, runs_dir=runs_dir, from_stage=from_stage, until=until,
                                    overrides=overrides, hooks=Hooks(**hooks))
        except KeyboardInterrupt:
            raise UserError("interrupted; run the same command again to resume where it stopped") from None
    run_dir = Path(runs_dir) / record["name"]
    table = Table(title=f"ablate run {record['name']}", header_style="bold")
    for column in ("stage", "", "seconds", "result"):
        table.add_column(column, justify="right" if column == "seconds" else "left")
    for stage, info in record["stages"].items():
        seconds = f"{info['seconds']:.1f}" if "seconds" in info else ""
        table.add_row(stage, info["action"], seconds, info.get("summary", info["reason"]))
    console.print(table)
    if "report" in record["stages"] and "outputs" in record["stages"]["report"]:
        outputs = record["stages"]["report"]["outputs"]
        if figures_dir:
            from .pipeline import export_report

            export_report(run_dir, figures_dir)
            console.print(f"report copied → {figures_dir}")
        console.print(f"[bold]report → {outputs['report']}   figures → {outputs['figures']}[/bold]")
        if "outputs" in record["stages"].get("safety", {}):
            console.print(f"[bold]safety → {record['stages']['safety']['outputs']['safety']}[/bold]")
    else:
        console.print(f"stopped after {list(record['stages'])[-1] if not until else until}; outputs in {run_dir}")


@contextlib.contextmanager
def _run_display():
    """Hooks for run_experiment: a line per stage, and on a terminal one stage bar plus a bar per training variant."""

    def start(step) -> None:
        note = "" if step.action == "run" and step.reason == "not run yet" else f" ({step.reason})"
        console.print(f"[bold]{step.stage}[/bold]: {'cached' if step.action == 'cached' else step.action}{note}")

    def done(step, info) -> None:
        if step.action != "cached":
            console.print(f"  {info['summary']}  [dim]{info['seconds']:.1f} s[/dim]")

    if not sys.stderr.isatty():  # a log file: a line per quarter of each variant's training
        def log_step(entry: dict) -> None:
            total = entry["total_steps"]
            if entry["step"] % max(1, total // 4) == 0 or entry["step"] == total:
                console.print(f"  training {entry['variant']}: step {entry['step']}/{total}, loss {entry['loss']:.3f}, "
                              f"{entry['tokens_per_s']:,.0f} tok/s")

        def log_stage(label: str) -> None:  # what a long stage is doing, as a line
            console.print(f"  [dim]{label}[/dim]")

        yield {"on_start": start, "on_done": done, "on_step": log_step, "on_stage": log_stage}
        return
    with _progress_bar() as progress:
        stage_task = progress.add_task("", total=None, visible=False)
        variants: dict[str, int] = {}

        def on_stage(label: str) -> None:
            progress.update(stage_task, description=label, total=None, completed=0, visible=True)

        def on_progress(done_: int, total: int) -> None:
            progress.update(stage_task, total=total, completed=done_)

        def finish(step, info) -> None:
            progress.update(stage_task, visible=False)
            for task in variants.values():
                progress.update(task, visible=False)
            done(step, info)

        yield {"on_start": start, "on_done": finish, "on_stage": on_stage, "on_progress": on_progress,
               "on_step": _variant_bars(progress, variants, "training ")}


@main.command(name="safety")
@click.argument("models", nargs=-1, required=True)
@click.option("--prompts", "prompt_files", multiple=True, required=True, metavar="[KIND:]FILE",
              help="Prompt file (CSV, JSON, JSONL, Parquet), repeatable; KIND is harmful, jailbreak or benign "
                   "(default: benign for over-refusal sets such as OKTest, else harmful).")
@click.option("-o", "--output", "out_dir", required=True, type=click.Path(file_okay=False), help="Folder for responses, rates and figures.")
@click.option("--jailbreaks", type=click.Path(dir_okay=False), help="Jailbreak templates ([INSERT PROMPT HERE]) to wrap the harmful prompts in.")
@click.option("--jailbreak-limit", type=click.IntRange(1), default=5, show_default=True, help="Use the first N templates.")
@click.option("--n", "n", type=click.IntRange(1), default=1, show_default=True, help="Samples per prompt; above 1, best-of-N is reported.")
@click.option("--max-new-tokens", type=click.IntRange(1), default=96, show_default=True)
@click.option("--temperature", type=float, default=0.8, show_default=True, help="Sampling temperature when --n > 1.")
@click.option("--limit", type=click.IntRange(1), help="First K prompts of each file.")
@click.option("--batch-size", type=click.IntRange(1), default=8, show_default=True)
@click.option("--detector", type=click.Choice(DETECTORS), default="ensemble", show_default=True, help="The refusal judge.")
@click.option("--seed", type=int, default=0, show_default=True)
@click.option("--no-chat-template", is_flag=True, help="Plain User:/Assistant: prompts instead of the chat template.")
@click.option("--no-drift", is_flag=True, help="Skip the KL drift of each model from the first.")
@click.option("--capability", type=click.Path(exists=True), help="An ablate report folder: adds the safety–capability trade-off chart.")
@click.option("--backend", type=click.Choice(["hf", "vllm"]), default="hf", show_default=True, help="Generate with transformers or vLLM (GPU).")
@click.option("--judge", metavar="MODEL", help="A refusal classifier or chat model that judges the responses too; "
                                               "its verdict then drives the figures and best-of-N.")
@click.option("--judge-label", metavar="LABEL", help="The judge classifier's label that means refusal (default: the one named like it).")
@click.option("--scorer", default="detector", show_default=True, metavar="detector|judge|MODEL",
              help="What best-of-N keeps the safest sample by; MODEL is a reward model (one output, higher is safer).")
@user_errors
def safety_command(models, prompt_files, out_dir, jailbreaks, jailbreak_limit, n, max_new_tokens, temperature, limit, batch_size,
                   detector, seed, no_chat_template, no_drift, capability, backend, judge, judge_label, scorer):
    """Safety audit: refusal rate and attack success on harmful prompts, over-refusal on benign
    ones (Wilson 95% CIs), best-of-N against the refusal detector, and KL drift from the first model.

    \b
    Example:
        ablate safety runs/x/train/aligned runs/x/train/filtered -o runs/x/safety \\
            --prompts ../shared/data/safety/advbench/harmful_behaviors.csv \\
            --prompts benign:../shared/data/safety/overrefusal/OKTest.csv --limit 50 --n 4
    """
    from .safety import SafetyConfig, audit

    config = SafetyConfig(max_new_tokens=max_new_tokens, n=n, temperature=temperature, seed=seed, batch_size=batch_size,
                          limit=limit, detector=detector, chat_template=not no_chat_template, drift=not no_drift,
                          backend=backend, judge=judge, judge_label=judge_label, scorer=scorer)
    with progress_display(False, "generating") as (on_stage, on_progress):
        summary = audit(models, prompt_files, out_dir, config=config, jailbreaks=jailbreaks, jailbreak_limit=jailbreak_limit,
                        capability=capability, on_stage=on_stage, on_progress=on_progress)
    print_safety_summary(summary)
    console.print(f"results → {out_dir}/safety.json, rates.csv, responses.jsonl, figures/")


def print_safety_summary(summary: dict) -> None:
    judges = list(dict.fromkeys(r["judge"] for r in summary["rates"]))
    table = Table(title="ablate safety", header_style="bold")
    columns = ("model", "prompts", "metric") + (("judge",) if len(judges) > 1 else ()) + ("rate", "95% CI", "n")
    for column in columns:
        table.add_column(column, justify="left" if column in ("model", "prompts", "metric", "judge") else "right")
    for r in summary["rates"]:
        table.add_row(r["model"], r["kind"], r["metric"], *((r["judge"],) if len(judges) > 1 else ()),
                      f"{r['value']:.3f}", f"[{r['low']:.3f}, {r['high']:.3f}]", str(r["n"]))
    console.print(table)
    if summary.get("judge_agreement"):
        a = summary["judge_agreement"]
        console.print(f"{summary['judge']} agrees with the detector on {a['agreement']:.1%} of {a['n']} responses (kappa {a['kappa']:.2f})")
    for r in summary["best_of_n"]:
        if r["n"] > 1 and r["n"] == max(b["n"] for b in summary["best_of_n"]):
            console.print(f"best-of-{r['n']} ({r['model']}, {r['kind']}): ASR {r['attack_success_rate']:.3f}, "
                          f"{r['relative_reduction']:.1%} below N=1")
    for name, kl in summary["drift"].items():
        console.print(f"drift of {name} from {summary['models'][0]}: mean per-token KL {kl:.4f}")


class _ReviewGroup(click.Group):
    """`ablate review FILE` serves the page; `ablate review export|stats` work on the database."""

    def parse_args(self, ctx, args):
        if args and args[0] not in self.commands and not args[0].startswith("-"):
            args = ["serve", *args]
        return super().parse_args(ctx, args)


@main.group(name="review", cls=_ReviewGroup)
def review_group() -> None:
    """Review flagged rows in the browser, then feed the decisions back into the filter.

    \b
    Example:
        ablate filter data.jsonl -o flagged.jsonl --refusals keep
        ablate review flagged.jsonl --db review.sqlite
        ablate review export --db review.sqlite -o overrides.jsonl
        ablate filter data.jsonl -o clean.jsonl --overrides overrides.jsonl
    """


def _default_reviewer() -> str:
    import getpass

    try:
        return getpass.getuser()
    except Exception:  # no user name in this environment
        return "reviewer"


@review_group.command(name="serve")
@click.argument("flagged", type=click.Path(dir_okay=False))
@click.option("--db", default=None, type=click.Path(dir_okay=False), help="SQLite file for the decisions. [default: <FLAGGED stem>.review.sqlite beside it]")
@click.option("--port", type=click.IntRange(0, 65535), default=0, show_default=True, help="Port on 127.0.0.1 (0: any free one).")
@click.option("--reviewer", default=None, help="Name stored with each decision. [default: your user name]")
@click.option("--only-flagged", is_flag=True, help="Leave out rows that no detector flagged.")
@user_errors
def review_serve_command(flagged, db, port, reviewer, only_flagged):
    """Serve the review page for FLAGGED (the output of ablate filter --refusals keep or only) on 127.0.0.1.

    Keys: j/k next/previous, r refusal, n not a refusal, s skip, u undo, c comment.

    \b
    Example:
        ablate review flagged.jsonl --db review.sqlite
    """
    from .review import serve

    path = Path(flagged)
    db = db or str(path.with_name(path.name.split(".")[0] + ".review.sqlite"))

    def ready(url: str, rows: int) -> None:
        console.print(f"reviewing {rows:,} rows of {flagged}; decisions → {db}")
        console.print(f"[bold]open {url}[/bold]   (Ctrl-C stops the server; decisions are saved as you go)")

    serve(flagged, db=db, reviewer=reviewer or _default_reviewer(), port=port, on_ready=ready, only_flagged=only_flagged)


def _open_store(db: str):
    from .review import ReviewStore

    if not Path(db).exists():
        raise UserError(f"{db}: no such review database")
    return ReviewStore(db)


@review_group.command(name="export")
@click.option("--db", required=True, type=click.Path(dir_okay=False), help="The review database.")
@click.option("-o", "--output", required=True, type=click.Path(dir_okay=False), help="Overrides file (JSONL) for ablate filter --overrides.")
@user_errors
def review_export_command(db, output):
    """Write the reviewers' standing decisions (refusal / not a refusal; skips are left out) as overrides.

    \b
    Example:
        ablate review export --db review.sqlite -o overrides.jsonl
    """
    count = _open_store(db).export(output)
    console.print(f"{count:,} decisions → {output}   (use: ablate filter ... --overrides {output})")


@review_group.command(name="stats")
@click.option("--db", required=True, type=click.Path(dir_okay=False), help="The review database.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of a table.")
@user_errors
def review_stats_command(db, as_json):
    """Agreement between the detector and the reviewers, overall and per rule pack: which packs misfire.

    \b
    Example:
        ablate review stats --db review.sqlite
    """
    import json

    stats = _open_store(db).stats()
    if as_json:
        click.echo(json.dumps(stats, indent=2))
        return
    table = Table(title=f"detector vs reviewers ({db})", header_style="bold")
    for column in ("pack", "reviewed", "agreement", "kappa", "precision", "recall", "false flags", "missed"):
        table.add_column(column, justify="left" if column == "pack" else "right")

    def cells(name: str, s: dict) -> list[str]:
        fmt = lambda x: "–" if x is None else f"{x:.2f}"  # noqa: E731
        return [name, str(s["reviewed"]), fmt(s["agreement"]), fmt(s["kappa"]), fmt(s["detector_precision"]),
                fmt(s["detector_recall"]), str(s["false_flags"]), str(s["missed"])]

    for pack, s in stats["by_pack"].items():
        table.add_row(*cells(pack, s))
    table.add_row(*cells("all", stats["overall"]), style="bold")
    console.print(table)


@main.command(name="detect-eval")
@click.argument("labelled", type=click.Path(dir_okay=False))
@click.option("--detector", "detectors", type=click.Choice(DETECTORS), multiple=True,
              help="Detector(s) to score, repeatable. [default: rules, embedding and ensemble, side by side]")
@click.option("--filters", "filters", multiple=True, metavar="PACK", help="Rule packs, as for ablate filter.")
@click.option("--label", default="refusal", show_default=True, help="Label column: true/false, 1/0 or refusal/compliance.")
@click.option("--split", help="Score only rows whose 'split' column has this value (e.g. test).")
@click.option("--by", "by", multiple=True, metavar="COLUMN", help="Break down by this column. [default: every short categorical column]")
@click.option("--embedding-model", metavar="MODEL", help="sentence-transformers model: a local folder or a name.")
@click.option("--errors", "errors_dir", type=click.Path(file_okay=False), help="Folder for the misclassified rows. [default: next to the input]")
@click.option("--calibrate", is_flag=True, help="Also sweep the embedding threshold and print the F1-best one.")
@click.option("--report", type=click.Path(dir_okay=False), help="Write all metrics to this JSON file.")
@user_errors
def detect_eval_command(labelled, detectors, filters, label, split, by, embedding_model, errors_dir, calibrate, report):
    """Score refusal detectors against human labels: precision, recall, F1, confusion matrix,
    a breakdown by column, and the misclassified rows written out for inspection.

    \b
    Example:
        ablate detect-eval tests/data/refusal_dev.jsonl --split test
    """
    import json

    from .detect.evaluate import evaluate
    from .io import write_bytes_atomic

    results = []
    stem = Path(labelled).name.split(".")[0]
    folder = Path(errors_dir) if errors_dir else Path(labelled).parent
    for detector in detectors or DETECTORS:
        errors = folder / f"{stem}.{detector}.misclassified.jsonl"
        with progress_display(False) as (_stage, on_progress):
            results.append(evaluate(labelled, detector=detector, filters=filters, label=label, split=split,
                                    by=list(by) or None, embedding_model=embedding_model, errors=errors,
                                    calibrate=calibrate, progress=on_progress))
    table = Table(title=f"detect-eval {labelled}" + (f" (split {split})" if split else ""), header_style="bold")
    for column in ("detector", "rows", "refusals", "precision", "recall", "F1", "TP", "FP", "FN", "TN", "embedded"):
        table.add_column(column, justify="left" if column == "detector" else "right")
    for r in results:
        m = r.overall
        table.add_row(r.detector, str(m.n), str(m.tp + m.fn), f"{m.precision:.3f}", f"{m.recall:.3f}", f"{m.f1:.3f}",
                      str(m.tp), str(m.fp), str(m.fn), str(m.tn), str(r.embedded))
    console.print(table)
    for column in results[0].by_column:
        breakdown = Table(title=f"by {column}: F1 (recall)", header_style="bold")
        breakdown.add_column(column)
        breakdown.add_column("rows", justify="right")
        for r in results:
            breakdown.add_column(r.detector, justify="right")
        for value in results[0].by_column[column]:
            cells = []
            for r in results:
                m = r.by_column[column][value]
                cells.append(f"{m.f1:.2f} ({m.recall:.2f})" if m.tp + m.fn else f"no refusals, {m.fp} FP")
            breakdown.add_row(value, str(results[0].by_column[column][value].n), *cells)
        console.print(breakdown)
    for r in results:
        console.print(f"misclassified ({r.detector}) → {r.errors_path}")
        if r.calibration:
            best = r.calibration["best"]
            console.print(f"calibration ({r.detector}): threshold {best['threshold']} gives F1 {best['f1']:.3f} "
                          f"(pack {r.calibration['pack']} has {r.calibration['current_threshold']})")
    if report:
        write_bytes_atomic(Path(report), (json.dumps([r.to_dict() for r in results], indent=2) + "\n").encode())
        console.print(f"report → {report}")


if __name__ == "__main__":
    main()
