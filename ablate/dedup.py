"""The dedup stage: near-duplicate removal (MinHash LSH) and benchmark decontamination.

`dedup_dataset` is the Python API behind `ablate dedup`. Like the filter stage, nothing is lost:
`rows in = kept + removed + rejected`, removed rows go to `<stem>.removed.<ext>` with their
cluster or contamination reason, every clustered row is listed in `<stem>.clusters.jsonl`
(cluster id, representative, Jaccard similarity to it) and the counts, the largest clusters and the
benchmark hits go to `<stem>.report.json`.

Candidate pairs from LSH are verified with the exact Jaccard similarity of the two shingle sets,
so a reported similarity is exact, not an estimate.

Memory is bounded by the batch, not the input: the inputs are read twice, `batch_rows` rows at a
time (JSONL, plain or gzip, line by line; Parquet by record batch; JSON arrays and CSV are read
whole, so stream those as JSONL). What pass 1 learns of each row (signature digest, one key per
LSH band, shingle count, line, file: 164 bytes at the defaults; and its shingle hashes, 4 bytes per
word) goes to files in a temporary folder beside the output (`ablate.spill.Columns`), read back a
chunk at a time. LSH banding groups the keys one hash partition of `PARTITION_ROWS` rows at a time,
and clustering works on the rows named in candidate pairs only. What stays in RAM grows with the
near-duplicates found (while clustering about 500 bytes each, for their shingle sets), not with
the input. Kept and removed rows are written as they go (JSONL and JSON outputs; Parquet
and CSV outputs are assembled in memory).
"""

from __future__ import annotations

import functools
import json
import shutil
import tempfile
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
from .filtering import (ACTION, INTERNAL, ROW, SOURCE, FilterConfig, _Loaded, config_engine, input_formats, prepare_table, side_paths,
                        stage_arguments)
from .io import LINE, BadRow, container_of, kept_and_removed, write_bytes_atomic, write_jsonl_records, write_table
from .io import where as io_where
from .decontaminate import PARAPHRASE_NGRAM, build_index, match
from .decontaminate import reasons as contamination_reasons
from .minhash import ShingleSets, Signer, banded_pairs, clusters_from_pairs, fold32, in_sorted, lsh_bands, ngrams, signature_keys, tokenize
from .records import assistant_turns
from .shards import Shard, plan_shards, read_shard
from .spill import Columns

Field = Literal["prompt", "response", "both"]
DEDUP_COLUMNS = ("dedup_cluster", "dedup_similarity", "contamination")
_TEXT, _PROMPT, _RESPONSE = "_text", "_prompt_text", "_response_text"
PARTITION_ROWS = 1_000_000  # rows grouped in memory at once by LSH banding; more rows are banded a partition at a time


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
    engine: Literal["local", "ray"] = "local"  # ray: hashing and LSH banding on Ray Data, output a folder of shards
    ray_address: str | None = None
    shard_mb: float = 128

    def __post_init__(self) -> None:
        if not 0 < self.threshold <= 1:
            raise ConfigError(f"threshold must be in (0, 1], not {self.threshold}")
        if not 0 < self.paraphrase_threshold <= 1 or not 0 < self.overlap <= 1:
            raise ConfigError("overlap and paraphrase_threshold must be in (0, 1]")
        if self.num_perm < 8 or self.ngram < 1 or self.overlap_ngram < 1 or self.batch_rows < 1:
            raise ConfigError("num_perm must be at least 8; ngram, overlap_ngram and batch_rows at least 1")
        if self.engine not in ("local", "ray"):
            raise ConfigError(f"engine must be local or ray, not {self.engine!r}")
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
    on_progress: Callable[[int, int | None], None] | None = None,
    **options,
) -> DedupReport:
    """Remove near-duplicate rows (keeping the earliest of each cluster) and rows that contain benchmark items.

    Two passes over the inputs, a batch at a time: the first hashes (and matches benchmark items),
    the second writes each row where it belongs. See the module docstring for the memory bound.

    Example:
        >>> ablate.dedup_dataset("clean.jsonl", "dedup.jsonl", threshold=0.8, decontaminate="../shared/data/benchmarks")
    """
    config, paths, output = stage_arguments(DedupConfig, config, options, inputs, output, folder=config_engine(config, options) == "ray")
    if config.engine == "ray":
        sides = {"removed": output / "removed", "rejects": output / "rejects.jsonl", "report": output / "report.json"}
        clusters_path = output / "clusters.jsonl"
        output.mkdir(parents=True, exist_ok=True)
        for stale in [*output.glob("part-*"), *(output / "removed").glob("part-*")]:  # parts of an earlier run
            stale.unlink()
    else:
        sides = side_paths(output)
        clusters_path = sides["report"].with_name(sides["report"].name.replace(".report.json", ".clusters.jsonl"))
    report_path = Path(report) if report else sides["report"]
    stage = on_stage or (lambda label: None)
    progress = on_progress or (lambda done, total: None)
    timings: dict[str, float] = {}
    started = time.perf_counter()
    bench_dir = _benchmark_dir(config.decontaminate)
    signer = Signer(config.num_perm, config.seed)
    index = None
    if bench_dir is not None:
        stage(f"indexing benchmark items in {bench_dir}")
        index = benchmark_index(bench_dir, config, signer)
        timings["index_benchmarks"] = time.perf_counter() - started
    hits_per_benchmark = {name: 0 for name in index.items["benchmark"].unique(maintain_order=True).to_list()} if index else {}
    shards = plan_shards(paths, config.shard_mb)
    formats = {path: fmt.name for path, fmt in input_formats(shards, FilterConfig(format=config.format, detector="rules")).items()}
    if len(set(formats.values())) > 1:
        raise ConfigError("inputs have different formats (" + ", ".join(f"{p}: {f}" for p, f in formats.items())
                          + "); dedup them separately or convert them with ablate filter --output-format first")
    workdir = Path(tempfile.mkdtemp(prefix=".ablate-dedup-", dir=output.parent if output.parent.exists() else None))
    try:
        # ---- pass 1: per row, the signature's keys, the shingles (on disk) and any benchmark match
        mark = time.perf_counter()
        stage("hashing" + (" and matching benchmark items" if index else ""))
        bands, band_rows = lsh_bands(config.threshold, config.num_perm)
        if config.engine == "ray":
            from .engines import hash_on_ray

            hashed = hash_on_ray(shards, formats, config, bands, bench_dir, workdir, stage)
        else:
            hashed = Hashed.create(workdir / "rows", bands)
            for shard in shards:
                hash_shard(shard, formats.get(shard.path), config, signer, index, hashed, progress)
        rejects = hashed.rejects
        for name, count in hashed.hits.items():
            hits_per_benchmark[name] += count
        total = hashed.rows
        reasons_at = hashed.reasons
        columns = hashed.columns
        row_line, row_file = columns.memmap("lines"), columns.memmap("files")
        sets = ShingleSets(values=columns.memmap("shingles"), sizes=columns.memmap("sizes"), starts=hashed.starts())
        timings["hash"] = time.perf_counter() - mark

        stage("clustering")
        mark = time.perf_counter()
        if config.engine == "ray":
            from .engines import candidate_pairs_on_ray

            left, right, same = candidate_pairs_on_ray(columns, bands, config)
        else:
            parts = -(-total // PARTITION_ROWS)
            left, right, same = banded_pairs(total, functools.partial(usable_rows, columns), bands, parts, workdir / "bands")
        found = clusters_from_pairs(left, right, same, config.threshold, sets.jaccard, exact=sets)
        members = found.rows
        contaminated = np.array(sorted(reasons_at), dtype=np.int64)
        # the kept copy of each cluster is its earliest row that is not itself contaminated
        excluded = in_sorted(members, contaminated) if config.contaminated == "drop" else np.zeros(len(members), bool)
        keeper = _keepers(members, found.cluster, excluded)
        has_keeper = keeper >= 0
        sim = np.where(has_keeper, found.similarity, np.nan).astype(np.float32)  # similarity to the representative...
        moved = has_keeper & (keeper != found.representative)  # ...unless a contaminated representative was passed over
        sim[moved] = sets.jaccard(members[moved], keeper[moved])
        duplicate = has_keeper & (keeper != members)
        remove_dup = members[duplicate] if config.duplicates == "drop" else np.zeros(0, np.int64)
        remove_con = contaminated if config.contaminated == "drop" else np.zeros(0, np.int64)
        removed_rows_at = np.union1d(remove_dup, remove_con)
        timings["cluster"] = time.perf_counter() - mark

        def places(rows: np.ndarray) -> Places:
            files, lines = np.full(len(rows), -1, np.int32), np.zeros(len(rows), np.int64)
            files[rows >= 0], lines[rows >= 0] = row_file[rows[rows >= 0]], row_line[rows[rows >= 0]]
            return Places([str(p) for p in paths], files, lines)

        # ---- pass 2: every row to the output or the removed file, a batch at a time
        stage(f"writing {output}")
        mark = time.perf_counter()
        verdicts = Verdicts(members, found.cluster, sim, places(members), places(keeper), reasons_at, removed_rows_at, remove_con)
        top = _largest_ids(members, found.cluster)
        top_sources = dict(zip(top, places(np.array(list(top.values()), dtype=np.int64)).names()))
        del sets, left, right, same  # clustering's working set (shingle sets, candidate pairs) is not needed for writing
        if config.engine == "ray":
            from .engines import write_on_ray

            written = write_on_ray(shards, hashed.shard_rows, formats, verdicts, config, list(top.values()), output, workdir, stage)
        else:
            written = [write_rows(shards, formats, verdicts, config, 0, list(top.values()), output, sides["removed"])]
        kept_rows, removed_rows = sum(w.kept for w in written), sum(w.removed for w in written)
        previews = {row: text for w in written for row, text in w.previews.items()}
        listing_parts = [w.listing for w in written if w.listing is not None]
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
    inputs_info = [{"path": shard.path, "sha256": shard.sha256, "format": formats.get(shard.path),
                    "rows": hashed.rows_in.get(shard.file_index, 0)} for shard in shards if shard.start == 0 or shard.kind == "file"]

    counts = {"rows_in": sum(i["rows"] for i in inputs_info), "kept": kept_rows, "removed": removed_rows,
              "rejected": len(rejects), "duplicates": int(duplicate.sum()), "contaminated": len(contaminated),
              "removed_as_duplicate": len(np.setdiff1d(remove_dup, remove_con)), "removed_as_contaminated": len(remove_con),
              "clusters": int(found.cluster.max() + 1) if len(members) else 0, "rows_in_clusters": len(members),
              "rows_without_words": hashed.wordless}
    if counts["rows_in"] != counts["kept"] + counts["removed"] + counts["rejected"]:
        raise RuntimeError(f"row counts do not reconcile: {counts}; this is a bug in ablate, please report it")
    outputs: dict[str, str | None] = {"kept": str(output), "removed": str(sides["removed"]) if removed_rows else None,
                                      "rejects": None, "clusters": None, "report": str(report_path)}
    if rejects:
        outputs["rejects"] = str(write_jsonl_records([r.to_dict() for r in rejects], sides["rejects"]))
    if listing_parts:
        outputs["clusters"] = str(write_table(pl.concat(listing_parts, how="diagonal_relaxed").sort("cluster", maintain_order=True),
                                              clusters_path))
    for key, path in (("removed", sides["removed"]), ("rejects", sides["rejects"]), ("clusters", clusters_path)):
        if outputs[key] is None and path.is_dir():  # the ray engine's removed/ folder, empty this time
            shutil.rmtree(path)
        elif outputs[key] is None:
            path.unlink(missing_ok=True)
    timings["write"] = time.perf_counter() - mark
    timings["total"] = time.perf_counter() - started

    contamination: dict = {"data_dir": None}
    if index is not None:
        contamination = {"data_dir": str(bench_dir), "items": dict(index.items.group_by("benchmark", maintain_order=True).len().iter_rows()),
                         "items_too_short": index.skipped, "rows_matched": hits_per_benchmark,
                         "overlap_ngram": config.overlap_ngram, "overlap": config.overlap,
                         "paraphrase_threshold": config.paraphrase_threshold}
    sizes_of = np.bincount(found.cluster)
    largest = [{"cluster": cid, "size": int(sizes_of[cid]), "representative": top_sources[cid], "text": previews.get(row, "")}
               for cid, row in top.items()]
    result = DedupReport(
        config=config, inputs=inputs_info, outputs=outputs, counts=counts,
        lsh={"bands": bands, "rows_per_band": band_rows, "candidate_pairs": found.candidate_pairs,
             "verified_pairs": found.verified_pairs},
        largest_clusters=largest, contamination=contamination, timings={k: round(v, 3) for k, v in timings.items()})
    write_bytes_atomic(report_path, (json.dumps(result.to_dict(), indent=2, ensure_ascii=False) + "\n").encode())
    return result


def benchmark_index(bench_dir: Path, config: DedupConfig, signer: Signer):
    """The benchmark items of `bench_dir` indexed for matching, with the settings of `config`."""
    items = load_benchmark_items(bench_dir, config.benchmarks)
    return build_index(items, ngram=config.overlap_ngram, min_words=config.min_item_words,
                       paraphrase=config.paraphrase_threshold, signer=signer)


def shard_chunks(shard: Shard, fmt: str | None, config: DedupConfig):
    """A shard's rows, batch by batch, prepared as `ablate filter` prepares them, in the file's
    format. A batch whose lines are all bad has fmt None."""
    for table in read_shard(shard, config.on_bad_row, config.batch_rows):
        if table.frame.height == 0:
            yield _Loaded(table, None, table.frame, list(table.bad))
            continue
        yield prepare_table(table, FilterConfig(format=fmt, on_bad_row=config.on_bad_row, detector="rules"), 0,
                            keep_flags=True)  # refusal flags pass through dedup untouched


def row_columns(bands: int) -> dict[str, type]:
    """What pass 1 keeps on disk per row (and `shingles`, the rows' shingle hashes one after another)."""
    return {"digest": np.uint64, **{f"band{b}": np.uint64 for b in range(bands)}, "sizes": np.int64, "lines": np.int64,
            "files": np.int32, "shingles": np.uint32, "starts": np.int64}


@dataclass
class Hashed:
    """Pass 1's result for some rows, in input order: per-row columns on disk (signature digest,
    band keys, shingle count, line, file; the shingles), and in memory only what is small."""

    columns: Columns
    reasons: dict[int, str] = field(default_factory=dict)  # row → contamination reason
    hits: dict[str, int] = field(default_factory=dict)  # rows matched per benchmark
    rows_in: dict[int, int] = field(default_factory=dict)  # per input file, bad rows included
    rejects: list[BadRow] = field(default_factory=list)
    rows: int = 0  # rows hashed
    wordless: int = 0  # rows without words (shingle count 0), never clustered
    shard_rows: dict[int, int] = field(default_factory=dict)  # rows hashed per shard (by shard index)

    @classmethod
    def create(cls, folder: Path, bands: int) -> "Hashed":
        return cls(Columns(folder, row_columns(bands)))

    def add(self, digest, keys, sizes, lines, files, shingles, reasons: dict[int, str]) -> None:
        """Rows hashed from one batch (`reasons` keyed by the row's place in the batch)."""
        for name, values in (("digest", digest), ("sizes", sizes), ("lines", lines), ("files", files), ("shingles", shingles),
                             *((f"band{b}", keys[:, b]) for b in range(keys.shape[1]))):
            self.columns.append(name, values)
        self.reasons.update({self.rows + row: reason for row, reason in reasons.items()})
        self.rows += len(digest)
        self.wordless += int((sizes == 0).sum())

    def extend(self, other: "Hashed") -> None:
        """`other`'s rows after these (its files are copied, so it can be removed after)."""
        self.columns.extend(other.columns)
        self.reasons.update({self.rows + row: reason for row, reason in other.reasons.items()})
        _tally(self.hits, other.hits)
        _tally(self.rows_in, other.rows_in)
        self.rejects.extend(other.rejects)
        self.rows += other.rows
        self.wordless += other.wordless
        _tally(self.shard_rows, other.shard_rows)

    def starts(self) -> np.ndarray:
        """Each row's first shingle in `shingles`, written once to disk and mapped."""
        if self.columns.length("starts") != self.rows:
            offset = 0
            for _, sizes in self.columns.chunks("sizes"):
                self.columns.append("starts", offset + np.cumsum(sizes) - sizes)
                offset += int(sizes.sum())
        return self.columns.memmap("starts")


def usable_rows(columns: Columns, column: str | int, skip: np.ndarray | None, start: int = 0, stop: int | None = None):
    """(keys, rows) chunk by chunk: a column's values ("digest" or a band number) of the rows
    start..stop that have words, except the rows in `skip` (sorted)."""
    name = column if column == "digest" else f"band{column}"
    for (first, keys), (_, sizes) in zip(columns.chunks(name, start=start, stop=stop), columns.chunks("sizes", start=start, stop=stop)):
        rows = np.arange(first, first + len(keys), dtype=np.int64)
        keep = sizes > 0
        if skip is not None:
            keep &= ~in_sorted(rows, skip)
        yield keys[keep], rows[keep]


def _tally(into: dict, counts: dict) -> None:
    for key, value in counts.items():
        into[key] = into.get(key, 0) + value


def hash_shard(shard: Shard, fmt: str | None, config: DedupConfig, signer: Signer, index, into: Hashed,
               progress: Callable[[int, int | None], None] | None = None) -> Hashed:
    """Pass 1 over one shard, appended to `into`: signature keys, shingles and shingle counts, and
    contamination per row. Both engines call this."""
    done = 0
    for chunk in shard_chunks(shard, fmt, config):
        _tally(into.rows_in, {shard.file_index: chunk.table.frame.height + len(chunk.table.bad)})
        into.rejects.extend(chunk.rejects)
        if chunk.fmt is not None:
            texts = row_texts(chunk.frame, chunk.fmt, config.field)
            words = tokenize(texts[_TEXT])
            shingled = ngrams(words, config.ngram)
            digest, keys = signature_keys(signer.sign(shingled), config.threshold)
            reasons = {}
            if index is not None:
                # the whole exchange is searched for benchmark items, whatever --field compares
                both = words if config.field == "both" else tokenize(
                    texts.select(pl.concat_str(_PROMPT, _RESPONSE, separator="\n")).to_series())
                prompts = ngrams(tokenize(texts[_PROMPT]), PARAPHRASE_NGRAM)
                found_items = match(index, ngrams(both, index.ngram), prompts, signer, overlap=config.overlap,
                                    paraphrase=config.paraphrase_threshold)
                reasons = {offset: reason for offset, reason in enumerate(contamination_reasons(index, found_items))
                           if reason is not None}
                for item in found_items.item[found_items.item >= 0].tolist():
                    _tally(into.hits, {index.benchmark_of[item]: 1})
            into.add(digest, keys, shingled.counts, chunk.frame[LINE].to_numpy(),
                     np.full(chunk.frame.height, shard.file_index, dtype=np.int32), fold32(shingled.hashes), reasons)
            done += chunk.frame.height
            _tally(into.shard_rows, {shard.index: chunk.frame.height})
        if progress:
            progress(done, None)  # rows hashed so far in this shard
    return into


@dataclass
class Places:
    """Rows named by input file and line, formatted (`file:line`) only as they are written: a
    string for every clustered row would cost about 100 bytes each."""

    paths: list[str]
    files: np.ndarray  # index into `paths`; -1: no row
    lines: np.ndarray

    def __getitem__(self, span: slice) -> "Places":
        return Places(self.paths, self.files[span], self.lines[span])

    def names(self) -> list[str | None]:
        containers = [container_of(path)[0] for path in self.paths]
        return [io_where(self.paths[f], containers[f], line) if f >= 0 else None
                for f, line in zip(self.files.tolist(), self.lines.tolist())]


class Verdicts:
    """Pass 2: what clustering decided, split batch by batch into kept rows, removed rows and the
    cluster listing. Everything is held for clustered, contaminated or removed rows only (sorted
    row numbers), so it grows with the duplicates found, not with the input; rows are named by
    their `Places`, so a slice can travel to another process."""

    def __init__(self, members, cluster, sim, sources, keepers, reasons, removed, remove_con):
        self.members, self.cluster, self.sim, self.sources, self.keepers = members, cluster, sim, sources, keepers
        self.reasons, self.removed, self.remove_con = reasons, removed, remove_con

    def within(self, start: int, stop: int) -> "Verdicts":
        """The verdicts of rows start..stop only (those a shard writes)."""
        lo, hi = np.searchsorted(self.members, [start, stop])
        between = lambda rows: rows[np.searchsorted(rows, start):np.searchsorted(rows, stop)]  # noqa: E731
        return Verdicts(self.members[lo:hi], self.cluster[lo:hi], self.sim[lo:hi], self.sources[lo:hi], self.keepers[lo:hi],
                        {r: v for r, v in self.reasons.items() if start <= r < stop}, between(self.removed), between(self.remove_con))

    def split(self, chunk: _Loaded, position: int, config: DedupConfig):
        n = chunk.frame.height
        rows = np.arange(position, position + n)
        lo, hi = np.searchsorted(self.members, [position, position + n])
        in_cluster = self.members[lo:hi] - position  # places in this batch of its clustered rows
        cluster, sim = np.full(n, -1, np.int64), np.full(n, np.nan, np.float32)
        cluster[in_cluster], sim[in_cluster] = self.cluster[lo:hi], self.sim[lo:hi]
        keepers: list[str | None] = [None] * n
        keeper_names = self.keepers[lo:hi].names()
        for at, source in zip(in_cluster.tolist(), keeper_names):
            keepers[at] = source
        remove = in_sorted(rows, self.removed)
        verdict = pl.DataFrame({
            "dedup_cluster": pl.Series(cluster).replace(-1, None),
            "dedup_similarity": pl.Series(sim).fill_nan(None).round(4),
            "dedup_representative": pl.Series(keepers, dtype=pl.String),
            "contamination": pl.Series([self.reasons.get(r) for r in rows.tolist()], dtype=pl.String),
            "_remove": remove, "_con": in_sorted(rows, self.remove_con),
        }).with_columns(pl.when("_con").then(pl.lit("contaminated")).when("_remove").then(pl.lit("duplicate")).alias(ACTION))
        frame = pl.concat([chunk.frame, verdict.drop("_con")], how="horizontal")
        kept = _finish(frame.filter(~pl.col("_remove")), config.annotate)
        removed = frame.filter(pl.col("_remove"))
        if removed.height:
            sources = pl.Series(SOURCE, [chunk.table.where(line) for line in removed[LINE].to_list()], dtype=pl.String)
            removed = _finish(removed.with_columns(sources), True, ("dedup_representative", ACTION, SOURCE))
        listing = None
        if len(in_cluster):
            listing = pl.DataFrame({
                "source": pl.Series(self.sources[lo:hi].names(), dtype=pl.String),
                "cluster": self.cluster[lo:hi],
                "representative": pl.Series(keeper_names, dtype=pl.String),
                "similarity": np.round(self.sim[lo:hi].astype(np.float64), 4),
                "kept": ~remove[in_cluster]})
            if "id" in chunk.frame.columns:
                listing = listing.with_columns(chunk.frame["id"].cast(pl.String).gather(in_cluster).alias("id"))
        return kept, removed, listing


@dataclass
class Written:
    """What pass 2 wrote for some shards."""

    kept: int
    removed: int
    listing: pl.DataFrame | None  # the cluster listing of their clustered rows
    previews: dict[int, str]  # row → the start of its compared text, for the rows asked for


def write_rows(shards: Sequence[Shard], formats: dict, verdicts: Verdicts, config: DedupConfig, position: int,
               previews_of: Sequence[int], kept_path: Path, removed_path: Path) -> Written:
    """Pass 2 over `shards`, whose first row is number `position`: kept rows to `kept_path`,
    removed rows to `removed_path` (no file when there are none). Both engines call this."""
    listing, previews = [], {}
    with kept_and_removed(kept_path, removed_path) as (kept_writer, removed_writer):
        for shard in shards:
            for chunk in shard_chunks(shard, formats.get(shard.path), config):
                if chunk.fmt is None:
                    continue
                kept, removed, part = verdicts.split(chunk, position, config)
                kept_writer.write(kept)
                if removed.height:
                    removed_writer.write(removed)
                if part is not None:
                    listing.append(part)
                n = chunk.frame.height
                wanted = [r for r in previews_of if position <= r < position + n]
                if wanted:
                    texts = row_texts(chunk.frame, chunk.fmt, config.field)[_TEXT]
                    previews.update({r: texts[r - position][:200] for r in wanted})
                position += n
    return Written(kept_writer.rows, removed_writer.rows, pl.concat(listing, how="diagonal_relaxed") if listing else None, previews)


def _largest_ids(members: np.ndarray, clusters: np.ndarray, top: int = 10) -> dict[int, int]:
    """{cluster id: its earliest row} for the largest clusters (`members`: the clustered rows, sorted)."""
    if not len(members):
        return {}
    sizes = np.bincount(clusters)
    return {cid: int(members[clusters == cid][0]) for cid in np.argsort(-sizes, kind="stable")[:top].tolist()}


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


def _keepers(members: np.ndarray, clusters: np.ndarray, excluded: np.ndarray) -> np.ndarray:
    """Per clustered row: the row its cluster keeps (its earliest not excluded), -1 when all are excluded."""
    if not len(members):
        return np.zeros(0, np.int64)
    sentinel = np.iinfo(np.int64).max
    first = np.full(clusters.max() + 1, sentinel, dtype=np.int64)
    np.minimum.at(first, clusters[~excluded], members[~excluded])
    keeper = first[clusters]
    keeper[keeper == sentinel] = -1
    return keeper


def _finish(frame: pl.DataFrame, annotate: bool, extra: Sequence[str] = ()) -> pl.DataFrame:
    hidden = INTERNAL | {"_remove", _TEXT, _PROMPT, _RESPONSE, *DEDUP_COLUMNS, "dedup_representative", ACTION, SOURCE}
    originals = [c for c in frame.columns if c not in hidden]
    flags = list(DEDUP_COLUMNS) if annotate else []
    return frame.select(*originals, *flags, *extra)


__all__ = ["DedupConfig", "DedupReport", "Hashed", "Verdicts", "Written", "dedup_dataset", "hash_shard", "shard_chunks", "usable_rows", "write_rows"]
