"""The filter stage: find refusal-style responses and drop, keep (annotated) or isolate them.

`filter_dataset` is the Python API behind `ablate filter`. Nothing is lost: every input row
ends up kept (possibly with refusing turns cut out), removed (written to the `.removed` side
file with its reason) or rejected (bad input, written to the `.rejects` side file), and
`rows in = kept + removed + rejected` is checked before anything is written.
"""

from __future__ import annotations

import json
import os
import time
from dataclasses import asdict, dataclass, field, replace
from datetime import datetime, timezone
from pathlib import Path
from typing import Callable, Literal, Sequence

import polars as pl

from . import __version__
from .detect.embedding import DEFAULT_MODEL, embedding_precision
from .detect.ensemble import DETECTORS, detect, packs_for
from .detect.packs import CATEGORIES, REFUSAL_CATEGORIES, RulePack
from .detect.rules import CATEGORY_RANK
from .dataset import row_ids
from .errors import ConfigError, InputError
from .io import LINE, RAW_END, RAW_START, BadRow, RawLines, RawTable, _frame_from_dicts, container_of, kept_and_removed, read_table, write_jsonl_records
from .overrides import apply_overrides, read_overrides
from .shards import Shard, head, map_in_order, plan_shards, read_shard
from .records import (BAD, FLAG_SCHEMA, MESSAGES, Format, assistant_turns, bad_row_reasons, canonical_expr, convert, detect_format,
                      format_schema, keep_turns)

Policy = Literal["drop", "keep", "only"]
Turns = Literal["conversation", "truncate", "turn"]
FLAG_COLUMNS = tuple(FLAG_SCHEMA)
ROW = "_row"  # unique row number across all inputs
ACTION, SOURCE = "ablate_action", "ablate_source"  # side-file columns: what happened to a row, and where it came from
BATCH_THREADS = min(os.cpu_count() or 1, 2)  # the local engine filters this many batches side by side
INTERNAL = {ROW, LINE, BAD, MESSAGES, RAW_START, RAW_END, "_act", "_act_turns", "_packs", "_embedded"}


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
    engine: Literal["local", "ray"] = "local"  # ray: shards in parallel on a Ray cluster, output a folder of shards
    ray_address: str | None = None  # an existing cluster (ray://host:10001); default: $RAY_ADDRESS, else a local instance
    shard_mb: float = 128  # plain JSONL is cut into shards of about this size (Parquet: by row groups)
    batch_rows: int = 200_000  # rows in memory at once, per worker

    def __post_init__(self) -> None:
        if self.refusals not in ("drop", "keep", "only"):
            raise ConfigError(f"refusals must be drop, keep or only, not {self.refusals!r}")
        if self.turns not in ("conversation", "truncate", "turn"):
            raise ConfigError(f"turns must be conversation, truncate or turn, not {self.turns!r}")
        if self.detector not in DETECTORS:
            raise ConfigError(f"detector must be one of {', '.join(DETECTORS)}, not {self.detector!r}")
        if self.on_bad_row not in ("error", "skip"):
            raise ConfigError(f"on_bad_row must be error or skip, not {self.on_bad_row!r}")
        if self.engine not in ("local", "ray"):
            raise ConfigError(f"engine must be local or ray, not {self.engine!r}")
        if self.batch_rows < 1 or self.shard_mb <= 0:
            raise ConfigError("batch_rows must be at least 1 and shard_mb above 0")
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
    engine: dict = field(default_factory=dict)  # which engine ran, over how many shards
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


def _check_reserved(columns: Sequence[str], where: str) -> None:
    reserved = sorted(INTERNAL & set(columns) - {LINE})
    if reserved:
        raise InputError(f"{where}: column(s) {', '.join(reserved)} are reserved by ablate; rename them")


def prepare_table(table: RawTable, config: FilterConfig, first_row: int, keep_flags: bool = False) -> _Loaded:
    """A table as read → its format, good rows (numbered from first_row) with internal columns, and rejects.

    Refusal flags of an earlier filter run are dropped (filtering replaces them) unless keep_flags."""
    path = table.path
    _check_reserved([c for c in table.frame.columns if table.raw is None or c not in (RAW_START, RAW_END)], str(path))
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
        originals = _whole_lines(bad, table) if table.raw is not None else bad.drop(ROW, BAD, LINE).to_dicts()
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


def stage_arguments(config_type, config, options: dict, inputs, output, folder: bool = False) -> tuple:
    """Check a stage's common arguments: (config built from options if not given, input paths, output path).

    An input folder stands for its `part-*` shards (what the ray engine writes); with `folder`
    the output is a folder of shards, else a file whose extension names its container."""
    if config is None:
        config = config_type(**{k: tuple(v) if isinstance(v, list) else v for k, v in options.items()})
    elif options:
        raise ConfigError("pass either config= or keyword options, not both")
    paths = [part for p in ([inputs] if isinstance(inputs, (str, Path)) else inputs) for part in shard_files(Path(p))]
    if not paths:
        raise ConfigError("no input files given")
    output = Path(output)
    if folder:
        if output.exists() and not output.is_dir():
            raise ConfigError(f"{output}: the ray engine writes a folder of shards; this is a file")
    elif not output.suffix or output.is_dir():
        raise ConfigError(f"{output}: the output needs a file extension (.jsonl, .json, .parquet, .csv, + .gz); "
                          "a folder of shards is written by --engine ray")
    else:
        container_of(output)  # fail on an unknown output type before doing any work
    if output.resolve() in {p.resolve() for p in paths}:
        raise ConfigError(f"{output}: output would overwrite an input; choose another path")
    return config, paths, output


def shard_files(path: Path) -> list[Path]:
    """A data file, or the `part-*` data files of a folder written by the ray engine, in order."""
    if not path.is_dir():
        return [path]
    parts = sorted(p for p in path.glob("part-*") if p.is_file() and not p.name.endswith(".tmp"))
    if not parts:
        raise InputError(f"{path}: a folder without part-* data files (expected the output of --engine ray)")
    # a shard that kept no rows leaves an empty part: nothing to read, and not an error
    return [p for p in parts if not _empty_part(p)] or parts[:1]


def _empty_part(path: Path) -> bool:
    if path.stat().st_size == 0:
        return True
    if container_of(path)[0] == "parquet":
        import pyarrow.parquet as pq

        try:
            return pq.ParquetFile(path).metadata.num_rows == 0
        except Exception:  # unreadable: let the reader say so
            return False
    return False


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
        output: where the kept rows go; its extension picks the container. With `engine="ray"`,
            a folder of `part-NNNNN` shards (see `ablate.engines`).
        config: a `FilterConfig`; or pass its fields as keyword options (`refusals="keep"`).
        report: path of the JSON report (default: `<output stem>.report.json`).
        on_stage: called with a short label as each stage starts (for progress display).
        on_progress: called with (done, total) as the embedding detector works through rows.

    Example:
        >>> ablate.filter_dataset("data.jsonl", "clean.jsonl", refusals="drop")
    """
    config, paths, output = stage_arguments(FilterConfig, config, options, inputs, output, folder=config_engine(config, options) == "ray")
    stage = on_stage or (lambda label: None)
    started = time.perf_counter()
    stage("loading rule packs")
    packs = packs_for(config.detector, config.filters)
    if config.overrides:
        read_overrides(config.overrides)  # a bad overrides file fails here, before any work
    if config.embedding_model and config.detector != "rules":  # a model named by the user fails here, not mid-run
        from .detect.embedding import load_model

        load_model(config.embedding_model)
    stage("reading " + ", ".join(str(p) for p in paths))
    shards = plan_shards(paths, config.shard_mb)
    formats = input_formats(shards, config)
    if len({f.name for f in formats.values()}) > 1 and config.output_format is None:
        listing = ", ".join(f"{path}: {fmt.name}" for path, fmt in formats.items())
        raise ConfigError(f"inputs have different formats ({listing}); pass --output-format to write them into one file")
    timings = {"plan": time.perf_counter() - started}
    stage("detecting refusals")
    mark = time.perf_counter()
    if config.engine == "ray":
        from .engines import filter_on_ray

        totals, outputs, rejects = filter_on_ray(shards, formats, config, output, stage)
        sides = {"removed": output / "removed", "rejects": output / "rejects", "report": output / "report.json"}
    else:
        sides = side_paths(output)
        totals, outputs, rejects = _filter_locally(shards, formats, packs, config, output, sides, on_progress)
    timings["filter"] = time.perf_counter() - mark
    timings["total"] = time.perf_counter() - started
    report_path = Path(report) if report else sides["report"]
    outputs["report"] = str(report_path)
    result = _report(config, packs, shards, formats, totals, outputs, rejects, timings)
    _write_report(result, report_path)
    return result


def config_engine(config: FilterConfig | None, options: dict) -> str:
    return config.engine if config is not None else options.get("engine", "local")


def input_formats(shards: Sequence[Shard], config: FilterConfig) -> dict[str, Format]:
    """Each input's format, from its first good rows (or --format); every batch of the file is read
    with it, so a batch that lacks an optional column is not taken for another format."""
    formats: dict[str, Format] = {}
    by_file: dict[str, list[Shard]] = {}
    for shard in shards:
        by_file.setdefault(shard.path, []).append(shard)
    for path, pieces in by_file.items():
        rows = 0
        # the first lines usually settle it; only when they are all bad rows is more read
        candidates = [head(pieces[0])] + pieces
        for table in (t for shard in candidates for t in read_shard(shard, "skip", 1000)):
            rows += table.frame.height + len(table.bad)
            if table.frame.height:
                formats[path] = detect_format([c for c in table.frame.columns if c != LINE], config.format, where=path)
                break
        if rows == 0:
            raise InputError(f"{path}: the file holds no rows")
    return formats


@dataclass
class ShardTotals:
    """What filtering some rows did, added up over batches and shards."""

    rows_in: dict[int, int] = field(default_factory=dict)  # per input file
    kept: int = 0
    removed: int = 0  # rows in the removed file (modified rows included)
    modified: int = 0
    overridden: int = 0
    embedded: int = 0
    categories: dict[str, int] = field(default_factory=lambda: {c: 0 for c in CATEGORIES})
    packs: dict[str, int] = field(default_factory=dict)

    def add(self, other: "ShardTotals") -> None:
        for key, value in other.rows_in.items():
            self.rows_in[key] = self.rows_in.get(key, 0) + value
        self.kept += other.kept
        self.removed += other.removed
        self.modified += other.modified
        self.overridden += other.overridden
        self.embedded += other.embedded
        for key, value in other.categories.items():
            self.categories[key] = self.categories.get(key, 0) + value
        for key, value in other.packs.items():
            self.packs[key] = self.packs.get(key, 0) + value


def filter_shards(shards: Sequence[Shard], formats: dict[str, Format], packs: Sequence[RulePack], config: FilterConfig, overrides: dict,
                  on_progress: Callable[[int, int], None] | None = None, verbatim: bool = False, threads: int = 1):
    """Filter shards batch by batch: yields (kept rows, removed rows, rejects, totals) per batch,
    in order, `threads` batches at a time (the next shard is read while the last batches of one
    are filtered).

    Both engines call this, so a shard gives the same rows whichever runs it. With `verbatim`
    (a JSONL output), rows that pass through untouched (no flags added, no turns cut, no
    conversion, no overrides) are read lean and kept as the exact lines they came in as."""
    def batches():
        for shard in shards:
            fmt = formats.get(shard.path)
            lean = verbatim and not (config.annotate or config.output_format or overrides
                                     or (fmt.multi_turn and config.turns != "conversation"))
            batch_config = replace(config, format=fmt.name)
            for table in read_shard(shard, config.on_bad_row, config.batch_rows, format_schema(fmt) if lean else None):
                yield table, shard, batch_config

    yield from map_in_order(lambda item: _filter_batch(*item, packs, overrides, on_progress), batches(), threads)


def _filter_batch(table: RawTable, shard: Shard, config: FilterConfig, packs: Sequence[RulePack], overrides: dict,
                  on_progress: Callable[[int, int], None] | None):
    totals = ShardTotals(rows_in={shard.file_index: table.frame.height + len(table.bad)})
    rejects: list[BadRow] = []
    if table.frame.height == 0:
        return None, None, list(table.bad), totals
    item = prepare_table(table, config, 0)
    judged = judge_turns(item, packs, config, on_progress)
    rows = _per_row(judged, item.fmt.multi_turn)
    if overrides:
        rows, totals.overridden = _override(rows, judged, item, overrides, config)
    totals.embedded = int(rows["_embedded"].sum())
    for name, count in rows.select(pl.col("_packs").explode().drop_nulls().value_counts()).unnest("_packs").iter_rows():
        totals.packs[name] = count
    for name, count in rows.group_by("aligned_category").len().drop_nulls().iter_rows():
        totals.categories[name] += count
    kept, removed, totals.modified = _apply_policy(item, rows, config)
    rejects.extend(item.rejects)
    if item.table.raw is not None:  # read lean: kept rows go out as the bytes they came in as
        kept = RawLines(item.table.raw, kept[RAW_START].to_numpy(), kept[RAW_END].to_numpy())
        removed = _whole_rows(removed, item.table)
    else:
        if config.output_format:
            kept = _convert(kept, item, config.output_format, rejects, config.on_bad_row)
        kept = _finish(kept, config.annotate)
    sources = pl.Series(SOURCE, [item.table.where(line) for line in removed[LINE].to_list()], dtype=pl.String)
    removed = _finish(removed.with_columns(sources), True, extra=(ACTION, SOURCE))
    totals.kept, totals.removed = kept.height, removed.height
    return kept, removed, rejects, totals


def _whole_lines(frame: pl.DataFrame, table: RawTable) -> list[dict]:
    """Rows of a table read lean, parsed whole from their lines."""
    return [json.loads(table.raw[a:b]) for a, b in zip(frame[RAW_START].to_list(), frame[RAW_END].to_list())]


def _whole_rows(frame: pl.DataFrame, table: RawTable) -> pl.DataFrame:
    """Rows of a table read lean (decoded fields + where their lines lie) with every field of
    their lines, for the removed file."""
    spans = (RAW_START, RAW_END)
    if not frame.height:
        return frame.drop(spans)
    lines = [table.raw[a:b].rstrip(b"\r\n") for a, b in zip(frame[RAW_START].to_list(), frame[RAW_END].to_list())]
    try:
        whole = pl.read_ndjson(b"\n".join(lines), infer_schema_length=None)
    except Exception:  # a field with different types in different rows: build the frame from dicts
        whole = _frame_from_dicts(table.path, [json.loads(line) for line in lines], frame[LINE].to_list()).drop(LINE)
    _check_reserved(whole.columns, table.where(frame[LINE][0]))
    return pl.concat([whole, frame.drop(*spans, *[c for c in whole.columns if c in frame.columns])], how="horizontal")


def filter_into(shards: Sequence[Shard], formats: dict, packs, config: FilterConfig, overrides: dict, kept_path: Path,
                removed_path: Path, on_progress=None, threads: int = 1) -> tuple[ShardTotals, list[BadRow]]:
    """Filter shards into one kept file and one removed file, batch by batch, both written atomically
    once the counts reconcile (the removed file only when something was removed). Both engines
    use it: the local engine for all shards at once, the ray engine for one shard per part."""
    totals, rejects = ShardTotals(), []
    with kept_and_removed(kept_path, removed_path) as (kept_writer, removed_writer):
        for kept, removed, bad, batch in filter_shards(shards, formats, packs, config, overrides, on_progress,
                                                       verbatim=kept_writer.container == "jsonl", threads=threads):
            totals.add(batch)
            rejects.extend(bad)
            if kept is not None:
                kept_writer.write(kept)
                if removed.height:
                    removed_writer.write(removed)
        _reconcile(totals, len(rejects))
    return totals, rejects


def _filter_locally(shards, formats, packs, config, output: Path, sides: dict, on_progress):
    """The local engine: shard after shard, batch after batch, appended to the output as it goes;
    memory holds one batch (plus the outputs when they are Parquet or CSV, written whole)."""
    overrides = read_overrides(config.overrides) if config.overrides else {}
    totals, rejects = filter_into(shards, formats, packs, config, overrides, output, sides["removed"], on_progress,
                                  threads=BATCH_THREADS)
    outputs: dict[str, str | None] = {"kept": str(output), "removed": str(sides["removed"]) if totals.removed else None,
                                      "rejects": None}
    if rejects:
        outputs["rejects"] = str(write_jsonl_records([r.to_dict() for r in rejects], sides["rejects"]))
    else:  # a rejects file left by an earlier run would now be misleading
        sides["rejects"].unlink(missing_ok=True)
    return totals, outputs, rejects


def _reconcile(totals: ShardTotals, rejected: int) -> None:
    rows_in = sum(totals.rows_in.values())
    if rows_in != totals.kept + (totals.removed - totals.modified) + rejected:
        raise RuntimeError(f"row counts do not reconcile: {rows_in} in, {totals.kept} kept, {totals.removed - totals.modified} removed, "
                           f"{rejected} rejected; this is a bug in ablate, please report it")


def _report(config, packs, shards, formats, totals: ShardTotals, outputs, rejects, timings) -> FilterReport:
    _reconcile(totals, len(rejects))
    inputs_info, seen = [], set()
    for shard in shards:
        if shard.file_index in seen:
            continue
        seen.add(shard.file_index)
        container = container_of(shard.path)[0]
        inputs_info.append({"path": shard.path, "sha256": shard.sha256, "container": container,
                            "format": formats[shard.path].name if shard.path in formats else None, "rows": totals.rows_in.get(shard.file_index, 0)})
    counts = {"rows_in": sum(totals.rows_in.values()), "kept": totals.kept, "modified": totals.modified,
              "removed": totals.removed - totals.modified, "rejected": len(rejects), "overridden": totals.overridden}
    languages: dict[str, int] = {}
    for pack in packs:
        if totals.packs.get(pack.name):
            languages[pack.language] = languages.get(pack.language, 0) + totals.packs[pack.name]
    by_reason: dict[str, int] = {}
    for bad in rejects:  # "invalid JSON (Expecting ',' at column 7)" counts as "invalid JSON"
        head = bad.reason.split(" (")[0]
        by_reason[head] = by_reason.get(head, 0) + 1
    return FilterReport(
        config=config, inputs=inputs_info, outputs=outputs, counts=counts, categories=totals.categories,
        packs={p.name: {"rows_hit": totals.packs.get(p.name, 0), "category": p.category, "version": p.version,
                        "language": p.language, "path": str(p.path) if p.path else None} for p in packs},
        languages=languages,
        detector={"name": config.detector, "embedded": totals.embedded,
                  "model": None if config.detector == "rules" else (config.embedding_model or _pack_model(packs)),
                  # asking torch what the CPU supports costs its import (~1.4 s): only when something was embedded
                  "precision": embedding_precision() if totals.embedded else None},
        rejects_by_reason=by_reason, timings={k: round(v, 3) for k, v in timings.items()},
        engine={"name": config.engine, "shards": len(shards)})


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


__all__ = ["FilterConfig", "FilterReport", "ShardTotals", "filter_dataset", "filter_into", "filter_shards", "input_formats", "input_info", "load_input",
           "prepare_table", "shard_files", "side_paths", "stage_arguments"]
