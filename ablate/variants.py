"""Matched dataset variants: the same data with and without its refusals, and the controls.

The alignment-tax comparison is causal only if the variants differ in nothing but their refusals.
Removing refusals also shrinks the data, so `random-control` removes the same number of
non-refusal rows at random (size effect vs content effect), and the dose variants hold the total
fixed (rows, or tokens with `match="tokens"`) while the refusal share moves from 0 to 100% of
what the data holds.

Input: a dataset flagged by `ablate filter --refusals keep` (it has a boolean `refusal` column);
an unflagged dataset is flagged first, with the default detector. Each variant is written in the
input's own format to `<out>/<variant>/data.<ext>` with a `manifest.json` (row, refusal and token
counts, the seed, sha256 of input and output), and `<out>/variants.json` lists them all.
"""

from __future__ import annotations

import json
import random
from dataclasses import asdict, dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Literal, Sequence

import polars as pl

from . import __version__
from .detect.packs import CATEGORIES, REFUSAL_CATEGORIES
from .errors import ConfigError, InputError
from .filtering import FilterConfig, filter_dataset, load_input
from .io import LINE, container_of, file_sha256, write_bytes_atomic, write_table
from .records import assistant_turns

VARIANTS = ("aligned", "filtered", "random-control")


@dataclass(frozen=True)
class VariantsConfig:
    """Every option of `ablate variants`, with the same names as the CLI flags and the TOML keys."""

    seed: int = 0
    doses: tuple[int, ...] = ()  # refusal share, in % of the refusals the data holds, at equal size (e.g. 0,25,50,75,100)
    match: Literal["rows", "tokens"] = "rows"  # what the controls hold equal
    max_rows: int | None = None  # draw this many rows first (same draw for every variant), for small runs
    format: str | None = None
    categories: tuple[str, ...] = REFUSAL_CATEGORIES  # what counts as a refusal (all four: the strict cleaning)

    def __post_init__(self) -> None:
        unknown = [c for c in self.categories if c not in CATEGORIES]
        if unknown or not self.categories:
            raise ConfigError(f"unknown categories {', '.join(unknown) or '(none given)'}; choose from {', '.join(CATEGORIES)}")
        if self.match not in ("rows", "tokens"):
            raise ConfigError(f"match must be rows or tokens, not {self.match!r}")
        bad = [d for d in self.doses if not 0 <= d <= 100]
        if bad:
            raise ConfigError(f"doses are percentages between 0 and 100, not {bad}")
        if self.max_rows is not None and self.max_rows < 2:
            raise ConfigError("max_rows must be at least 2")


def _tokens(frame: pl.DataFrame, fmt) -> list[int]:
    """Per row: whitespace tokens of every message (a tokenizer-free proxy; `ablate train` records real token counts)."""
    turns = assistant_turns(frame, fmt, row="_vrow")
    counts = turns.group_by("_vrow").agg(
        (pl.col("content").fill_null("").str.count_matches(r"\S+") + pl.col("prompt").fill_null("").str.count_matches(r"\S+"))
        .sum().alias("n"))
    joined = frame.select("_vrow").join(counts, on="_vrow", how="left", maintain_order="left")
    return joined["n"].fill_null(0).to_list()


def _take(pool: list[int], tokens: list[int], target: int) -> list[int]:
    """Rows from the (shuffled) pool, in order, until their tokens reach `target`."""
    chosen, total = [], 0
    for row in pool:
        if total >= target:
            break
        chosen.append(row)
        total += tokens[row]
    return chosen


def build_variants(input: str | Path, out_dir: str | Path, *, config: VariantsConfig | None = None, **options) -> dict:
    """Write the matched variants of one dataset; returns the contents of `variants.json`.

    Example:
        >>> ablate.build_variants("flagged.jsonl", "runs/x/variants", doses=(0, 50, 100))
    """
    if config is None:
        config = VariantsConfig(**{k: tuple(v) if isinstance(v, list) else v for k, v in options.items()})
    elif options:
        raise ConfigError("pass either config= or keyword options, not both")
    source, out = Path(input), Path(out_dir)
    if not source.exists():
        raise InputError(f"{source}: no such file")
    container, gz = container_of(source)
    loaded = load_input(source, FilterConfig(format=config.format), 0)
    flagged_by = "input"
    if "refusal" not in loaded.table.frame.columns:
        flagged = out / f"flagged{''.join(source.suffixes)}"
        filter_dataset(source, flagged, refusals="keep", format=config.format)
        loaded = load_input(flagged, FilterConfig(format=config.format), 0)
        flagged_by = f"ablate filter (default detector) → {flagged}"
    # load_input sets earlier flags aside; take them from the table as read. The aligned_category
    # column (written by ablate filter) decides when present, so `categories` can widen what is removed
    columns = loaded.table.frame.columns
    if "aligned_category" in columns:
        flag = pl.col("aligned_category").is_in(list(config.categories))
    elif set(config.categories) != set(REFUSAL_CATEGORIES):
        raise InputError(f"{source}: no aligned_category column, so categories other than the refusal ones cannot be told "
                         "apart; flag it with ablate filter --refusals keep")
    else:
        flag = pl.col("refusal")
    flags = loaded.table.frame.select(LINE, flag.alias("_refusal"))
    frame = loaded.frame.join(flags, on=LINE, how="left", maintain_order="left")
    if frame["_refusal"].dtype != pl.Boolean:
        raise InputError(f"{source}: the refusal column must be true/false, got {frame['_refusal'].dtype}")
    frame = frame.with_columns(pl.col("_refusal").fill_null(False), pl.int_range(pl.len()).alias("_vrow"))

    rng = random.Random(config.seed)
    refusal_flags = frame["_refusal"].to_list()
    everything = list(range(frame.height))
    refusals = [r for r in everything if refusal_flags[r]]
    compliant = [r for r in everything if not refusal_flags[r]]
    if config.max_rows is not None and config.max_rows < frame.height:
        # a stratified draw keeps the refusal share of the full data
        k = min(round(config.max_rows * len(refusals) / frame.height), len(refusals))
        refusals, compliant = sorted(rng.sample(refusals, k)), sorted(rng.sample(compliant, config.max_rows - k))
        everything = sorted(refusals + compliant)
    if not refusals:
        raise InputError(f"{source}: no refusals flagged, so every variant would be the same data")
    if len(compliant) <= len(refusals):
        raise InputError(f"{source}: {len(refusals)} refusals but only {len(compliant)} other rows; "
                         "the size-matched controls need more non-refusal rows than refusals")
    tokens = _tokens(frame, loaded.fmt)

    shuffled_compliant = compliant[:]
    rng.shuffle(shuffled_compliant)
    shuffled_refusals = refusals[:]
    rng.shuffle(shuffled_refusals)
    chosen: dict[str, list[int]] = {"aligned": everything, "filtered": compliant}
    filtered_tokens = sum(tokens[r] for r in compliant)
    if config.match == "rows":
        chosen["random-control"] = shuffled_compliant[len(refusals):] + refusals
    else:  # drop random non-refusal rows until the tokens match what filtering removed
        keep = _take(shuffled_compliant, tokens, filtered_tokens - sum(tokens[r] for r in refusals))
        chosen["random-control"] = keep + refusals
    for dose in config.doses:
        with_refusals = shuffled_refusals[: round(len(refusals) * dose / 100)]
        if config.match == "rows":
            fill = shuffled_compliant[: len(compliant) - len(with_refusals)]
        else:
            fill = _take(shuffled_compliant, tokens, filtered_tokens - sum(tokens[r] for r in with_refusals))
        chosen[f"dose-{dose:03d}"] = with_refusals + fill

    ext = "".join(Path(source.name).suffixes[-2:] if gz else Path(source.name).suffixes[-1:])
    input_sha = loaded.table.sha256
    summary = {"stage": "variants", "ablate_version": __version__, "input": str(source), "input_sha256": input_sha,
               "flagged_by": flagged_by, "config": {k: list(v) if isinstance(v, tuple) else v for k, v in asdict(config).items()},
               "created": datetime.now(timezone.utc).isoformat(timespec="seconds"), "variants": {}}
    originals = [c for c in loaded.table.frame.columns if c != LINE]
    for name, rows in chosen.items():
        rows = sorted(rows)  # keep the input's order
        lines = frame.filter(pl.col("_vrow").is_in(rows))[LINE]
        subset = loaded.table.frame.filter(pl.col(LINE).is_in(lines.implode()))
        path = write_table(subset.select(originals), out / name / f"data{ext}")
        n_refusals = sum(refusal_flags[r] for r in rows)
        manifest = {"variant": name, "rows": len(rows), "refusals": n_refusals,
                    "refusal_share": round(n_refusals / len(rows), 4) if rows else 0.0,
                    "tokens": sum(tokens[r] for r in rows), "token_unit": "whitespace words",
                    "seed": config.seed, "match": config.match, "input": str(source), "input_sha256": input_sha,
                    "data": str(path), "data_sha256": file_sha256(path), "format": loaded.fmt.name}
        write_bytes_atomic(out / name / "manifest.json", (json.dumps(manifest, indent=2) + "\n").encode())
        summary["variants"][name] = manifest
    write_bytes_atomic(out / "variants.json", (json.dumps(summary, indent=2) + "\n").encode())
    return summary


__all__ = ["VARIANTS", "VariantsConfig", "build_variants"]
