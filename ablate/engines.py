"""The ray engine: `ablate filter` and `ablate dedup` over shards in parallel with Ray Data.

The work is the local engine's, shard for shard (`ablate.shards`): the same reader, detector,
MinHash and LSH functions, so both engines give the same rows, flags and clusters. Ray Data
schedules one task per shard (`map_batches` over the shard list, one actor per CPU keeping the rule
packs and the embedding model loaded); each task writes its own output shard atomically next to
the others, and a small `.shards/part-NNNNN.json` record, written last, marks it done: a rerun
with the same settings skips finished shards. The driver only adds up counts, checks that
`rows in = kept + removed + rejected`, and writes the report.

Output of `--engine ray -o OUT`: a folder `OUT/` with `part-NNNNN.<ext>` (kept rows, in the input's
container), `removed/part-NNNNN.<ext>`, `rejects/part-NNNNN.jsonl` and `report.json`. Every ablate
command that reads data takes such a folder as input (its `part-*` files, in order).

Ray starts a local instance unless `ray_address` (or `$RAY_ADDRESS`) names a cluster, e.g.
`ray://head-node:10001`; the inputs and the output folder must then be on storage every node sees,
and ablate installed on every node.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
from dataclasses import asdict
from pathlib import Path
from typing import Callable, Sequence

from .errors import ConfigError
from .io import BadRow, write_bytes_atomic, write_jsonl_records

_DONE = ".shards"


def start_ray(address: str | None = None):
    """Connect to `address` (or $RAY_ADDRESS), else start a local Ray instance on this machine's cores."""
    try:
        import ray
    except ImportError:
        raise ConfigError("the ray engine needs Ray Data: pip install 'ablate[ray]'") from None
    if not ray.is_initialized():
        address = address or os.environ.get("RAY_ADDRESS")
        ray.init(address=address, include_dashboard=False, ignore_reinit_error=True, log_to_driver=False,
                 logging_level="ERROR", **({} if address else {"num_cpus": os.cpu_count()}))
        import logging
        import sys

        from ray.data import DataContext

        context = DataContext.get_current()
        context.enable_progress_bars = sys.stderr.isatty()  # Ray Data's own bars on a terminal; nothing in a log
        context.print_on_execution_start = False
        logging.getLogger("ray.data").setLevel(logging.WARNING)
    return ray


def _ext(path: str) -> str:
    from .io import container_of

    return "." + container_of(path)[0]


def _shard_key(kind: str, config, shard) -> str:
    blob = json.dumps({"kind": kind, "config": asdict(config), "shard": asdict(shard)}, sort_keys=True, default=str)
    return hashlib.sha256(blob.encode()).hexdigest()[:20]


def _finished(folder: Path, name: str, key: str) -> dict | None:
    try:
        record = json.loads((folder / _DONE / f"{name}.json").read_text())
    except (OSError, ValueError):
        return None
    return record if record.get("key") == key and Path(record.get("kept", "")).exists() else None


def run_shards(worker_class, shards: Sequence, constructor: dict, stage: Callable[[str], None], what: str) -> list[dict]:
    """Run `worker_class(**constructor).run(item)` on every item (a shard, or a tuple of `run`'s arguments for
    one shard) through Ray Data; returns the records, in shard order."""
    import cloudpickle

    ray = start_ray(constructor["config"].ray_address)
    stage(f"{what} {len(shards)} shard{'s' * (len(shards) != 1)} on Ray ({int(ray.cluster_resources().get('CPU', 1))} CPUs)")
    items = [{"shard": cloudpickle.dumps(s if isinstance(s, tuple) else (s,))} for s in shards]
    dataset = ray.data.from_items(items, override_num_blocks=max(1, len(items)))
    workers = max(1, min(len(items), int(ray.cluster_resources().get("CPU", 1))))
    results = dataset.map_batches(worker_class, fn_constructor_kwargs=constructor, batch_size=1, num_cpus=1, batch_format="pandas",
                                  compute=ray.data.ActorPoolStrategy(min_size=1, max_size=workers)).take_all()
    records = [json.loads(r["record"]) for r in results]
    return sorted(records, key=lambda r: r["index"])


class _Worker:
    """A Ray actor's entry point: each item of a batch is the arguments of the subclass's `run`."""

    def __call__(self, batch):
        import cloudpickle
        import pandas as pd

        records = [self.run(*cloudpickle.loads(blob)) for blob in batch["shard"]]
        return pd.DataFrame({"record": [json.dumps(r) for r in records]})


# --------------------------------------------------------------------------- filter


class _FilterWorker(_Worker):
    """One Ray actor: the packs (and the embedding model, once used) stay loaded across shards."""

    def __init__(self, config, formats: dict, output: str):
        from .detect.ensemble import packs_for
        from .overrides import read_overrides

        self.config, self.formats, self.output = config, formats, Path(output)
        self.packs = packs_for(config.detector, config.filters)
        self.overrides = read_overrides(config.overrides) if config.overrides else {}

    def run(self, shard) -> dict:
        from .filtering import filter_into

        name = f"part-{shard.index:05d}"
        key = _shard_key("filter", self.config, shard)
        done = _finished(self.output, name, key)
        if done:
            return done
        ext = _ext(shard.path) if not self.config.output_format else ".jsonl"
        totals, rejects = filter_into([shard], self.formats, self.packs, self.config, self.overrides,
                                      self.output / f"{name}{ext}", self.output / "removed" / f"{name}{ext}")
        rejects_path = self.output / "rejects" / f"{name}.jsonl"
        if rejects:
            write_jsonl_records([r.to_dict() for r in rejects], rejects_path)
        else:
            rejects_path.unlink(missing_ok=True)
        record = {"index": shard.index, "key": key, "totals": asdict(totals), "rejects": len(rejects),
                  "kept": str(self.output / f"{name}{ext}")}
        write_bytes_atomic(self.output / _DONE / f"{name}.json", (json.dumps(record) + "\n").encode())
        return record


def filter_on_ray(shards, formats, config, output: Path, stage: Callable[[str], None]):
    """`ablate filter --engine ray`: (totals, outputs, rejects) as the local engine returns them."""
    from .filtering import ShardTotals

    output.mkdir(parents=True, exist_ok=True)
    _remove_stale(output, len(shards))
    records = run_shards(_FilterWorker, shards, {"config": config, "formats": formats, "output": str(output)}, stage, "filtering")
    totals, rejects = ShardTotals(), []
    for record in records:
        part = ShardTotals(**{k: ({int(i): v for i, v in value.items()} if k == "rows_in" else value)
                              for k, value in record["totals"].items()})
        totals.add(part)
    for path in sorted((output / "rejects").glob("part-*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                data = json.loads(line)
                rejects.append(BadRow(data["source"], data["reason"], data.get("raw")))
    outputs = {"kept": str(output), "removed": str(output / "removed") if any((output / "removed").glob("part-*")) else None,
               "rejects": str(output / "rejects") if rejects else None}
    return totals, outputs, rejects


def _remove_stale(output: Path, shards: int) -> None:
    """Parts numbered beyond this run's shards are left from a run over other inputs: remove them."""
    for folder in (output, output / "removed", output / "rejects", output / _DONE):
        for path in folder.glob("part-*"):
            try:
                index = int(path.name.split(".")[0].split("-")[1])
            except (IndexError, ValueError):
                continue
            if index >= shards:
                path.unlink()


# --------------------------------------------------------------------------- dedup


class _HashWorker(_Worker):
    """One Ray actor for dedup's first pass: MinHash signer and benchmark index built once."""

    def __init__(self, config, formats: dict, bands: int, bench_dir: str | None, workdir: str):
        from .dedup import benchmark_index
        from .minhash import Signer

        self.config, self.formats, self.bands, self.workdir = config, formats, bands, Path(workdir)
        self.signer = Signer(config.num_perm, config.seed)
        self.index = benchmark_index(Path(bench_dir), config, self.signer) if bench_dir else None

    def run(self, shard) -> dict:
        from .dedup import Hashed, hash_shard

        folder = self.workdir / f"part-{shard.index:05d}"
        shutil.rmtree(folder, ignore_errors=True)  # a retried task starts afresh
        part = hash_shard(shard, self.formats.get(shard.path), self.config, self.signer, self.index, Hashed.create(folder, self.bands))
        return {"index": shard.index, "reasons": {str(k): v for k, v in part.reasons.items()}, "hits": part.hits,
                "rows_in": {str(k): v for k, v in part.rows_in.items()}, "rejects": [r.to_dict() for r in part.rejects],
                "rows": part.rows, "wordless": part.wordless, "shard_rows": {str(k): v for k, v in part.shard_rows.items()}}


def hash_on_ray(shards, formats, config, bands: int, bench_dir, workdir: Path, stage: Callable[[str], None]):
    """Dedup's first pass over every shard in parallel; the parts joined in input order on disk, as the local engine makes them."""
    from .dedup import Hashed

    records = run_shards(_HashWorker, shards, {"config": config, "formats": formats, "bands": bands,
                                               "bench_dir": str(bench_dir) if bench_dir else None, "workdir": str(workdir)},
                         stage, "hashing")
    hashed = Hashed.create(workdir / "rows", bands)
    for record in records:
        part = Hashed.create(workdir / f"part-{record['index']:05d}", bands)
        part.reasons = {int(k): v for k, v in record["reasons"].items()}
        part.hits, part.rows_in = record["hits"], {int(k): v for k, v in record["rows_in"].items()}
        part.rejects = [BadRow(r["source"], r["reason"], r["raw"]) for r in record["rejects"]]
        part.rows, part.wordless = record["rows"], record["wordless"]
        part.shard_rows = {int(k): v for k, v in record["shard_rows"].items()}
        hashed.extend(part)
        part.columns.remove()
    return hashed


class _WriteWorker(_Worker):
    """One Ray actor for dedup's second pass: writes one shard's kept and removed part from its slice of the verdicts."""

    def __init__(self, config, formats: dict, output: str, workdir: str):
        self.config, self.formats, self.output, self.workdir = config, formats, Path(output), Path(workdir)

    def run(self, shard, position: int, verdicts, previews_of: list[int]) -> dict:
        from .dedup import write_rows

        name = f"part-{shard.index:05d}{_ext(shard.path)}"
        written = write_rows([shard], self.formats, verdicts, self.config, position, previews_of,
                             self.output / name, self.output / "removed" / name)
        listing = None
        if written.listing is not None:
            listing = str(self.workdir / f"listing-{shard.index:05d}.parquet")
            written.listing.write_parquet(listing)
        return {"index": shard.index, "kept": written.kept, "removed": written.removed, "listing": listing,
                "previews": {str(k): v for k, v in written.previews.items()}}


def write_on_ray(shards, shard_rows: dict[int, int], formats, verdicts, config, previews_of: list[int], output: Path,
                 workdir: Path, stage: Callable[[str], None]):
    """Dedup's second pass, a part per shard in parallel: each task gets only its rows' verdicts."""
    import polars as pl

    from .dedup import Written

    tasks, position = [], 0
    for shard in shards:
        rows = shard_rows.get(shard.index, 0)
        tasks.append((shard, position, verdicts.within(position, position + rows), [r for r in previews_of if position <= r < position + rows]))
        position += rows
    records = run_shards(_WriteWorker, tasks, {"config": config, "formats": formats, "output": str(output), "workdir": str(workdir)},
                         stage, "writing")
    return [Written(r["kept"], r["removed"], pl.read_parquet(r["listing"]) if r["listing"] else None,
                    {int(k): v for k, v in r["previews"].items()}) for r in records]


def _stored_keys(batch: dict, columns, parts: int, skip) -> dict:
    """Ray task: (band, key, id, part) of the rows with words in some chunks of a stored column
    (`digest`, band -1, or a band's keys), leaving out the rows in `skip`."""
    import numpy as np

    from .dedup import usable_rows

    out = {"band": [], "key": [], "id": []}
    for band, start, stop in zip(batch["band"].tolist(), batch["start"].tolist(), batch["stop"].tolist()):
        for keys, rows in usable_rows(columns, "digest" if band < 0 else band, skip, start, stop):
            out["band"].append(np.full(len(rows), band, np.int64))
            out["key"].append(keys)
            out["id"].append(rows)
    joined = {name: np.concatenate(values) if values else np.zeros(0, np.uint64 if name == "key" else np.int64)
              for name, values in out.items()}
    joined["part"] = ((joined["key"] ^ joined["band"].astype(np.uint64)) % np.uint64(parts)).astype(np.int64)
    return joined


def _same_signatures(batch: dict) -> dict:
    """In one partition of (key = digest, id): (first, other) pairs of each run of equal digests."""
    import numpy as np

    from .minhash import _pairs_to_head

    ids, digest = batch["id"], batch["key"]
    order = np.lexsort((ids, digest))
    sorted_ids, sorted_digest = ids[order], digest[order]
    change = np.flatnonzero(sorted_digest[1:] != sorted_digest[:-1]) + 1
    bounds = np.concatenate([[0], change, [len(ids)]]).astype(np.int64)
    same = _pairs_to_head(sorted_ids, bounds)
    return {"a": same[:, 0].astype(np.int64), "b": same[:, 1].astype(np.int64)}


def _band_pairs(batch: dict) -> dict:
    """In one partition of (band, key, id): the candidate pairs of each (band, key) bucket,
    members in row order as the local engine orders them."""
    import numpy as np

    from .minhash import _pairs_within

    order = np.lexsort((batch["id"], batch["key"], batch["band"]))
    band, key, ids = batch["band"][order], batch["key"][order], batch["id"][order]
    change = np.flatnonzero((band[1:] != band[:-1]) | (key[1:] != key[:-1])) + 1
    bounds = np.concatenate([[0], change, [len(ids)]]).astype(np.int64)
    pairs = _pairs_within(np.arange(len(ids)), bounds)
    return {"a": ids[pairs[:, 0]].astype(np.int64), "b": ids[pairs[:, 1]].astype(np.int64)}


def candidate_pairs_on_ray(columns, bands: int, config):
    """`ablate.minhash.banded_pairs` as two Ray Data shuffles over the per-row columns that dedup's
    first pass stored (`digest`, `band0`..., `sizes`; an `ablate.spill.Columns` on storage the
    workers see): a group-by on the signature digest (identical signatures), then a group-by on the
    band keys of the distinct signatures (LSH banding). Ray tasks read the columns a chunk at a
    time; the driver holds only the pairs found."""
    import numpy as np

    from .spill import CHUNK_ROWS

    ray = start_ray(config.ray_address)
    n = columns.length("digest")
    # partitions of about half a million rows (and at least two per CPU) keep each group-by task small
    parts = max(2 * int(ray.cluster_resources().get("CPU", 1)), -(-n * max(1, bands) // 500_000))
    empty = np.zeros(0, np.int64)
    if not n or not bands:
        return empty, empty, np.zeros((0, 2), np.int64)

    def pairs(column_bands, skip, group) -> tuple[np.ndarray, np.ndarray]:
        chunks = [{"band": b, "start": start, "stop": min(n, start + CHUNK_ROWS)} for b in column_bands for start in range(0, n, CHUNK_ROWS)]
        dataset = ray.data.from_items(chunks, override_num_blocks=len(chunks)).map_batches(
            _stored_keys, batch_size=1, batch_format="numpy", fn_kwargs={"columns": columns, "parts": parts, "skip": skip})
        a, b = [empty], [empty]
        for block in dataset.groupby("part").map_groups(group, batch_format="numpy").iter_batches(batch_size=None, batch_format="numpy"):
            a.append(block["a"])
            b.append(block["b"])
        return np.concatenate(a), np.concatenate(b)

    a, b = pairs([-1], None, _same_signatures)
    same = np.stack([a, b], axis=1)
    same = same[np.lexsort((same[:, 1], same[:, 0]))]
    left, right = pairs(list(range(bands)), np.sort(same[:, 1]), _band_pairs)
    unique = np.unique(left.astype(np.uint64) * np.uint64(n) + right.astype(np.uint64))
    return (unique // np.uint64(n)).astype(np.int64), (unique % np.uint64(n)).astype(np.int64), same


__all__ = ["candidate_pairs_on_ray", "filter_on_ray", "hash_on_ray", "run_shards", "start_ray", "write_on_ray"]
