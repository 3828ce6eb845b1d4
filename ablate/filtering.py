"""The filter stage: find refusal-style responses and drop, keep (annotated) or isolate them.

`filter_dataset` is the Python API behind `ablate filter`. Nothing is lost: every input row
ends up kept (possibly with refusing turns cut out), removed (written to the `.removed` side
file with its reason) or rejected (bad input, written to the `.rejects` side file), and
`rows in = kept + removed + rejected` is checked before anything is written.
"""

from __future__ import annotations

import time
from dataclasses import asdict, dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Callable, Literal, Sequence

import polars as pl

from . import __version__
from .detect.embedding import DEFAULT_MODEL
from .detect.ensemble import DETECTORS, detect, packs_for
from .detect.packs import CATEGORIES, REFUSAL_CATEGORIES, RulePack
from .detect.rules import CATEGORY_RANK
from .dataset import row_ids
from .errors import ConfigError, InputError
from .io import LINE, BadRow, RawTable, container_of, read_table, write_jsonl_records, write_table
from .overrides import apply_overrides, read_overrides
from .records import BAD, MESSAGES, Format, assistant_turns, bad_row_reasons, canonical_expr, convert, detect_format, keep_turns

Policy = Literal["drop", "keep", "only"]
Turns = Literal["conversation", "truncate", "turn"]
FLAG_COLUMNS = ("refusal", "aligned_category", "refusal_score", "refusal_reason")
ROW = "_row"  # unique row number across all inputs
ACTION, SOURCE = "ablate_action", "ablate_source"  # side-file columns: what happened to a row, and where it came from
INTERNAL = {ROW, LINE, BAD, MESSAGES, "_act", "_act_turns", "_packs", "_embedded"}


@dataclass(frozen=True)
class FilterConfig:
    """Every option of `ablate filter`, with the same names as the CLI flags and the TOML keys."""

    refusals: Policy = "drop"  # drop: remove refusals; keep: annotate all; only: keep just the refusals
    filters: tuple[str, ...] = ()  # rule packs: built-in names, YAML paths or folders (empty: all built-in)
    turns: Turns = "conversation"  # multi-turn: drop the conversation, truncate before the refusal, or cut the refusing exchange
    categories: tuple[str, ...] = REFUSAL_CATEGORIES  # categories the policy acts on
    format: str | None = None  # force the input format instead of detecting it
    output_format: str | None = None  # write another format than the input's
    on_bad_row: Literal["error", "skip"] = "error"  # skip: set bad rows aside in the rejects file
    annotate: bool | None = None  # add the refusal columns to kept rows (default: for keep and only, not for drop)
    detector: str = "ensemble"  # rules | embedding | ensemble (rules, then embeddings where they can change the verdict)
    embedding_model: str | None = None  # a sentence-transformers model (local folder or name); default: the pack's
    overrides: str | None = None  # JSONL of human decisions (ablate review export) that replace the detector's

    def __post_init__(self) -> None:
        if self.refusals not in ("drop", "keep", "only"):
            raise ConfigError(f"refusals must be drop, keep or only, not {self.refusals!r}")
        if self.turns not in ("conversation", "truncate", "turn"):
            raise ConfigError(f"turns must be conversation, truncate or turn, not {self.turns!r}")
        if self.detector not in DETECTORS:
            raise ConfigError(f"detector must be one of {', '.join(DETECTORS)}, not {self.detector!r}")
        if self.on_bad_row not in ("error", "skip"):
            raise ConfigError(f"on_bad_row must be error or skip, not {self.on_bad_row!r}")
        if self.annotate is None:
            # a dropped-refusals file is training data: keep it in exactly the input's schema
            object.__setattr__(self, "annotate", self.refusals != "drop")
        unknown = [c for c in self.categories if c not in CATEGORIES]
        if unknown or not self.categories:
            raise ConfigError(f"unknown categor{'y' if len(unknown) == 1 else 'ies'} {', '.join(unknown) or '(none given)'}; "
                              f"choose from {', '.join(CATEGORIES)} or 'all'")


@dataclass
class FilterReport:
    """What a filter run did; `to_dict()` is what goes into the report JSON."""

    config: FilterConfig
    inputs: list[dict]
    outputs: dict[str, str | None]
    counts: dict[str, int]
    categories: dict[str, int]
    packs: dict[str, dict]
    languages: dict[str, int]  # rows hit per pack language (a row can count in two)
    detector: dict  # which detector ran, the embedding model, how many response openings were embedded
    rejects_by_reason: dict[str, int]
    timings: dict[str, float]
    created: str = field(default_factory=lambda: datetime.now(timezone.utc).isoformat(timespec="seconds"))

    def to_dict(self) -> dict:
        data = asdict(self)
        data["config"] = {k: list(v) if isinstance(v, tuple) else v for k, v in asdict(self.config).items()}
        return {"stage": "filter", "ablate_version": __version__, "polars_version": pl.__version__, **data}


def side_paths(output: Path) -> dict[str, Path]:
    """The files written next to OUTPUT: `<stem>.removed<ext>`, `<stem>.rejects.jsonl`, `<stem>.report.json`."""
    name = output.name
    stem, ext = (name[: -len(".gz")], ".gz") if name.endswith(".gz") else (name, "")
    base, suffix = (stem.rsplit(".", 1) + [""])[:2]
    folder = output.parent
    return {"removed": folder / f"{base}.removed.{suffix}{ext}",
            "rejects": folder / f"{base}.rejects.jsonl",
            "report": folder / f"{base}.report.json"}


# --------------------------------------------------------------------------- per file


@dataclass
class _Loaded:
    table: RawTable
    fmt: Format
    frame: pl.DataFrame  # good rows: original columns + internal ones
    rejects: list[BadRow]


def load_input(path: Path, config: FilterConfig, first_row: int) -> _Loaded:
    table = read_table(path, config.on_bad_row)
    if table.frame.height == 0 and not table.bad:
        raise InputError(f"{path}: the file holds no rows")
    return prepare_table(table, config, first_row)


def prepare_table(table: RawTable, config: FilterConfig, first_row: int, keep_flags: bool = False) -> _Loaded:
    """A table as read → its format, good rows (numbered from first_row) with internal columns, and rejects.

    Refusal flags of an earlier filter run are dropped (filtering replaces them) unless keep_flags."""
    path = table.path
    reserved = sorted(INTERNAL & set(table.frame.columns) - {LINE})
    if reserved:
        raise InputError(f"{path}: column(s) {', '.join(reserved)} are reserved by ablate; rename them")
    fmt = detect_format([c for c in table.frame.columns if c != LINE], config.format, where=str(path))
    frame = table.frame.with_columns(
        (pl.int_range(pl.len(), dtype=pl.Int64) + first_row).alias(ROW),
        bad_row_reasons(table.frame, fmt, str(path)).alias(BAD))
    bad = frame.filter(pl.col(BAD).is_not_null())
    rejects = list(table.bad)
    if bad.height:
        first = bad.row(0, named=True)
        if config.on_bad_row == "error":
            raise InputError(f"{table.where(first[LINE])}: {first[BAD]} (pass --on-bad-row skip to set such rows aside)")
        originals = bad.drop(ROW, BAD, LINE).to_dicts()
        rejects += [BadRow(table.where(line), reason, raw)
                    for line, reason, raw in zip(bad[LINE].to_list(), bad[BAD].to_list(), originals)]
        frame = frame.filter(pl.col(BAD).is_null())
    # flags from an earlier run are replaced, not duplicated
    frame = frame.drop(BAD, *[c for c in FLAG_COLUMNS if c in frame.columns and not keep_flags])
    if fmt.multi_turn:
        frame = frame.with_columns(canonical_expr(fmt).alias(MESSAGES))
    return _Loaded(table, fmt, frame, rejects)


def judge_turns(loaded: _Loaded, packs: Sequence[RulePack], config: FilterConfig,
           progress: Callable[[int, int], None] | None = None) -> pl.DataFrame:
    """Per assistant turn: the detector's verdict and whether the policy acts on it."""
    turns = assistant_turns(loaded.frame, loaded.fmt, row=ROW)
    judged = detect(turns, packs, text="content", detector=config.detector, model=config.embedding_model, progress=progress)
    acted = list(config.categories)
    return judged.drop("content", "prompt").with_columns(pl.col("aligned_category").is_in(acted).fill_null(False).alias("_act"))


def _per_row(judged: pl.DataFrame, multi_turn: bool) -> pl.DataFrame:
    """Collapse turn verdicts to one per row: the highest-ranked category wins, the score is the max."""
    if not multi_turn:  # one assistant turn per row, already in row order
        return judged.select(
            ROW, "aligned_category", "refusal_score", "refusal_reason",
            pl.col("aligned_category").is_in(list(REFUSAL_CATEGORIES)).fill_null(False).alias("refusal"),
            "_act", pl.when("_act").then(pl.concat_list("_turn")).alias("_act_turns"),
            pl.col("refusal_packs").alias("_packs"), pl.col("refusal_embedded").alias("_embedded"))
    ranked = judged.with_columns(pl.col("aligned_category").replace_strict(CATEGORY_RANK, default=0, return_dtype=pl.Int32).alias("_rank"))
    reason = pl.when(pl.col("refusal_reason").is_not_null()).then(pl.format("turn {}: {}", pl.col("_turn"), pl.col("refusal_reason")))
    return (ranked.sort([ROW, "_rank", "refusal_score", "_turn"], descending=[False, True, True, False])
            .group_by(ROW, maintain_order=True)
            .agg(pl.col("aligned_category").first(),
                 pl.col("refusal_score").max(),
                 reason.first().alias("refusal_reason"),
                 pl.col("aligned_category").is_in(list(REFUSAL_CATEGORIES)).any().alias("refusal"),
                 pl.col("_act").any(),
                 pl.col("_turn").filter(pl.col("_act")).alias("_act_turns"),
                 pl.col("refusal_packs").list.explode().drop_nulls().unique().alias("_packs"),
                 pl.col("refusal_embedded").any().alias("_embedded")))


def _override(rows: pl.DataFrame, judged: pl.DataFrame, item: _Loaded, overrides: dict[str, dict],
              config: FilterConfig) -> tuple[pl.DataFrame, int]:
    """Human decisions (by row id) over the detector's verdicts."""
    ids = item.frame.select(ROW, row_ids(item.frame, item.fmt))
    first = judged.group_by(ROW).agg(pl.col("_turn").min().alias("_first"))
    keyed = rows.select(ROW).join(ids, on=ROW, how="left", maintain_order="left").join(first, on=ROW, how="left", maintain_order="left")
    return apply_overrides(rows, keyed["id"], overrides, config.categories, keyed["_first"])


def _kept_turns(messages: list[dict], refusing: list[int], mode: Turns) -> list[int]:
    """Indices of the messages that survive cutting the refusing assistant turns out of a conversation."""
    refusing = sorted(refusing)

    def exchange_start(turn: int) -> int:  # the refusal and the user turn that asked for it go together
        return turn - 1 if turn > 0 and messages[turn - 1]["role"] == "user" else turn

    if mode == "truncate":
        return list(range(exchange_start(refusing[0])))
    dropped = set()
    for turn in refusing:
        dropped.update(range(exchange_start(turn), turn + 1))
    return [i for i in range(len(messages)) if i not in dropped]


def _apply_policy(loaded: _Loaded, rows: pl.DataFrame, config: FilterConfig) -> tuple[pl.DataFrame, pl.DataFrame, int]:
    """Split one file's rows into kept and removed; returns (kept, removed, modified count)."""
    if loaded.fmt.multi_turn:
        frame = loaded.frame.join(rows, on=ROW, how="left")
    else:  # one verdict per row, in the same order: no join needed
        frame = loaded.frame.hstack(rows.drop(ROW))
    act = pl.col("_act")
    if config.refusals == "keep":
        return frame, frame.clear().with_columns(pl.lit(None, pl.String).alias(ACTION)), 0
    if config.refusals == "only":
        return frame.filter(act), frame.filter(~act).with_columns(pl.lit("not flagged").alias(ACTION)), 0
    if config.turns == "conversation" or not loaded.fmt.multi_turn:
        return frame.filter(~act), frame.filter(act).with_columns(pl.lit("dropped").alias(ACTION)), 0
    flagged = frame.filter(act)
    edits: dict[int, list[int]] = {}
    emptied: list[int] = []
    for row, messages, turns in zip(flagged[ROW].to_list(), flagged[MESSAGES].to_list(), flagged["_act_turns"].to_list()):
        survivors = _kept_turns(messages, turns, config.turns)
        if any(messages[i]["role"] == "assistant" for i in survivors):
            edits[row] = survivors
        else:
            emptied.append(row)
    label = "truncated" if config.turns == "truncate" else "turns removed"
    removed = flagged.with_columns(pl.when(pl.col(ROW).is_in(emptied)).then(pl.lit("dropped")).otherwise(pl.lit(label)).alias(ACTION))
    kept = keep_turns(frame.filter(~pl.col(ROW).is_in(emptied)), loaded.fmt, edits, row=ROW)
    return kept, removed, len(edits)


# --------------------------------------------------------------------------- the stage


def _finish(frame: pl.DataFrame, annotate: bool, extra: Sequence[str] = ()) -> pl.DataFrame:
    flags = [pl.col("refusal").fill_null(False), pl.col("aligned_category"),
             pl.col("refusal_score").fill_null(0.0), pl.col("refusal_reason")] if annotate else []
    originals = [c for c in frame.columns if c not in INTERNAL and c not in FLAG_COLUMNS and c not in extra]
    return frame.select(*originals, *flags, *extra)


def stage_arguments(config_type, config, options: dict, inputs, output) -> tuple:
    """Check a stage's common arguments: (config built from options if not given, input paths, output path)."""
    if config is None:
        config = config_type(**{k: tuple(v) if isinstance(v, list) else v for k, v in options.items()})
    elif options:
        raise ConfigError("pass either config= or keyword options, not both")
    paths = [Path(p) for p in ([inputs] if isinstance(inputs, (str, Path)) else inputs)]
    if not paths:
        raise ConfigError("no input files given")
    output = Path(output)
    container_of(output)  # fail on an unknown output type before doing any work
    if output.resolve() in {p.resolve() for p in paths}:
        raise ConfigError(f"{output}: output would overwrite an input; choose another path")
    return config, paths, output


def input_info(item: _Loaded) -> dict:
    """What a report says about one input file."""
    return {"path": str(item.table.path), "sha256": item.table.sha256, "container": item.table.container,
            "format": item.fmt.name, "rows": item.table.frame.height + len(item.table.bad)}


def filter_dataset(
    inputs: Sequence[str | Path] | str | Path,
    output: str | Path,
    *,
    config: FilterConfig | None = None,
    report: str | Path | None = None,
    on_stage: Callable[[str], None] | None = None,
    on_progress: Callable[[int, int], None] | None = None,
    **options,
) -> FilterReport:
    """Filter refusal-style responses out of (or into) instruction data.

    Args:
        inputs: one or more data files (JSONL, JSON, Parquet, CSV; optionally .gz).
        output: where the kept rows go; its extension picks the container.
        config: a `FilterConfig`; or pass its fields as keyword options (`refusals="keep"`).
        report: path of the JSON report (default: `<output stem>.report.json`).
        on_stage: called with a short label as each stage starts (for progress display).
        on_progress: called with (done, total) as the embedding detector works through rows.

    Example:
        >>> ablate.filter_dataset("data.jsonl", "clean.jsonl", refusals="drop")
    """
    config, paths, output = stage_arguments(FilterConfig, config, options, inputs, output)
    sides = side_paths(output)
    report_path = Path(report) if report else sides["report"]
    stage = on_stage or (lambda label: None)
    timings: dict[str, float] = {}
    started = time.perf_counter()

    stage("loading rule packs")
    packs = packs_for(config.detector, config.filters)
    overrides = read_overrides(config.overrides) if config.overrides else {}

    loaded: list[_Loaded] = []
    next_row = 0
    for path in paths:
        stage(f"reading {path}")
        item = load_input(path, config, next_row)
        next_row += item.table.frame.height
        loaded.append(item)
    formats = {item.fmt.name for item in loaded}
    if len(formats) > 1 and config.output_format is None:
        listing = ", ".join(f"{i.table.path}: {i.fmt.name}" for i in loaded)
        raise ConfigError(f"inputs have different formats ({listing}); pass --output-format to write them into one file")
    timings["read"] = time.perf_counter() - started

    stage("detecting refusals")
    mark = time.perf_counter()
    kept_parts, removed_parts, rejects, inputs_info = [], [], [], []
    modified = 0
    category_counts = {c: 0 for c in CATEGORIES}
    pack_rows = {p.name: 0 for p in packs}
    embedded = overridden = 0
    for item in loaded:
        judged = judge_turns(item, packs, config, on_progress)
        rows = _per_row(judged, item.fmt.multi_turn)
        if overrides:
            rows, count = _override(rows, judged, item, overrides, config)
            overridden += count
        embedded += int(rows["_embedded"].sum())
        for name, count in rows.select(pl.col("_packs").explode().drop_nulls().value_counts()).unnest("_packs").iter_rows():
            pack_rows[name] += count
        for name, count in rows.group_by("aligned_category").len().drop_nulls().iter_rows():
            category_counts[name] += count
        kept, removed, changed = _apply_policy(item, rows, config)
        modified += changed
        if config.output_format:
            kept = _convert(kept, item, config.output_format, rejects, config.on_bad_row)
        kept_parts.append(_finish(kept, config.annotate))
        sources = pl.Series(SOURCE, [item.table.where(line) for line in removed[LINE].to_list()], dtype=pl.String)
        removed_parts.append(_finish(removed.with_columns(sources), True, extra=(ACTION, SOURCE)))
        rejects.extend(item.rejects)
        inputs_info.append(input_info(item))
    timings["detect"] = time.perf_counter() - mark
    languages: dict[str, int] = {}
    for pack in packs:
        if pack_rows[pack.name]:
            languages[pack.language] = languages.get(pack.language, 0) + pack_rows[pack.name]

    kept_all = pl.concat(kept_parts, how="diagonal_relaxed")
    removed_all = pl.concat(removed_parts, how="diagonal_relaxed")
    counts = {"rows_in": sum(i["rows"] for i in inputs_info), "kept": kept_all.height, "modified": modified,
              "removed": removed_all.height - modified, "rejected": len(rejects), "overridden": overridden}
    if counts["rows_in"] != counts["kept"] + counts["removed"] + counts["rejected"]:
        raise RuntimeError(f"row counts do not reconcile: {counts}; this is a bug in ablate, please report it")

    stage(f"writing {output}")
    mark = time.perf_counter()
    write_table(kept_all, output)
    outputs: dict[str, str | None] = {"kept": str(output), "removed": None, "rejects": None, "report": str(report_path)}
    if removed_all.height:
        outputs["removed"] = str(write_table(removed_all, sides["removed"]))
    if rejects:
        outputs["rejects"] = str(write_jsonl_records([r.to_dict() for r in rejects], sides["rejects"]))
    for key in ("removed", "rejects"):  # a side file left by an earlier run would now be misleading
        if outputs[key] is None:
            sides[key].unlink(missing_ok=True)
    timings["write"] = time.perf_counter() - mark
    timings["total"] = time.perf_counter() - started

    by_reason: dict[str, int] = {}
    for bad in rejects:  # "invalid JSON (Expecting ',' at column 7)" counts as "invalid JSON"
        head = bad.reason.split(" (")[0]
        by_reason[head] = by_reason.get(head, 0) + 1
    result = FilterReport(
        config=config, inputs=inputs_info, outputs=outputs, counts=counts, categories=category_counts,
        packs={p.name: {"rows_hit": pack_rows[p.name], "category": p.category, "version": p.version,
                        "language": p.language, "path": str(p.path) if p.path else None} for p in packs},
        languages=languages,
        detector={"name": config.detector, "embedded": embedded,
                  "model": None if config.detector == "rules" else (config.embedding_model or _pack_model(packs))},
        rejects_by_reason=by_reason, timings={k: round(v, 3) for k, v in timings.items()})
    _write_report(result, report_path)
    return result


def _pack_model(packs: Sequence[RulePack]) -> str | None:
    return next((p.model or DEFAULT_MODEL for p in packs if p.kind == "prototypes"), None)


def _convert(kept: pl.DataFrame, item: _Loaded, target: str, rejects: list[BadRow], on_bad_row: str) -> pl.DataFrame:
    if MESSAGES not in kept.columns:
        kept = kept.with_columns(canonical_expr(item.fmt).alias(MESSAGES))
    converted, unfit = convert(kept, item.fmt, target)
    if not unfit:
        return converted
    lines = kept[LINE].to_list()
    if on_bad_row == "error":
        index, reason = unfit[0]
        raise InputError(f"{item.table.where(lines[index])}: cannot write as {target}: {reason} (pass --on-bad-row skip to set such rows aside)")
    drop = {index for index, _ in unfit}
    originals = kept.select([c for c in kept.columns if c not in INTERNAL and c not in FLAG_COLUMNS]).to_dicts()
    rejects.extend(BadRow(item.table.where(lines[i]), f"cannot write as {target}: {reason}", originals[i]) for i, reason in unfit)
    return converted.filter(~pl.Series([i in drop for i in range(converted.height)]))


def _write_report(result: FilterReport, path: Path) -> None:
    import json

    from .io import write_bytes_atomic

    write_bytes_atomic(path, (json.dumps(result.to_dict(), indent=2, ensure_ascii=False) + "\n").encode())


__all__ = ["FilterConfig", "FilterReport", "filter_dataset", "input_info", "load_input", "prepare_table", "side_paths", "stage_arguments"]
