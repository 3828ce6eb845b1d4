"""The dedup stage: near-duplicate removal (MinHash LSH) and benchmark decontamination.

`dedup_dataset` is the Python API behind `ablate dedup`. Like the filter stage, nothing is lost:
`rows in = kept + removed + rejected`, removed rows go to `<stem>.removed.<ext>` with their
cluster or contamination reason, every clustered row is listed in `<stem>.clusters.jsonl`
(cluster id, representative, Jaccard similarity to it) and the counts, the largest clusters and the
benchmark hits go to `<stem>.report.json`.

Candidate pairs from LSH are verified with the exact Jaccard similarity of the two shingle sets,
so a reported similarity is exact, not an estimate.

Memory: the rows are held as in `ablate filter` (about the decompressed input size); signatures
are computed `batch_rows` rows at a time, and what stays per row for clustering is the signature
(4 × num_perm bytes, 512 B at the default 128), its distinct shingle hashes (4 bytes per word,
roughly) and about 100 bytes of bookkeeping: about 1 KB per row on top of the rows themselves.
"""

from __future__ import annotations

import time
from dataclasses import asdict, dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Callable, Literal, Sequence

import numpy as np
import polars as pl

from . import __version__
from .benchmark_data import BENCHMARKS, default_benchmark_dir, load_benchmark_items
from .errors import ConfigError, InputError
from .filtering import ACTION, INTERNAL, ROW, SOURCE, FilterConfig, input_info, load_input, side_paths, stage_arguments
from .io import LINE, write_bytes_atomic, write_jsonl_records, write_table
from .decontaminate import PARAPHRASE_NGRAM, build_index, match
from .decontaminate import reasons as contamination_reasons
from .minhash import ShingleSets, Signer, cluster, lsh_bands, ngrams, tokenize
from .records import assistant_turns

Field = Literal["prompt", "response", "both"]
DEDUP_COLUMNS = ("dedup_cluster", "dedup_similarity", "contamination")
_TEXT, _PROMPT, _RESPONSE = "_text", "_prompt_text", "_response_text"


@dataclass(frozen=True)
class DedupConfig:
    """Every option of `ablate dedup`, with the same names as the CLI flags and the TOML keys."""

    threshold: float = 0.8  # Jaccard similarity (word n-gram sets) at which two rows are near-duplicates
    num_perm: int = 128  # MinHash permutations
    ngram: int = 5  # words per shingle
    field: Field = "both"  # which text is compared: prompts, responses, or both together
    seed: int = 1  # MinHash permutation seed
    duplicates: Literal["drop", "keep"] = "drop"  # keep: annotate clusters but remove nothing
    decontaminate: str | None = None  # benchmark data directory ('default': ../shared/data/benchmarks)
    benchmarks: tuple[str, ...] = BENCHMARKS
    contaminated: Literal["drop", "keep"] = "drop"
    overlap: float = 0.5  # share of a benchmark item's 13-grams found in a row that makes it contaminated
    overlap_ngram: int = 13
    min_item_words: int = 8  # shorter benchmark items are not matched by n-gram overlap
    paraphrase_threshold: float = 0.6  # share of an item's word 3-grams in a prompt (estimated by MinHash) for a paraphrase
    format: str | None = None
    on_bad_row: Literal["error", "skip"] = "error"
    annotate: bool | None = None  # add dedup columns to kept rows (default: when something is kept that would be dropped)
    batch_rows: int = 20_000

    def __post_init__(self) -> None:
        if not 0 < self.threshold <= 1:
            raise ConfigError(f"threshold must be in (0, 1], not {self.threshold}")
        if not 0 < self.paraphrase_threshold <= 1 or not 0 < self.overlap <= 1:
            raise ConfigError("overlap and paraphrase_threshold must be in (0, 1]")
        if self.num_perm < 8 or self.ngram < 1 or self.overlap_ngram < 1 or self.batch_rows < 1:
            raise ConfigError("num_perm must be at least 8; ngram, overlap_ngram and batch_rows at least 1")
        if self.field not in ("prompt", "response", "both"):
            raise ConfigError(f"field must be prompt, response or both, not {self.field!r}")
        for name in ("duplicates", "contaminated"):
            if getattr(self, name) not in ("drop", "keep"):
                raise ConfigError(f"{name} must be drop or keep, not {getattr(self, name)!r}")
        if self.annotate is None:
            object.__setattr__(self, "annotate", self.duplicates == "keep" or self.contaminated == "keep")


@dataclass
class DedupReport:
    config: DedupConfig
    inputs: list[dict]
    outputs: dict[str, str | None]
    counts: dict[str, int]
    lsh: dict
    largest_clusters: list[dict]
    contamination: dict
    timings: dict[str, float]
    created: str = field(default_factory=lambda: datetime.now(timezone.utc).isoformat(timespec="seconds"))

    def to_dict(self) -> dict:
        data = asdict(self)
        data["config"] = {k: list(v) if isinstance(v, tuple) else v for k, v in asdict(self.config).items()}
        return {"stage": "dedup", "ablate_version": __version__, **data}


def row_texts(frame: pl.DataFrame, fmt, what: Field) -> pl.DataFrame:
    """Per row (ROW): the compared text and the prompt text (for paraphrase matching)."""
    turns = assistant_turns(frame, fmt, row=ROW)
    per_row = turns.group_by(ROW, maintain_order=True).agg(
        pl.col("prompt").fill_null("").str.join("\n").alias("_p"), pl.col("content").fill_null("").str.join("\n").alias("_r"))
    text = {"prompt": pl.col("_p"), "response": pl.col("_r"), "both": pl.concat_str("_p", "_r", separator="\n")}[what]
    texts = frame.select(ROW).join(per_row, on=ROW, how="left", maintain_order="left")
    return texts.select(ROW, text.fill_null("").alias(_TEXT), pl.col("_p").fill_null("").alias(_PROMPT),
                        pl.col("_r").fill_null("").alias(_RESPONSE))


def dedup_dataset(
    inputs: Sequence[str | Path] | str | Path,
    output: str | Path,
    *,
    config: DedupConfig | None = None,
    report: str | Path | None = None,
    on_stage: Callable[[str], None] | None = None,
    on_progress: Callable[[int, int], None] | None = None,
    **options,
) -> DedupReport:
    """Remove near-duplicate rows (keeping the earliest of each cluster) and rows that contain benchmark items.

    Example:
        >>> ablate.dedup_dataset("clean.jsonl", "dedup.jsonl", threshold=0.8, decontaminate="../shared/data/benchmarks")
    """
    config, paths, output = stage_arguments(DedupConfig, config, options, inputs, output)
    sides = side_paths(output)
    clusters_path = sides["report"].with_name(sides["report"].name.replace(".report.json", ".clusters.jsonl"))
    report_path = Path(report) if report else sides["report"]
    stage = on_stage or (lambda label: None)
    progress = on_progress or (lambda done, total: None)
    timings: dict[str, float] = {}
    started = time.perf_counter()

    bench_dir = _benchmark_dir(config.decontaminate)
    read_config = FilterConfig(format=config.format, on_bad_row=config.on_bad_row, detector="rules")
    loaded, next_row = [], 0
    for path in paths:
        stage(f"reading {path}")
        item = load_input(path, read_config, next_row)
        next_row += item.table.frame.height
        loaded.append(item)
    formats = {item.fmt.name for item in loaded}
    if len(formats) > 1:
        raise ConfigError("inputs have different formats (" + ", ".join(f"{i.table.path}: {i.fmt.name}" for i in loaded)
                          + "); dedup them separately or convert them with ablate filter --output-format first")
    texts = pl.concat([row_texts(item.frame, item.fmt, config.field) for item in loaded])
    timings["read"] = time.perf_counter() - started

    signer = Signer(config.num_perm, config.seed)
    index = None
    if bench_dir is not None:
        stage(f"indexing benchmark items in {bench_dir}")
        mark = time.perf_counter()
        items = load_benchmark_items(bench_dir, config.benchmarks)
        index = build_index(items, ngram=config.overlap_ngram, min_words=config.min_item_words, signer=signer)
        timings["index_benchmarks"] = time.perf_counter() - mark

    stage("hashing" + (" and matching benchmark items" if index else ""))
    mark = time.perf_counter()
    total = texts.height
    signature_parts, shingle_parts, reasons = [], [], []
    hits_per_benchmark = {name: 0 for name in index.items["benchmark"].unique(maintain_order=True).to_list()} if index else {}
    for lo in range(0, total, config.batch_rows):
        progress(lo, total)
        batch = texts.slice(lo, config.batch_rows)
        words = tokenize(batch[_TEXT])
        shingled = ngrams(words, config.ngram)
        signature_parts.append(signer.sign(shingled))
        shingle_parts.append(shingled)
        if index is None:
            continue
        # the whole exchange is searched for benchmark items, whatever --field compares
        both = words if config.field == "both" else tokenize(pl.concat_str(batch[_PROMPT], batch[_RESPONSE], separator="\n"))
        prompts = ngrams(tokenize(batch[_PROMPT]), PARAPHRASE_NGRAM)
        found_items = match(index, ngrams(both, index.ngram), prompts, signer, overlap=config.overlap,
                            paraphrase=config.paraphrase_threshold)
        reasons += contamination_reasons(index, found_items)
        for item in found_items.item[found_items.item >= 0].tolist():
            hits_per_benchmark[index.items["benchmark"][item]] += 1
    progress(total, total)
    signatures = np.concatenate(signature_parts) if signature_parts else np.zeros((0, config.num_perm), np.uint32)
    sets = ShingleSets(shingle_parts)
    del shingle_parts
    shingle_counts = sets.sizes
    timings["hash"] = time.perf_counter() - mark
    stage("clustering")
    mark = time.perf_counter()
    found = cluster(signatures, config.threshold, usable=shingle_counts > 0, exact=sets)
    timings["cluster"] = time.perf_counter() - mark

    contamination: dict = {"data_dir": None}
    if index is None:
        reasons = [None] * total
    else:
        contamination = {"data_dir": str(bench_dir), "items": dict(index.items.group_by("benchmark", maintain_order=True).len().iter_rows()),
                         "items_too_short": index.skipped, "rows_matched": hits_per_benchmark,
                         "overlap_ngram": config.overlap_ngram, "overlap": config.overlap,
                         "paraphrase_threshold": config.paraphrase_threshold}
    contaminated = np.array([r is not None for r in reasons], dtype=bool)

    # the kept copy of each cluster is its earliest row that is not itself contaminated
    keeper = _keepers(found.cluster, contaminated if config.contaminated == "drop" else np.zeros(total, bool))
    member = found.cluster >= 0
    sim = np.full(total, np.nan, dtype=np.float32)
    has_keeper = member & (keeper >= 0)
    sim[has_keeper] = sets.jaccard(np.flatnonzero(has_keeper), keeper[has_keeper])
    duplicate = has_keeper & (keeper != np.arange(total))
    remove_dup = duplicate & (config.duplicates == "drop")
    remove_con = contaminated & (config.contaminated == "drop")
    removed_mask = remove_dup | remove_con

    position_of = {row: i for i, row in enumerate(texts[ROW].to_list())}
    where = {}
    for item in loaded:
        for row, line in zip(item.frame[ROW].to_list(), item.frame[LINE].to_list()):
            where[row] = item.table.where(line)
    rows = texts[ROW].to_numpy()
    keeper_source = [where[rows[k]] if k >= 0 else None for k in keeper.tolist()]
    verdict = pl.DataFrame({
        ROW: rows,
        "dedup_cluster": pl.Series(np.where(member, found.cluster, -1)).replace(-1, None),
        "dedup_similarity": pl.Series(sim).fill_nan(None).round(4),
        "dedup_representative": pl.Series(keeper_source, dtype=pl.String),
        "contamination": pl.Series(reasons, dtype=pl.String),
        "_remove": removed_mask,
        "_con": remove_con,
    }).with_columns(pl.when("_con").then(pl.lit("contaminated")).when("_remove").then(pl.lit("duplicate")).alias(ACTION)).drop("_con")

    stage(f"writing {output}")
    mark = time.perf_counter()
    extra = ("dedup_representative", ACTION, SOURCE)
    kept_parts, removed_parts, inputs_info, rejects = [], [], [], []
    for item in loaded:
        frame = item.frame.join(verdict, on=ROW, how="left", maintain_order="left")
        kept = frame.filter(~pl.col("_remove"))
        removed = frame.filter(pl.col("_remove"))
        kept_parts.append(_finish(kept, config.annotate))
        sources = pl.Series(SOURCE, [item.table.where(line) for line in removed[LINE].to_list()], dtype=pl.String)
        removed_parts.append(_finish(removed.with_columns(sources), True, extra))
        rejects.extend(item.rejects)
        inputs_info.append(input_info(item))
    kept_all = pl.concat(kept_parts, how="diagonal_relaxed")
    removed_all = pl.concat(removed_parts, how="diagonal_relaxed")
    counts = {"rows_in": sum(i["rows"] for i in inputs_info), "kept": kept_all.height, "removed": removed_all.height,
              "rejected": len(rejects), "duplicates": int(duplicate.sum()), "contaminated": int(contaminated.sum()),
              "removed_as_duplicate": int((remove_dup & ~remove_con).sum()), "removed_as_contaminated": int(remove_con.sum()),
              "clusters": int(found.cluster.max() + 1) if member.any() else 0, "rows_in_clusters": int(member.sum()),
              "rows_without_words": int((shingle_counts == 0).sum())}
    if counts["rows_in"] != counts["kept"] + counts["removed"] + counts["rejected"]:
        raise RuntimeError(f"row counts do not reconcile: {counts}; this is a bug in ablate, please report it")

    write_table(kept_all, output)
    outputs: dict[str, str | None] = {"kept": str(output), "removed": None, "rejects": None, "clusters": None,
                                      "report": str(report_path)}
    if removed_all.height:
        outputs["removed"] = str(write_table(removed_all, sides["removed"]))
    if rejects:
        outputs["rejects"] = str(write_jsonl_records([r.to_dict() for r in rejects], sides["rejects"]))
    members = np.flatnonzero(member)
    if len(members):
        listing = pl.DataFrame({
            "source": [where[rows[i]] for i in members.tolist()],
            "cluster": found.cluster[members],
            "representative": [keeper_source[i] for i in members.tolist()],
            "similarity": np.round(sim[members].astype(np.float64), 4),
            "kept": ~removed_mask[members],
        }).sort("cluster", maintain_order=True)
        if "id" in loaded[0].frame.columns:
            ids = pl.concat([i.frame.select(ROW, pl.col("id").cast(pl.String)) for i in loaded if "id" in i.frame.columns])
            listing = listing.with_columns(pl.Series(ROW, rows[members])).join(ids, on=ROW, how="left").drop(ROW)
        outputs["clusters"] = str(write_table(listing, clusters_path))
    for key, path in (("removed", sides["removed"]), ("rejects", sides["rejects"]), ("clusters", clusters_path)):
        if outputs[key] is None:
            path.unlink(missing_ok=True)
    timings["write"] = time.perf_counter() - mark
    timings["total"] = time.perf_counter() - started

    bands, band_rows = lsh_bands(config.threshold, config.num_perm)
    result = DedupReport(
        config=config, inputs=inputs_info, outputs=outputs, counts=counts,
        lsh={"bands": bands, "rows_per_band": band_rows, "candidate_pairs": found.candidate_pairs,
             "verified_pairs": found.verified_pairs},
        largest_clusters=_largest(found.cluster, texts[_TEXT], [where[r] for r in rows.tolist()]),
        contamination=contamination, timings={k: round(v, 3) for k, v in timings.items()})
    import json

    write_bytes_atomic(report_path, (json.dumps(result.to_dict(), indent=2, ensure_ascii=False) + "\n").encode())
    return result


def _benchmark_dir(option: str | None) -> Path | None:
    if option is None:
        return None
    if option == "default":
        found = default_benchmark_dir()
        if found is None:
            raise InputError("no benchmark data directory found (looked for ../shared/data/benchmarks and "
                             "$ABLATE_BENCHMARK_DIR); pass --decontaminate DIR")
        return found
    path = Path(option)
    if not path.is_dir():
        raise InputError(f"{path}: benchmark data directory not found")
    return path


def _keepers(clusters: np.ndarray, excluded: np.ndarray) -> np.ndarray:
    """Per row: the row its cluster keeps (earliest not excluded), -1 outside clusters or when all are excluded."""
    n = len(clusters)
    keeper = np.full(n, -1, dtype=np.int64)
    member = clusters >= 0
    if not member.any():
        return keeper
    first = np.full(clusters.max() + 1, n, dtype=np.int64)
    eligible = member & ~excluded
    np.minimum.at(first, clusters[eligible], np.flatnonzero(eligible))
    keeper[member] = first[clusters[member]]
    keeper[keeper == n] = -1
    return keeper


def _largest(clusters: np.ndarray, texts: pl.Series, sources: list[str], top: int = 10) -> list[dict]:
    member = clusters >= 0
    if not member.any():
        return []
    sizes = np.bincount(clusters[member])
    out = []
    for cid in np.argsort(-sizes, kind="stable")[:top].tolist():
        first = int(np.flatnonzero(clusters == cid)[0])
        out.append({"cluster": cid, "size": int(sizes[cid]), "representative": sources[first],
                    "text": texts[first][:200]})
    return out


def _finish(frame: pl.DataFrame, annotate: bool, extra: Sequence[str] = ()) -> pl.DataFrame:
    hidden = INTERNAL | {"_remove", _TEXT, _PROMPT, _RESPONSE, *DEDUP_COLUMNS, "dedup_representative", ACTION, SOURCE}
    originals = [c for c in frame.columns if c not in hidden]
    flags = list(DEDUP_COLUMNS) if annotate else []
    return frame.select(*originals, *flags, *extra)


__all__ = ["DedupConfig", "DedupReport", "dedup_dataset"]
