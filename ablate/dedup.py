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
whole, so stream those as JSONL). Between the passes ablate keeps, per row, a digest of its
signature and one key per LSH band (8 bytes each: 8 × (1 + bands), 128 B at the defaults), its
line, file and shingle count (about 20 B), plus any contamination reason. The shingle hashes
(4 bytes per word) go to a temporary file beside the output and are read back only for candidate
pairs. So 10 million rows need about 1.5 GB of RAM, whatever their length; the kept rows and the
removed rows are written as they go (JSONL and JSON outputs; Parquet and CSV outputs are
assembled in memory).
"""

from __future__ import annotations

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
from .io import LINE, BadRow, TableWriter, container_of, write_bytes_atomic, write_jsonl_records, write_table
from .io import where as io_where
from .decontaminate import PARAPHRASE_NGRAM, build_index, match
from .decontaminate import reasons as contamination_reasons
from .minhash import ShingleSets, Signer, candidate_pairs, clusters_from_pairs, fold32, lsh_bands, ngrams, signature_keys, tokenize
from .records import assistant_turns
from .shards import Shard, plan_shards, read_shard

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
        if config.engine == "ray":
            from .engines import hash_on_ray

            hashed = hash_on_ray(shards, formats, config, bench_dir, workdir, stage)
        else:
            hashed = Hashed.join([hash_shard(shard, formats.get(shard.path), config, signer, index, workdir / "shingles.u32", progress)
                                  for shard in shards])
        rejects = hashed.rejects
        for name, count in hashed.hits.items():
            hits_per_benchmark[name] += count
        total = len(hashed.digest)
        reasons_at = hashed.reasons
        row_line, row_file, shingle_counts = hashed.lines, hashed.files, hashed.sizes
        values = np.memmap(hashed.shingles, dtype=np.uint32, mode="r") if shingle_counts.sum() else np.zeros(0, np.uint32)
        sets = ShingleSets(values=values, sizes=shingle_counts)
        timings["hash"] = time.perf_counter() - mark

        stage("clustering")
        mark = time.perf_counter()
        usable = shingle_counts > 0
        if config.engine == "ray":
            from .engines import candidate_pairs_on_ray

            left, right, same = candidate_pairs_on_ray(hashed.digest, hashed.keys, usable, config)
        else:
            left, right, same = candidate_pairs(hashed.digest, hashed.keys, usable)
        found = clusters_from_pairs(total, left, right, same, config.threshold, sets.jaccard, usable=usable, exact=sets)
        contaminated = np.zeros(total, dtype=bool)
        contaminated[list(reasons_at)] = True
        # the kept copy of each cluster is its earliest row that is not itself contaminated
        keeper = _keepers(found.cluster, contaminated if config.contaminated == "drop" else np.zeros(total, bool))
        member = found.cluster >= 0
        has_keeper = member & (keeper >= 0)
        sim = np.where(has_keeper, found.similarity, np.nan).astype(np.float32)  # similarity to the representative...
        moved = has_keeper & (keeper != found.representative)  # ...unless a contaminated representative was passed over
        sim[moved] = sets.jaccard(np.flatnonzero(moved), keeper[moved])
        duplicate = has_keeper & (keeper != np.arange(total))
        remove_dup = duplicate & (config.duplicates == "drop")
        remove_con = contaminated & (config.contaminated == "drop")
        removed_mask = remove_dup | remove_con
        timings["cluster"] = time.perf_counter() - mark

        def where(row: int) -> str:
            path = paths[row_file[row]]
            return io_where(path, container_of(path)[0], int(row_line[row]))

        # ---- pass 2: every row to the output or the removed file, a batch at a time
        stage(f"writing {output}")
        mark = time.perf_counter()
        verdicts = Verdicts(found.cluster, keeper, sim, reasons_at, removed_mask, remove_con, member, where)
        top = _largest_ids(found.cluster)
        previews: dict[int, str] = {}
        listing_parts = []
        kept_rows = removed_rows = 0
        position = 0
        groups = [[s] for s in shards] if config.engine == "ray" else [shards]  # ray: a part file per shard
        for group in groups:
            if config.engine == "ray":
                name = f"part-{group[0].index:05d}.{container_of(group[0].path)[0]}"
                kept_path, removed_path = output / name, output / "removed" / name
            else:
                kept_path, removed_path = output, sides["removed"]
            kept_writer, removed_writer = TableWriter(kept_path), TableWriter(removed_path)
            try:
                for shard in group:
                    for chunk in shard_chunks(shard, formats.get(shard.path), config):
                        if chunk.fmt is None:
                            continue
                        kept, removed, listing = verdicts.split(chunk, position, config)
                        kept_writer.write(kept)
                        if removed.height:
                            removed_writer.write(removed)
                        if listing is not None:
                            listing_parts.append(listing)
                        n = chunk.frame.height
                        wanted = [r for r in top.values() if position <= r < position + n]
                        if wanted:
                            texts = row_texts(chunk.frame, chunk.fmt, config.field)[_TEXT]
                            for r in wanted:
                                previews[r] = texts[r - position][:200]
                        position += n
                kept_writer.close()
            except BaseException:
                kept_writer.abort()
                removed_writer.abort()
                raise
            kept_rows += kept_writer.rows
            removed_rows += removed_writer.rows
            if removed_writer.rows:
                removed_writer.close()
            else:
                removed_writer.abort()
                removed_path.unlink(missing_ok=True)
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
    inputs_info = [{"path": shard.path, "sha256": shard.sha256, "format": formats.get(shard.path),
                    "rows": hashed.rows_in.get(shard.file_index, 0)} for shard in shards if shard.start == 0 or shard.kind == "file"]

    counts = {"rows_in": sum(i["rows"] for i in inputs_info), "kept": kept_rows, "removed": removed_rows,
              "rejected": len(rejects), "duplicates": int(duplicate.sum()), "contaminated": int(contaminated.sum()),
              "removed_as_duplicate": int((remove_dup & ~remove_con).sum()), "removed_as_contaminated": int(remove_con.sum()),
              "clusters": int(found.cluster.max() + 1) if member.any() else 0, "rows_in_clusters": int(member.sum()),
              "rows_without_words": int((shingle_counts == 0).sum())}
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
    bands, band_rows = lsh_bands(config.threshold, config.num_perm)
    sizes_of = np.bincount(found.cluster[member]) if member.any() else np.zeros(0, np.int64)
    largest = [{"cluster": cid, "size": int(sizes_of[cid]), "representative": where(row), "text": previews.get(row, "")}
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


@dataclass
class Hashed:
    """Pass 1's result for some rows, in input order: what clustering and writing need of each row."""

    digest: np.ndarray
    keys: np.ndarray
    sizes: np.ndarray  # shingles per row (0: no words, never clustered)
    lines: np.ndarray
    files: np.ndarray
    reasons: dict[int, str]  # row → contamination reason
    hits: dict[str, int]  # rows matched per benchmark
    rows_in: dict[int, int]  # per input file, bad rows included
    rejects: list[BadRow]
    shingles: Path | None = None  # the rows' shingle hashes, one after another (uint32)

    @classmethod
    def empty(cls) -> "Hashed":
        return cls(np.zeros(0, np.uint64), np.zeros((0, 0), np.uint64), np.zeros(0, np.int64), np.zeros(0, np.int64),
                   np.zeros(0, np.int32), {}, {}, {}, [])

    @classmethod
    def join(cls, parts: Sequence["Hashed"]) -> "Hashed":
        """The parts one after another (each array concatenated once: no quadratic copying)."""
        out = cls.empty()
        keyed = [p.keys for p in parts if len(p.keys)]
        if parts:
            out.digest = np.concatenate([out.digest, *[p.digest for p in parts]])
            out.keys = np.concatenate(keyed) if keyed else out.keys
            out.sizes = np.concatenate([out.sizes, *[p.sizes for p in parts]])
            out.lines = np.concatenate([out.lines, *[p.lines for p in parts]])
            out.files = np.concatenate([out.files, *[p.files for p in parts]])
        offset = 0
        for part in parts:
            out.reasons.update({offset + row: reason for row, reason in part.reasons.items()})
            for table, counts in ((out.hits, part.hits), (out.rows_in, part.rows_in)):
                for key, value in counts.items():
                    table[key] = table.get(key, 0) + value
            out.rejects.extend(part.rejects)
            out.shingles = out.shingles or part.shingles
            offset += len(part.digest)
        return out


def hash_shard(shard: Shard, fmt: str | None, config: DedupConfig, signer: Signer, index, shingle_path: Path,
               progress: Callable[[int, int | None], None] | None = None) -> Hashed:
    """Pass 1 over one shard: signature keys, shingle counts and contamination per row; the
    shingle hashes are appended to `shingle_path`. Both engines call this."""
    parts = []
    with shingle_path.open("ab") as shingle_file:
        for chunk in shard_chunks(shard, fmt, config):
            part = Hashed.empty()
            part.rows_in = {shard.file_index: chunk.table.frame.height + len(chunk.table.bad)}
            part.rejects = list(chunk.rejects)
            if chunk.fmt is not None:
                texts = row_texts(chunk.frame, chunk.fmt, config.field)
                words = tokenize(texts[_TEXT])
                shingled = ngrams(words, config.ngram)
                part.digest, part.keys = signature_keys(signer.sign(shingled), config.threshold)
                part.sizes = shingled.counts
                fold32(shingled.hashes).tofile(shingle_file)
                part.lines = chunk.frame[LINE].to_numpy()
                part.files = np.full(chunk.frame.height, shard.file_index, dtype=np.int32)
                if index is not None:
                    # the whole exchange is searched for benchmark items, whatever --field compares
                    both = words if config.field == "both" else tokenize(
                        texts.select(pl.concat_str(_PROMPT, _RESPONSE, separator="\n")).to_series())
                    prompts = ngrams(tokenize(texts[_PROMPT]), PARAPHRASE_NGRAM)
                    found_items = match(index, ngrams(both, index.ngram), prompts, signer, overlap=config.overlap,
                                        paraphrase=config.paraphrase_threshold)
                    part.reasons = {offset: reason for offset, reason in enumerate(contamination_reasons(index, found_items))
                                    if reason is not None}
                    for item in found_items.item[found_items.item >= 0].tolist():
                        part.hits[index.benchmark_of[item]] = part.hits.get(index.benchmark_of[item], 0) + 1
            parts.append(part)
            if progress:
                progress(sum(len(p.digest) for p in parts), None)  # rows hashed so far in this shard
    out = Hashed.join(parts)
    out.shingles = shingle_path
    return out


class Verdicts:
    """Pass 2: what clustering decided, split batch by batch into kept rows, removed rows and the cluster listing."""

    def __init__(self, cluster, keeper, sim, reasons, removed_mask, remove_con, member, where):
        self.cluster, self.keeper, self.sim, self.reasons = cluster, keeper, sim, reasons
        self.removed_mask, self.remove_con, self.member, self.where = removed_mask, remove_con, member, where

    def split(self, chunk: _Loaded, position: int, config: DedupConfig):
        n = chunk.frame.height
        span = slice(position, position + n)
        rows = np.arange(position, position + n)
        where = self.where
        verdict = pl.DataFrame({
            "dedup_cluster": pl.Series(self.cluster[span]).replace(-1, None),
            "dedup_similarity": pl.Series(self.sim[span]).fill_nan(None).round(4),
            "dedup_representative": pl.Series([where(k) if k >= 0 else None for k in self.keeper[span].tolist()], dtype=pl.String),
            "contamination": pl.Series([self.reasons.get(r) for r in rows.tolist()], dtype=pl.String),
            "_remove": self.removed_mask[span], "_con": self.remove_con[span],
        }).with_columns(pl.when("_con").then(pl.lit("contaminated")).when("_remove").then(pl.lit("duplicate")).alias(ACTION))
        frame = pl.concat([chunk.frame, verdict.drop("_con")], how="horizontal")
        kept = _finish(frame.filter(~pl.col("_remove")), config.annotate)
        removed = frame.filter(pl.col("_remove"))
        if removed.height:
            sources = pl.Series(SOURCE, [chunk.table.where(line) for line in removed[LINE].to_list()], dtype=pl.String)
            removed = _finish(removed.with_columns(sources), True, ("dedup_representative", ACTION, SOURCE))
        listing = None
        in_cluster = np.flatnonzero(self.member[span])
        if len(in_cluster):
            listing = pl.DataFrame({
                "source": [where(r) for r in (rows[in_cluster]).tolist()],
                "cluster": self.cluster[span][in_cluster],
                "representative": [where(k) if k >= 0 else None for k in self.keeper[span][in_cluster].tolist()],
                "similarity": np.round(self.sim[span][in_cluster].astype(np.float64), 4),
                "kept": ~self.removed_mask[span][in_cluster]})
            if "id" in chunk.frame.columns:
                listing = listing.with_columns(chunk.frame["id"].cast(pl.String).gather(in_cluster).alias("id"))
        return kept, removed, listing


def _largest_ids(clusters: np.ndarray, top: int = 10) -> dict[int, int]:
    """{cluster id: its earliest row} for the largest clusters."""
    member = clusters >= 0
    if not member.any():
        return {}
    sizes = np.bincount(clusters[member])
    out = {}
    for cid in np.argsort(-sizes, kind="stable")[:top].tolist():
        out[cid] = int(np.flatnonzero(clusters == cid)[0])
    return out


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


def _finish(frame: pl.DataFrame, annotate: bool, extra: Sequence[str] = ()) -> pl.DataFrame:
    hidden = INTERNAL | {"_remove", _TEXT, _PROMPT, _RESPONSE, *DEDUP_COLUMNS, "dedup_representative", ACTION, SOURCE}
    originals = [c for c in frame.columns if c not in hidden]
    flags = list(DEDUP_COLUMNS) if annotate else []
    return frame.select(*originals, *flags, *extra)


__all__ = ["DedupConfig", "DedupReport", "Hashed", "dedup_dataset", "hash_shard", "shard_chunks"]
